import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readDocumentFile } from '../../src/modules/gazette/index.ts';
import { testLimits } from '../support/corpus.ts';

/**
 * A document exported to Markdown with a front matter block (rules from the second and third fresh sets,
 * test/fixtures/real/README.md): the front matter is page metadata, the markup is not the document's text.
 */
const read = async (lines: string[]) => (await readDocumentFile(Buffer.from(lines.join('\n')), { fileName: 'policy.md', limits: testLimits })).documents[0]!;

const frontMatter = (title: string, number: string, issuer: string) => [
  '---',
  `标题: ${title}`,
  `文号: ${number}`,
  `发布单位: ${issuer}`,
  '发布日期: 2024-03-20',
  '状态: 有效',
  '---',
  '',
  '> 本文正文由脚本自官方页面提取，仅供检索；以[官方链接](https://example.org/a)发布版本为准。',
  '',
];

describe('a Markdown export with front matter', () => {
  it('reads the number from the front matter, without the heading marker in title or issuer', async () => {
    const document = await read([
      ...frontMatter('青山市某区人民政府办公室关于做好防汛工作的通知', '青某府办发〔2024〕6号', '某区人民政府办公室'),
      '# 青山市某区人民政府办公室关于做好防汛工作的通知',
      '',
      '各街道办事处，区政府各部门：',
      '',
      '为做好今年防汛工作，现通知如下：**落实责任**，加强值守。',
      '',
      '2024年3月18日',
    ]);
    assert.equal(document.title, '青山市某区人民政府办公室关于做好防汛工作的通知');
    assert.equal(document.docNumber, '青某府办发〔2024〕6号');
    // The title names its issuer: that form wins over the front matter's shorter one.
    assert.equal(document.issuer, '青山市某区人民政府办公室');
    assert.equal(document.date, '2024-03-18');
    assert.equal(document.type, '通知');
  });

  it('takes the issuer from the front matter when the text names none, and the posting date only when undated', async () => {
    const document = await read([
      ...frontMatter('关于开展安全检查的通知', '青安发〔2024〕2号', '青山市应急管理局'),
      '# 关于开展安全检查的通知',
      '',
      '各有关单位：',
      '',
      '现决定开展安全检查，请做好准备。',
    ]);
    assert.equal(document.issuer, '青山市应急管理局');
    assert.equal(document.docNumber, '青安发〔2024〕2号');
    assert.equal(document.date, '2024-03-20');
  });

  it('is plain text when the opening block names no metadata', async () => {
    const document = await read(['---', 'layout: post', '---', '关于开展安全检查的通知', '各有关单位：', '现决定开展安全检查。']);
    assert.equal(document.docNumber, null);
  });
});
