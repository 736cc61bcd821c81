import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseOne } from '../support/parse-one.ts';

/** Promulgation forms beyond "<organ>令" (fresh-set rule 8 of test/fixtures/real/README.md). */

describe('promulgation forms', () => {
  it('reads an abbreviated order number and a bare 市 长 line', () => {
    const document = parseOne([
      '青山市人民政府',
      '青府令第 57 号',
      '《青山市城市绿化管理办法》已经2008年6月2日市人民政府第12次常务会议审议通过，现予发布，自2008年8月1日起施行。',
      '市 长',
      '二〇〇八年六月十日',
      '青山市城市绿化管理办法',
      '第一条 为加强城市绿化管理，制定本办法。',
    ]);
    assert.equal(document.title, '青山市城市绿化管理办法');
    assert.equal(document.docNumber, '青府令第57号');
    assert.equal(document.issuer, '青山市人民政府');
    assert.equal(document.date, '2008-06-10');
    assert.equal(document.type, '令');
  });

  it("reads a standing committee's 公告 over 第N号 promulgating a regulation", () => {
    const document = parseOne([
      '某省河道管理条例',
      '某省第九届人民代表大会常务委员会公告',
      '第 15 号',
      '《某省河道管理条例》已由某省第九届人民代表大会常务委员会第八次会议于2001年3月30日通过，现予公布，自2001年6月1日起施行。',
      '某省人民代表大会常务委员会',
      '2001年3月30日',
      '第一章 总则',
      '第一条 为加强河道管理，制定本条例。',
    ]);
    assert.equal(document.title, '某省河道管理条例');
    assert.equal(document.docNumber, '某省第九届人民代表大会常务委员会公告第15号');
    assert.equal(document.issuer, '某省人民代表大会常务委员会');
    assert.equal(document.date, '2001-03-30');
    assert.equal(document.type, '公告');
  });

  it('is no frame when a 公告 line has no promulgating sentence', () => {
    const document = parseOne([
      '某省第九届人民代表大会常务委员会公告',
      '第 15 号',
      '现将有关事项公告如下：会议定于下月召开。',
      '某省人民代表大会常务委员会',
      '2001年3月30日',
    ]);
    assert.notEqual(document.type, '令');
    assert.notEqual(document.title, '某省河道管理条例');
  });

  it('reads an order whose sentence publishes the regulation without naming a meeting, wrapped over two lines', () => {
    const document = parseOne([
      '某某事务管理条例',
      '某某事务管理条例',
      '中华人民共和国国务院令',
      '第 301 号',
      '现发布《某某事务管理条例》，自',
      '发布之日起施行。',
      '总理 某某某',
      '一九九九年五月六日',
      '第一条 为了规范某某事务，制定本条例。',
    ]);
    assert.equal(document.title, '某某事务管理条例');
    assert.equal(document.docNumber, '中华人民共和国国务院令第301号');
    assert.equal(document.issuer, '中华人民共和国国务院');
    assert.equal(document.date, '1999-05-06');
    assert.equal(document.type, '令');
  });

  it("reads a ministry's order numbered by year, signed and dated on the sentence's own line", () => {
    const document = parseOne([
      '中华人民共和国水利部令',
      '2011 年第 4 号',
      '《河道采砂许可规定》已于2011年3月2日经第3次部务会议通过，现予公布，自2011年5月1日起施行。 部 长 某某 二〇一一年三月九日',
      '第一条 为加强河道采砂管理，制定本规定。',
    ]);
    assert.equal(document.title, '河道采砂许可规定');
    assert.equal(document.docNumber, '中华人民共和国水利部令2011年第4号');
    assert.equal(document.issuer, '中华人民共和国水利部');
    assert.equal(document.date, '2011-03-09');
    assert.equal(document.type, '令');
  });

  it('reads a joint order of two ministries signed by both ministers, with no date printed', () => {
    const document = parseOne([
      '中华人民共和国农业部令 中华人民共和国商务部令',
      '2009年第3号',
      '《农产品市场检验规定》已于2009年1月5日经农业部第1次常务会议通过，现予公布，自2009年3月1日起施行。',
      '农业部部长 某某',
      '商务部部长 某某某',
      '第一条 为规范农产品市场检验，制定本规定。',
    ]);
    assert.equal(document.title, '农产品市场检验规定');
    assert.equal(document.docNumber, '中华人民共和国农业部令中华人民共和国商务部令2009年第3号');
    assert.equal(document.issuer, '中华人民共和国农业部、中华人民共和国商务部');
    assert.equal(document.date, null);
    assert.equal(document.type, '令');
  });

  it('takes the title above an order whose sentence does not name the regulation, dated right under the sentence', () => {
    const document = parseOne([
      '东川市公共停车场管理办法',
      '东川市人民政府令第45号',
      '2005年4月8日市人民政府第9次常务会议审议通过，现予发布，自2005年6月1日起施行。',
      '2005年4月8日',
      '第一条 为加强公共停车场管理，制定本办法。',
    ]);
    assert.equal(document.title, '东川市公共停车场管理办法');
    assert.equal(document.docNumber, '东川市人民政府令第45号');
    assert.equal(document.issuer, '东川市人民政府');
    assert.equal(document.date, '2005-04-08');
    assert.equal(document.type, '令');
  });

  it("reads a law database's promulgation note under the title, wrapped over two lines", () => {
    const document = parseOne([
      '东川市人民政府',
      '东川市户外广告设置规定',
      '(东川市人民政府第12次常务会议审议通过',
      '2001年7月3日东川市人民政府令第88号发布)',
      '第一章 总则',
      '第一条 为规范户外广告设置，制定本规定。',
    ]);
    assert.equal(document.title, '东川市户外广告设置规定');
    assert.equal(document.docNumber, '东川市人民政府令第88号');
    assert.equal(document.issuer, '东川市人民政府');
    assert.equal(document.date, '2001-07-03');
    assert.equal(document.type, '令');
  });

  it('reads an order printed in traditional characters, keeping 號 as printed', () => {
    const document = parseOne([
      '東川市人民政府令',
      '第9號',
      '現發佈《東川市市容管理規定》,自發佈之日起施行。',
      '市  長  某某某',
      '一九九八年三月二日',
      '第一條 為加強市容管理,制定本規定。',
    ]);
    assert.equal(document.title, '東川市市容管理規定');
    assert.equal(document.docNumber, '東川市人民政府令第9號');
    assert.equal(document.issuer, '東川市人民政府');
    assert.equal(document.date, '1998-03-02');
    assert.equal(document.type, '令');
  });
});
