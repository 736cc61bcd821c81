import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyMetadata } from '../../src/modules/gazette/formats.ts';
import type { PageMetadata } from '../../src/modules/gazette/metadata.rules.ts';
import { parseText } from '../../src/modules/gazette/index.ts';
import { parseOne } from '../support/parse-one.ts';

/** General layouts that the nine fresh real-corpus documents showed (rules 11–16 of test/fixtures/real/README.md). */

describe("any organ's 令", () => {
  it('reads a ministry order printed as "<organ>令" over "第 N 号"', () => {
    const document = parseOne([
      '某某条例网 转载',
      '中华人民共和国水利部令',
      '第 9 号',
      '《河道采砂管理办法》已于2005年4月2日部务会议审议通过，现予发布，自2005年6月1日起施行。',
      '部 长：李某某',
      '二〇〇五年四月十日',
      '河道采砂管理办法',
      '第一条 为规范河道采砂，制定本办法。',
    ]);
    assert.equal(document.title, '河道采砂管理办法');
    assert.equal(document.docNumber, '中华人民共和国水利部令第9号');
    assert.equal(document.issuer, '中华人民共和国水利部');
    assert.equal(document.date, '2005-04-10');
    assert.equal(document.type, '令');
  });

  it('is not a heading ending in 令 over a 第N号 line without the order sentence and signer', () => {
    const document = parseOne([
      '关于学习贯彻水利部令的通知',
      '第 9 号',
      '各区水务局：',
      '请认真学习《河道采砂管理办法》。',
      '青山市水务局',
      '2005年5月1日',
    ]);
    assert.notEqual(document.type, '令');
  });
});

describe("a portal page's order number", () => {
  const orderText = [
    '中华人民共和国国务院令',
    '第 800 号',
    '《青山保护条例》已经2020年1月2日国务院第9次常务会议通过，现予公布，自2020年3月1日起施行。',
    '总理 王某某',
    '2020年1月20日',
    '青山保护条例',
    '第一条 为保护青山，制定本条例。',
  ].join('\n');
  const metadata = (docNumber: string | null): PageMetadata => ({
    title: null,
    docNumber,
    issuer: null,
    signedOn: null,
    postedOn: null,
    indexNumber: null,
    subject: null,
    validity: null,
    source: null,
  });

  it("is the page's short form (国令第N号) when the page states one", () => {
    const document = applyMetadata(parseText(orderText, 'page.html'), metadata('国令第800号')).documents[0]!;
    assert.equal(document.docNumber, '国令第800号');
  });

  it('stays as printed when the page states none', () => {
    const document = applyMetadata(parseText(orderText, 'page.html'), metadata(null)).documents[0]!;
    assert.equal(document.docNumber, '中华人民共和国国务院令第800号');
    assert.equal(document.issuer, '中华人民共和国国务院');
  });
});

describe('a red-header masthead', () => {
  it('printed as "<organ>" over "文件" is the masthead, not the title; it names the issuer the title leaves out', () => {
    const document = parseOne([
      '东海省青山市人民政府',
      '文件',
      '青政发〔2021〕7号',
      '关于印发《青山市河道保洁办法》的',
      '通知',
      '各区人民政府，市政府各部门，各直属',
      '机构：',
      '《青山市河道保洁办法》',
      '已经市政府常务会议通过，现印发给你们，请认真执行。',
      '2021年5月6日',
      '(此件公开发布)',
      '青山市河道保洁办法',
      '第一条 为保持河道清洁，制定本办法。',
    ]);
    assert.equal(document.title, '关于印发《青山市河道保洁办法》的通知');
    assert.equal(document.docNumber, '青政发〔2021〕7号');
    assert.equal(document.issuer, '东海省青山市人民政府');
    assert.equal(document.date, '2021-05-06');
    assert.equal(document.type, '通知');
  });

  it('split as "<organ first half>" over "<second half>文件" names the whole organ', () => {
    const document = parseOne(['青山市人民', '政府文件', '青政发〔2021〕8号', '关于开展植树活动的通知', '各区人民政府：', '请组织植树。', '2021年3月1日']);
    assert.equal(document.title, '关于开展植树活动的通知');
    assert.equal(document.issuer, '青山市人民政府');
  });

  it('is not an organ line above a number with no 文件 and no rule: that line may begin the title', () => {
    const document = parseOne(['青山市人民政府办公室', '关于开展植树活动的通知', '青政办发〔2021〕9号', '各区人民政府：', '请组织植树。', '2021年3月1日']);
    assert.equal(document.title, '青山市人民政府办公室关于开展植树活动的通知');
  });
});

describe('a rule line', () => {
  for (const rule of ['——————————', '-----', '━━━━━━', '＿＿＿＿＿', '——★——']) {
    it(`(${rule}) under the organ's name is layout: the title is the sentence below the number`, () => {
      const document = parseOne([
        '青山市人民政府办公室',
        rule,
        '青府办函〔2020〕12号',
        '市人民政府办公室关于印发',
        '青山市防汛预案的通知',
        '各区人民政府，市政府有关部门：',
        '《青山市防汛预案》已经市政府同意，现印发给你们。',
        '2020年6月1日',
        '(此件公开发布)',
        '青山市防汛预案',
        '1 总则',
      ]);
      assert.equal(document.title, '市人民政府办公室关于印发青山市防汛预案的通知');
      assert.equal(document.issuer, '青山市人民政府办公室');
      assert.equal(document.date, '2020-06-01');
      assert.equal(document.type, '通知');
    });
  }

  it('is not a line of text that merely contains dashes', () => {
    const document = parseOne(['关于开展“青山——绿水”活动的通知', '青府办函〔2020〕13号', '各区人民政府：', '请组织活动。', '青山市人民政府办公室', '2020年6月2日']);
    assert.equal(document.title, '关于开展“青山——绿水”活动的通知');
    assert.equal(document.issuer, '青山市人民政府办公室');
  });
});

describe('the addressee line under a title', () => {
  it('does not continue the title once the title ends in a 文种', () => {
    const document = parseOne(['青山市人民政府文件', '青政发〔2022〕3号', '关于加强林地保护的通知', '各区人民政府，市政府各部门，', '各直属机构：', '请加强林地保护。', '2022年1月5日']);
    assert.equal(document.title, '关于加强林地保护的通知');
  });

  it('is not a title line that only wraps before its 文种', () => {
    const document = parseOne(['青山市人民政府文件', '青政发〔2022〕4号', '关于加强林地、草地和', '湿地保护的通知', '各区人民政府：', '请加强保护。', '2022年1月6日']);
    assert.equal(document.title, '关于加强林地、草地和湿地保护的通知');
  });
});

describe('a joint masthead', () => {
  it('names each body, one line per body', () => {
    const document = parseOne(['青山市林业局', '青山市水利局', '文件', '青林联〔2022〕1号', '关于联合开展护林护水的通知', '各区林业局、水利局：', '请联合开展。', '2022年2月1日']);
    assert.equal(document.issuer, '青山市林业局、青山市水利局');
  });

  it('names each body when the list runs on with 、', () => {
    const document = parseOne(['青山市林业局、', '青山市水利局文件', '青林联〔2022〕2号', '关于联合开展护林护水的通知', '各区林业局、水利局：', '请联合开展。', '2022年2月2日']);
    assert.equal(document.issuer, '青山市林业局、青山市水利局');
  });
});

describe('what a notice issues', () => {
  it('is the heading after the notice date, not a sentence opening with 《X》 above it', () => {
    const document = parseOne([
      '青山市人民政府关于印发青山市节水办法的通知',
      '青政发〔2023〕2号',
      '各区人民政府：',
      '《青山市节水办法》',
      '已经市政府同意，现印发给你们，请认真执行。',
      '2023年4月1日',
      '青山市节水办法',
      '第一条 为节约用水，制定本办法。',
    ]);
    assert.equal(document.date, '2023-04-01');
    assert.equal(document.attachment, '青山市节水办法');
  });
});

describe('the signing date followed by an attached list', () => {
  it('is the date after the closing formula, though a list follows it', () => {
    const document = parseOne([
      '青山市民政局关于同意设立三个示范社区的批复',
      '(青民发〔2007〕5号)',
      '东区民政局：',
      '你局来文收悉。经研究，同意设立。',
      '特此批复。',
      '二○○七年六月五日',
      '示范社区名单',
      '1、东街社区',
      '2、西街社区',
    ]);
    assert.equal(document.date, '2007-06-05');
  });

  it('is the date right above 附件', () => {
    const document = parseOne(['关于报送统计表的通知', '青统〔2008〕3号', '各区统计局：', '请按时报送统计表。', '2008年3月1日', '附件：统计表', '一、人口']);
    assert.equal(document.date, '2008-03-01');
  });

  it('is not a date inside the text followed by more text', () => {
    const document = parseOne(['关于报送统计表的通知', '青统〔2008〕4号', '各区统计局：', '请按时报送以下时间的统计表。', '2008年3月1日', '请各区认真组织，按时报送。', '一、人口']);
    assert.equal(document.date, null);
  });
});

describe("a sharing site's heading above the title", () => {
  it('is its own block when the title below opens with its issuer and 关于', () => {
    const document = parseOne([
      '青山市人民政府办公室档案管理细则及表格样式',
      '青山市人民政府办公室关于印发青山市人民政府办公室档案管理细则及表格样式的通知',
      '(青政办发〔2009〕4号)',
      '各区人民政府：',
      '现将细则印发给你们，请遵照执行。',
      '二○○九年三月二日',
    ]);
    assert.equal(document.title, '青山市人民政府办公室关于印发青山市人民政府办公室档案管理细则及表格样式的通知');
    assert.equal(document.issuer, '青山市人民政府办公室');
  });

  it('is not a title line that breaks off before an organ (…转发 over <organ>关于…)', () => {
    const document = parseOne([
      '青山市人民政府办公室转发',
      '市林业局关于加强护林工作的意见的通知',
      '青政办发〔2009〕5号',
      '各区人民政府：',
      '现将意见转发给你们，请遵照执行。',
      '二○○九年三月三日',
    ]);
    assert.equal(document.title, '青山市人民政府办公室转发市林业局关于加强护林工作的意见的通知');
  });

  it('is not the first line of a wrapped title whose second line happens to end in a 文种', () => {
    const document = parseOne(['青山市人民政府关于同意举办', '2009年第三届青山运动会的批复', '青政函〔2009〕6号', '市体育局：', '同意举办。', '二○○九年三月四日']);
    assert.equal(document.title, '青山市人民政府关于同意举办2009年第三届青山运动会的批复');
  });
});

describe('a rule line elsewhere in the header', () => {
  it('under the number (masthead, number, rule, title) is skipped', () => {
    const document = parseOne(['青山市人民政府文件', '青政发〔2024〕1号', '━━━━━━━━', '青山市人民政府关于加强消防安全的通知', '各区人民政府：', '请加强消防安全。', '2024年1月2日']);
    assert.equal(document.title, '青山市人民政府关于加强消防安全的通知');
    assert.equal(document.issuer, '青山市人民政府');
  });

  it('between a title and its number (no masthead) leaves the title above', () => {
    const document = parseOne(['青山市人民政府关于加强消防安全的通知', '-----', '青政发〔2024〕2号', '各区人民政府：', '请加强消防安全。', '2024年1月3日']);
    assert.equal(document.title, '青山市人民政府关于加强消防安全的通知');
  });
});
