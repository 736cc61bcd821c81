import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyMetadata } from '../../src/modules/gazette/formats.ts';
import type { PageMetadata } from '../../src/modules/gazette/metadata.rules.ts';
import { parseText } from '../../src/modules/gazette/index.ts';

/** Documents without masthead or 发文字号 (issue 13 part 2, rules 4, 5, 7, 8 and 10 of test/fixtures/real/README.md). */
describe('the 令 frame', () => {
  it('is the regulation: its title, the order number as printed (with 第), the issuer named in the order, the date under the signer, type 令', () => {
    const text = [
      '青山市人民政府令第8号',
      '《青山市公园管理规定》已经2001年3月2日市政府常务会议通过，现予公布，自2001年5月1日起施行。',
      '市长：王某某',
      '二〇〇一年三月十日',
      '青山市公园管理规定',
      '第一条 为加强公园管理，制定本规定。',
    ].join('\n');
    const [document] = parseText(text, 'order.txt').documents;
    assert.equal(document!.title, '青山市公园管理规定');
    assert.equal(document!.docNumber, '青山市人民政府令第8号');
    assert.equal(document!.issuer, '青山市人民政府');
    assert.equal(document!.date, '2001-03-10');
    assert.equal(document!.type, '令');
  });

  it('is not a text that only cites an order', () => {
    const text = ['关于贯彻落实公园管理规定的通知', '各区人民政府：', '请贯彻《青山市公园管理规定》(青山市人民政府令第8号)。', '青山市人民政府办公室', '2001年4月1日'].join('\n');
    const [document] = parseText(text, 'notice.txt').documents;
    assert.equal(document!.type, '通知');
    assert.equal(document!.docNumber, null);
  });
});

describe('a standalone document without a number', () => {
  it('takes a first line 关于…的+文种 as its title', () => {
    const text = ['关于尽快修复河堤的函', '青山区政府：', '请你区尽快修复河堤。', '此函。', '2023年7月1日'].join('\n');
    const [document] = parseText(text, 'letter.txt').documents;
    assert.equal(document!.title, '关于尽快修复河堤的函');
    assert.equal(document!.type, '函');
    assert.equal(document!.date, '2023-07-01');
  });

  it('takes the title standing above the addressees, not the reprint headings above it', () => {
    const text = [
      '作者:某法规网 时间:2024-07-05',
      '东海省青山市人民政府',
      '青山市人民政府关于印发青山市停车管理规定的通知',
      '各区人民政府：',
      '现将规定印发给你们，请遵照执行。',
      '二OO六年二月二十日',
      '青山市停车管理规定',
      '第一条 为规范停车管理，制定本规定。',
    ].join('\n');
    const [document] = parseText(text, 'reprint.txt').documents;
    assert.equal(document!.title, '青山市人民政府关于印发青山市停车管理规定的通知');
    assert.equal(document!.issuer, '青山市人民政府');
    assert.equal(document!.date, '2006-02-20');
  });

  it('reads an organ-name line over a line ending in a 文种 as one title', () => {
    const text = ['青山市人民政府', '2024 年政府信息公开工作年度报告', '本报告根据《条例》编制。', '一、总体情况', '全年主动公开信息500条。'].join('\n');
    const [document] = parseText(text, 'report.txt').documents;
    assert.equal(document!.title, '青山市人民政府2024年政府信息公开工作年度报告');
    assert.equal(document!.issuer, '青山市人民政府');
    assert.equal(document!.type, '报告');
  });

  it('takes the 名称 key of a plain-text metadata block when nothing else names it', () => {
    const text = ['索引号: 001/2019-01 发布机构: 青山县人民政府办公室', '名称: 青山县人民政府关于调整议事机构的通知', '信息来源: 关键词:', '一、撤销部分议事机构。', '二、调整部分成员。'].join('\n');
    const [document] = parseText(text, 'page.txt').documents;
    assert.equal(document!.title, '青山县人民政府关于调整议事机构的通知');
    assert.equal(document!.type, '通知');
  });

  it('does not take a sentence that mentions a notice for a title', () => {
    const text = ['根据关于加强管理的通知精神，现将有关情况说明如下。', '一、基本情况', '全年检查企业30家。'].join('\n');
    const [document] = parseText(text, 'note.txt').documents;
    assert.equal(document!.title, null);
  });
});

describe("a portal's title shorter than the printed one", () => {
  const metadata: PageMetadata = {
    title: '关于同意设立青山公园的批复',
    docNumber: null,
    issuer: null,
    signedOn: null,
    postedOn: null,
    indexNumber: null,
    subject: null,
    validity: null,
    source: null,
  };

  it('gives way to the printed title line that adds the issuer', () => {
    const parsed = parseText(['青园〔2015〕5号', '青山市人民政府关于同意设立青山公园的批复', '市园林局：', '同意设立。', '青山市人民政府', '2015年9月1日'].join('\n'), 'page.html');
    assert.equal(applyMetadata(parsed, metadata).documents[0]!.title, '青山市人民政府关于同意设立青山公园的批复');
  });

  it('stays when the longer line is not the title with its issuer', () => {
    const parsed = parseText(['青园〔2015〕5号', '转发关于同意设立青山公园的批复', '市园林局：', '同意设立。', '青山市人民政府', '2015年9月1日'].join('\n'), 'page.html');
    assert.equal(applyMetadata(parsed, metadata).documents[0]!.title, '关于同意设立青山公园的批复');
  });
});
