import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseText } from '../../src/modules/gazette/index.ts';
import { parseOne } from '../support/parse-one.ts';

/** Reprints stack their own headings above the document (issue 13 part 2, rule 2 of test/fixtures/real/README.md). */
describe('a reprint', () => {
  it('keeps the page heading and the organ line out of a title that names its issuer', () => {
    const text = [
      '青山市人民政府办公室关于加强夜市管理的通知',
      '时间:2024-01-01 来源: 某法规网',
      '青山市人民政府办公室关于加强夜市管理的通知',
      '东海省青山市人民政府办公室',
      '青山市人民政府办公室关于加强夜市管理的通知',
      '青政办〔2015〕9号',
      '各区人民政府，市政府各部门：',
      '现就加强夜市管理通知如下。',
      '二〇一五年三月二日',
    ].join('\n');
    const [document] = parseText(text, 'reprint.txt').documents;
    assert.equal(document!.title, '青山市人民政府办公室关于加强夜市管理的通知');
    assert.equal(document!.issuer, '青山市人民政府办公室');
    assert.equal(document!.date, '2015-03-02');
  });

  it('reads a "<number>《<title>》" heading and a number printed twice as one header', () => {
    const text = [
      '青政发〔2016〕3号《青山市人民政府关于印发〈青山市节水办法〉的通知》',
      '《青山市人民政府关于印发〈青山市节水办法〉的通知》',
      '青政发〔2016〕3号',
      '青政发〔2016〕3号',
      '各区人民政府：',
      '现将《青山市节水办法》印发给你们。',
      '青山市人民政府',
      '2016年4月1日',
    ].join('\n');
    const { documents } = parseText(text, 'reprint.txt');
    assert.equal(documents.length, 1);
    assert.equal(documents[0]!.title, '青山市人民政府关于印发〈青山市节水办法〉的通知');
    assert.equal(documents[0]!.docNumber, '青政发〔2016〕3号');
    assert.equal(documents[0]!.date, '2016-04-01');
  });

  it('takes the whole title from the heading when the printed one is cut short', () => {
    const text = [
      '关于印发青山市政务值班工作规则的通知',
      '青山市人民政府办公室',
      '关于印发青山市政务值班',
      '青政办发〔2012〕4号',
      '各区人民政府：',
      '现将规则印发给你们。',
      '青山市人民政府办公室',
      '二○一二年五月一日',
    ].join('\n');
    const [document] = parseText(text, 'reprint.txt').documents;
    assert.equal(document!.title, '关于印发青山市政务值班工作规则的通知');
    assert.equal(document!.issuer, '青山市人民政府办公室');
  });

  it('still joins an organ line to a title that does not name its issuer (a wrapped title, not a heading)', () => {
    const text = ['青山县人民政府', '关于公布2025年度重大行政决策事项目录的通知', '青政发〔2025〕2号', '各乡镇人民政府：', '现予公布。', '青山县人民政府', '2025年5月1日'].join('\n');
    const [document] = parseText(text, 'notice.txt').documents;
    assert.equal(document!.title, '青山县人民政府关于公布2025年度重大行政决策事项目录的通知');
  });
});

describe("a reprint's organ heading over a title that starts with 印发", () => {
  const lines = (signature: string) => [
    '青山市城乡居民医疗保险办法',
    '某某省青山市人民政府',
    '印发青山市城乡居民医疗保险办法的通知',
    '青府〔2006〕9号',
    '各区人民政府，市直各单位：',
    '现将《青山市城乡居民医疗保险办法》印发给你们，请认真贯彻执行。',
    signature,
    '二〇〇六年五月八日',
  ];

  it('is a heading when the signature names the body in another form', () => {
    const document = parseOne(lines('青山市人民政府'), 'reprint.txt');
    assert.equal(document.title, '印发青山市城乡居民医疗保险办法的通知');
    assert.equal(document.issuer, '青山市人民政府');
    assert.equal(document.docNumber, '青府〔2006〕9号');
  });

  it('stays the title\'s first line when the signature prints the same name', () => {
    const document = parseOne(lines('某某省青山市人民政府'), 'reprint.txt');
    assert.equal(document.title, '某某省青山市人民政府印发青山市城乡居民医疗保险办法的通知');
  });
});
