import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseText } from '../../src/modules/gazette/index.ts';

/** General rules for one document on its own (issue 13 part 2), in the shapes real documents take. */
describe('a standalone document', () => {
  it('takes the title below the masthead, and the joint issuers and date from the signature', () => {
    const text = [
      '发展改革委办公厅  文件',
      '税务总局办公厅',
      ' 发改办财金规〔2019〕860号 ',
      '关于加强个人所得税纳税信用建设的通知',
      '各省、自治区、直辖市社会信用体系建设牵头部门：',
      '为强化个人所得税纳税信用协同共治，现就有关事项通知如下。',
      '一、总体要求',
      '各地区、各部门要建立健全个人所得税纳税信用记录。',
      '国家发展改革委办公厅',
      '税务总局办公厅',
      '2019年8月20日',
    ].join('\n');
    const { documents } = parseText(text, 'notice.txt');
    assert.equal(documents.length, 1);
    const [document] = documents;
    assert.equal(document!.title, '关于加强个人所得税纳税信用建设的通知');
    assert.equal(document!.docNumber, '发改办财金规〔2019〕860号');
    assert.equal(document!.issuer, '国家发展改革委办公厅、税务总局办公厅');
    assert.equal(document!.date, '2019-08-20');
    assert.equal(document!.type, '通知');
  });

  it('reads a portal page: the metadata table is not a second document, and the signature date wins over it', () => {
    const text = [
      '索 引 号：',
      '000014349/2004-00206',
      '发文机关：',
      '国务院办公厅',
      '成文日期：',
      '2004年04月17日',
      '标　　题：',
      '国务院办公厅关于同意以哈尔滨市名义申办2009年第二十四届世界大学生冬季运动会的复函',
      '发文字号：',
      '国办函〔2004〕36号',
      '发布日期：',
      '2018年12月24日',
      '主 题 词：体育　运动会　函',
      '国务院办公厅关于同意以哈尔滨市名义',
      '申办2009年第二十四届世界',
      '大学生冬季运动会的复函',
      '国办函〔2004〕36号',
      '黑龙江省人民政府，教育部、外交部、财政部、体育总局：',
      '教育部等四部门的请示收悉。经国务院领导同志批准，现函复如下：',
      '同意以哈尔滨市名义申办2009年第二十四届世界大学生冬季运动会。',
      '国务院办公厅',
      '二〇〇四年四月二十七日',
      '扫一扫在手机打开当前页',
    ].join('\n');
    const { documents } = parseText(text, 'page.txt');
    assert.equal(documents.length, 1, documents.map((document) => document.title).join(' | '));
    const [document] = documents;
    assert.equal(document!.title, '国务院办公厅关于同意以哈尔滨市名义申办2009年第二十四届世界大学生冬季运动会的复函');
    assert.equal(document!.issuer, '国务院办公厅');
    assert.equal(document!.date, '2004-04-27');
  });

  it('keeps a metadata label out of the title and the issuer', () => {
    const text = [
      '主 题 词：国务院关于支持自由贸易试验区',
      '深化改革创新若干措施的通知',
      '国发〔2018〕38号',
      '各省、自治区、直辖市人民政府，国务院各部委、各直属机构：',
      '现将有关措施通知如下。',
      '国务院',
      '2018年11月7日',
    ].join('\n');
    const [document] = parseText(text, 'page.txt').documents;
    assert.equal(document!.title, '国务院关于支持自由贸易试验区深化改革创新若干措施的通知');
    assert.equal(document!.issuer, '国务院');
    assert.equal(document!.date, '2018-11-07');
  });

  it('takes the signature of the notice, not of the document it issues', () => {
    const text = [
      '国务院关于印发国家职业教育改革实施方案的通知',
      '国发〔2019〕4号',
      '各省、自治区、直辖市人民政府，国务院各部委、各直属机构：',
      '现将《国家职业教育改革实施方案》印发给你们，请认真贯彻执行。',
      '国务院',
      '2019年1月24日',
      '（此件公开发布）',
      '国家职业教育改革实施方案',
      '职业教育与普通教育是两种不同教育类型。',
      '教育部',
      '2019年2月1日',
    ].join('\n');
    const [document] = parseText(text, 'notice.txt').documents;
    assert.equal(document!.date, '2019-01-24');
  });

  it('keeps a traditional-character signature as printed', () => {
    const text = ['國務院辦公廳關於同意建立全國旅遊工作聯席會議制度的函', '國辦函〔2000〕19號', '國家旅遊局：', '你局的請示收悉。經國務院同意，現函復如下。', '國務院辦公廳', '二○○○年三月二日'].join('\n');
    const [document] = parseText(text, 'letter.txt').documents;
    assert.equal(document!.title, '國務院辦公廳關於同意建立全國旅遊工作聯席會議制度的函');
    assert.equal(document!.issuer, '國務院辦公廳');
    assert.equal(document!.date, '2000-03-02');
    assert.equal(document!.docNumberPrinted, '國辦函〔2000〕19號');
  });
});
