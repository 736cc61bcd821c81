import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseOne } from '../support/parse-one.ts';

/**
 * Rules from the fourth fresh set (test/fixtures/real/README.md, h/parser5). Every text here is synthetic.
 */

describe('pinyin annotations after traditional characters', () => {
  it('reads title, type and issuer through them, and keeps them as printed', () => {
    const document = parseOne([
      '青府發(fā)〔2019〕12號',
      '青山市人民政府印發(fā)《關(guān)于加強(qiáng)河道管理的意見》的通知',
      '各區(qū)人民政府,市政府各部門:',
      '現(xiàn)將《關(guān)於加強(qiáng)河道管理的意見》印發(fā)給你們,請認真執行。',
      '青山市人民政府',
      '2019年5月6日',
    ]);
    assert.equal(document.title, '青山市人民政府印發(fā)《關(guān)于加強(qiáng)河道管理的意見》的通知');
    assert.equal(document.type, '通知');
    assert.equal(document.issuer, '青山市人民政府');
    assert.equal(document.docNumber, '青府發(fā)〔2019〕12號');
    assert.equal(document.date, '2019-05-06');
  });

  it('gives back a title wrapped over two lines as one line, annotations kept', () => {
    const document = parseOne([
      '青山市人民政府辦公廳關(guān)于做好防汛',
      '工作的通報(bào)',
      '青府辦發(fā)〔2020〕3號',
      '各區(qū)人民政府:',
      '今年汛期來(lái)得早,現將有關事項通報(bào)如下。',
      '青山市人民政府辦公廳',
      '2020年6月1日',
    ]);
    assert.equal(document.title, '青山市人民政府辦公廳關(guān)于做好防汛工作的通報(bào)');
    assert.equal(document.type, '通报');
  });
});

describe("a page's reading widgets and dateline around the title", () => {
  it('drops a font-size switcher and a speech reader line', () => {
    const document = parseOne([
      '无法启动语音阅读器',
      '',
      '青山市交通运输局关于做好春运工作的通知',
      '',
      '文章来源:  |  发布日期:2021年01月07日',
      '    为做好今年春运工作,现将有关事项通知如下:',
      '    一,各地要加强组织.',
    ]);
    assert.equal(document.title, '青山市交通运输局关于做好春运工作的通知');
    assert.equal(document.issuer, '青山市交通运输局');
  });

  it('does not read the dateline between the title and the number as title', () => {
    const document = parseOne([
      '青山市人民政府办公室关于印发《青山市防汛应急预案》的通知',
      '2022-03-04 09:30:00 来源: 市政府办公室',
      '〔字体: 大 中 小〕',
      '青政办发〔2022〕9号',
      '各县(市)、区人民政府,市政府各部门:',
      '现将《青山市防汛应急预案》印发给你们,请认真贯彻执行。',
      '青山市人民政府办公室',
      '2022年3月1日',
    ]);
    assert.equal(document.title, '青山市人民政府办公室关于印发《青山市防汛应急预案》的通知');
    assert.equal(document.type, '通知');
    assert.equal(document.docNumber, '青政办发〔2022〕9号');
  });
});

describe('a title wrapped before the name it cites', () => {
  it('joins the issuer line above a line that opens with 《', () => {
    const document = parseOne([
      '青山省人民政府關于實施',
      '《國務院關于加強職業教育的決定》的意見',
      '(青政[2004]15號)',
      '各市、縣人民政府,省政府各部門:',
      '為貫徹落實《國務院關于加強職業教育的決定》,現提出以下意見。',
      '一、提高認識',
    ]);
    assert.equal(document.title, '青山省人民政府關于實施《國務院關于加強職業教育的決定》的意見');
    assert.equal(document.issuer, '青山省人民政府');
  });
});

describe("a title quoted in a 令's sentence", () => {
  it('gives back 《》 for the 〈〉 it cites', () => {
    const document = parseOne([
      '青山市人民政府令',
      '第8号',
      '《青山市人民政府关于修改〈青山市河道管理办法〉的决定》已经市政府常务会议通过,现予公布,自2020年1月1日起施行。',
      '市长  张某',
      '2019年12月2日',
    ]);
    assert.equal(document.title, '青山市人民政府关于修改《青山市河道管理办法》的决定');
  });
});

describe("a reprint's foot under the date", () => {
  it('reads the closing date above a source line and a QR-code invitation', () => {
    const document = parseOne([
      '青山市人民政府关于表彰先进集体的通报',
      '各区(市)县政府,市政府各部门:',
      '2020年以来,各地认真贯彻落实有关部署,取得明显成效。现予通报表彰。',
      '二○二一年三月一日',
      '来源:青山市人民政府办公厅',
      '扫描二维码 关注我们',
    ]);
    assert.equal(document.date, '2021-03-01');
  });
});

describe("a database's heading: the number before the title", () => {
  it('splits number and title printed on one line above the addressees', () => {
    const document = parseOne([
      '主 题 词: |',
      '青政发〔2012〕7号 青山市人民政府关于表彰植树造林先进单位的决定',
      '各县、区人民政府,市政府各部门:',
      '过去一年,全市植树造林工作取得显著成效。市政府决定,对下列单位予以表彰。',
    ]);
    assert.equal(document.title, '青山市人民政府关于表彰植树造林先进单位的决定');
    assert.equal(document.docNumber, '青政发〔2012〕7号');
    assert.equal(document.issuer, '青山市人民政府');
  });

  it("reads past a metadata table with bars, and takes the issuer from its 发文机关 cell when nothing else names one", () => {
    const document = parseOne([
      '索 引 號: | 主題分類: | 市政府文件 | |',
      '發文機關: | 青山市政府 | 成文日期: | |',
      '標 題: | 青政發〔2006〕12號 關于表彰植樹造林先進單位的決定 | ||',
      '發文字號: | 發布日期: | 2007-03-01 | |',
      '青政發〔2006〕12號 關于表彰植樹造林先進單位的決定',
      '各縣、區人民政府,市政府各部門: 過去一年,全市植樹造林工作取得顯著成效,市政府決定予以表彰。',
    ]);
    assert.equal(document.title, '關于表彰植樹造林先進單位的決定');
    assert.equal(document.docNumber, '青政發〔2006〕12號');
    assert.equal(document.issuer, '青山市政府');
    assert.equal(document.type, '决定');
  });
});

describe('a date in doubled brackets after the title', () => {
  it('splits the date off the title line, the body run on one line below', () => {
    const document = parseOne([
      '青山市人民政府办公厅关于转发青山市志编纂方案的通知 ((1991年3月2日))',
      '各区、县人民政府,市政府各委、办、局: 经市政府同意,现将《青山市志编纂方案》转发给你们,请认真组织实施。',
    ]);
    assert.equal(document.title, '青山市人民政府办公厅关于转发青山市志编纂方案的通知');
    assert.equal(document.date, '1991-03-02');
    assert.equal(document.issuer, '青山市人民政府办公厅');
    assert.equal(document.type, '通知');
  });
});

describe('a title above the addressees, as reprints print it', () => {
  it('passes over a dateline between the title and the addressees; a plan is no 文种', () => {
    const document = parseOne([
      '市人民政府关于进一步优化政务服务的实施方案',
      '来自:某市政府门户网站 时间:2019-04-02',
      '各县(市、区)人民政府,市直各单位:',
      '为进一步优化政务服务,特制定本实施方案。',
      '一、总体要求',
    ]);
    assert.equal(document.title, '市人民政府关于进一步优化政务服务的实施方案');
    assert.equal(document.issuer, '市人民政府');
    assert.equal(document.type, null);
  });

  it('reads a title in book-title marks above the addressees', () => {
    const document = parseOne([
      '《青山市人民政府办公厅关于建立工作落实报告制度的通知》',
      '浏览量: 时间:2018-11-13 15:36:26',
      '《青山市人民政府办公厅关于建立工作落实报告制度的通知》',
      '各区(市)县政府,市政府各部门:',
      '市政府决定建立工作落实报告制度。现将有关事项通知如下:',
      '一、报告内容。',
      '二○○一年四月四日',
    ]);
    assert.equal(document.title, '青山市人民政府办公厅关于建立工作落实报告制度的通知');
    assert.equal(document.issuer, '青山市人民政府办公厅');
    assert.equal(document.type, '通知');
  });
});

describe("a portal page's head above the title", () => {
  it('passes over the breadcrumb and the metadata rows, its 标题 row included, to the title printed below', () => {
    const document = parseOne([
      '今天是:',
      '当前位置: 网站首页 >  政务公开 >  政府信息公开年报 >  2021年 >  正文',
      '索引号 abc01/2022-00003 发文字号',
      '成文日期 2022-01-20 发布日期 2022-01-20',
      '标   题 区政府办2021年度政府信息公开工作年度报告',
      '发布机构 区政府办公室 公文时效 有效',
      '区政府办2021年度政府信息公开工作年度报告',
      '本报告根据《中华人民共和国政府信息公开条例》规定编制。',
    ]);
    assert.equal(document.title, '区政府办2021年度政府信息公开工作年度报告');
    assert.equal(document.issuer, '区政府办');
    assert.equal(document.type, '报告');
  });
});
