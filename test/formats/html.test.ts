import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readDocumentFile } from '../../src/modules/gazette/index.ts';
import { testLimits } from '../support/corpus.ts';

/** A portal page as a CMS writes it: navigation, the metadata table, the article, a footer and scripts. */
function page(options: { table?: string; body: string; meta?: string }): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>测试市人民政府门户网站</title>${options.meta ?? ''}
<style>.nav{color:red}</style><script>var nav = "首页 | 政务公开";</script></head>
<body><div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li></ul></div>
<div class="breadcrumb">当前位置：首页 &gt; 政务公开 &gt; 文件</div>
${options.table ?? ''}
<div id="zoom" class="TRS_Editor">${options.body}</div>
<div class="share">分享到：微信 微博</div>
<div class="footer">主办：测试市人民政府办公厅 地址：测试路1号 备案号：测ICP备12345678号</div>
<script>document.write("统计代码");</script></body></html>`;
}

const table = `<table class="xxgk"><tbody>
<tr><td><b>索 引 号：</b></td><td>11330000002482870B/2024-00012</td><td><b>主题分类：</b></td><td>综合政务\\其他</td></tr>
<tr><td><b>发布机构：</b></td><td>测试市人民政府办公厅</td><td><b>成文日期：</b></td><td>2024年3月1日</td></tr>
<tr><td><b>名　　称：</b></td><td colspan="3">测试市人民政府办公厅关于做好测试数据工作的通知</td></tr>
<tr><td><b>发文字号：</b></td><td>测政办发〔2024〕7号</td><td><b>有效性：</b></td><td>有效</td></tr>
</tbody></table>`;

const body = `<p style="text-align:center"><strong>测试市人民政府办公厅关于做好测试数据工作的通知</strong></p>
<p>各区人民政府，市政府各部门：</p>
<p>　　经市政府同意，现就做好测试数据工作通知如下。</p>
<p>　　一、加强组织领导。各区要建立工作机制。</p>
<p>　　二、强化督促检查。市政府办公厅将适时开展督查。</p>
<p style="text-align:right">测试市人民政府办公厅</p>
<p style="text-align:right">2024年3月5日</p>`;

const read = (html: string) => readDocumentFile(Buffer.from(html), { fileName: 'page.html', limits: testLimits });

describe('web pages as saved from government portals (issue 13)', () => {
  it('reads the metadata table: number, issuer and title as the page prints them; the signature date wins over 成文日期, with a warning', async () => {
    const parsed = await read(page({ table, body }));
    assert.equal(parsed.format, 'html');
    assert.equal(parsed.documents.length, 1);
    const [document] = parsed.documents;
    assert.equal(document?.title, '测试市人民政府办公厅关于做好测试数据工作的通知');
    assert.equal(document?.docNumber, '测政办发〔2024〕7号');
    assert.equal(document?.issuer, '测试市人民政府办公厅');
    assert.equal(document?.date, '2024-03-05');
    assert.equal(document?.type, '通知');
    assert.ok(parsed.warnings.some((warning) => /成文日期 2024-03-01 与落款日期 2024-03-05 不一致/.test(warning.message)));
  });

  it('drops navigation, breadcrumbs, sharing, footers, scripts and styles; keeps the paragraphs', async () => {
    const [document] = (await read(page({ table, body }))).documents;
    const text = document!.blocks.map((block) => block.text).join('\n');
    for (const noise of ['首页', '当前位置', '分享到', '备案号', '统计代码', 'color:red', '索引号']) assert.ok(!text.includes(noise), `${noise} is gone`);
    assert.ok(document!.blocks.some((block) => block.text.includes('加强组织领导')));
    assert.ok(document!.blocks.some((block) => block.text.includes('强化督促检查')));
  });

  it('takes 成文日期 from the table when the text is not signed, and the posting time only when nothing else dates it (said so)', async () => {
    const unsigned = body.replace(/<p style="text-align:right">[^<]*<\/p>/g, '');
    const fromTable = await read(page({ table, body: unsigned }));
    assert.equal(fromTable.documents[0]?.date, '2024-03-01');
    const withoutDate = table.replace(/<td><b>成文日期：<\/b><\/td><td>[^<]*<\/td>/, '');
    const posted = await read(page({ table: withoutDate, body: unsigned, meta: '<meta name="PubDate" content="2024-03-08 09:30">' }));
    assert.equal(posted.documents[0]?.date, '2024-03-08');
    assert.ok(posted.warnings.some((warning) => /网页发布时间/.test(warning.message)));
  });

  it('uses <meta name="ArticleTitle"> when the page has no metadata table', async () => {
    const titleless = body.replace(/<p style="text-align:center">.*?<\/p>/, '');
    const parsed = await read(page({ body: titleless, meta: '<meta name="ArticleTitle" content="测试市人民政府办公厅关于做好测试数据工作的通知">' }));
    assert.equal(parsed.documents[0]?.title, '测试市人民政府办公厅关于做好测试数据工作的通知');
    assert.equal(parsed.documents[0]?.type, '通知');
  });

  it('reads a GB18030 page like a UTF-8 one', async () => {
    const { default: iconv } = await import('iconv-lite');
    const parsed = await readDocumentFile(iconv.encode(page({ table, body }), 'gb18030'), { fileName: 'gbk.htm', limits: testLimits });
    assert.equal(parsed.format, 'html');
    assert.equal(parsed.encoding, 'gb18030');
    assert.equal(parsed.documents[0]?.docNumber, '测政办发〔2024〕7号');
  });
});
