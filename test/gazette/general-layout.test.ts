import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyMetadata } from '../../src/modules/gazette/formats.ts';
import type { PageMetadata } from '../../src/modules/gazette/html.format.ts';
import { parseText } from '../../src/modules/gazette/index.ts';

/** General layouts that the nine fresh real-corpus documents showed (rules 11–16 of test/fixtures/real/README.md). */
const parseOne = (lines: string[]) => parseText(lines.join('\n'), 'synthetic.txt').documents[0]!;

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
