import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { zipSync } from 'fflate';
import { testLimits } from '../support/corpus.ts';
import { makeOfd, refusal } from '../support/formats.ts';


/** A DOCX whose document.xml inflates to `megabytes` of spaces from a few kilobytes. */
function bomb(megabytes: number): Uint8Array {
  const xml = new Uint8Array(megabytes * 1024 * 1024).fill(0x20);
  return zipSync({ '[Content_Types].xml': new Uint8Array(10).fill(0x20), 'word/document.xml': [xml, { level: 9 }] });
}

/** The same archive with every size in its central directory claiming 100 bytes: a bomb that lies. */
function lying(zip: Uint8Array): Uint8Array {
  const copy = zip.slice();
  const view = new DataView(copy.buffer);
  for (let offset = 0; offset + 46 <= copy.length; offset++) {
    if (view.getUint32(offset, true) === 0x02014b50) view.setUint32(offset + 24, 100, true);
  }
  return copy;
}

describe('limits for bad input (issue 13)', () => {
  const limits = { ...testLimits, maxUnzippedBytes: 4 * 1024 * 1024, maxPages: 2 };

  it('refuses a zip bomb disguised as DOCX by the sizes it declares, before inflating', async () => {
    const file = bomb(64);
    assert.ok(file.length < 200 * 1024, 'small on disk');
    const error = await refusal(file, 'bomb.docx', limits);
    assert.equal(error.code, 'file_too_large');
    assert.match(error.message, /解压后/);
  });

  it('stops inflating a bomb that lies about its sizes as soon as the output passes them', async () => {
    const liar = lying(bomb(64));
    const started = performance.now();
    const error = await refusal(liar, 'liar.docx', limits);
    assert.equal(error.code, 'file_too_large');
    assert.match(error.message, /声明/);
    assert.ok(performance.now() - started < 2000, 'never inflated the 64 MB');
  });

  it('refuses a PDF or an OFD with more pages than allowed', async () => {
    const pdf = readFileSync(new URL('../fixtures/formats/notice.pdf', import.meta.url));
    assert.match((await refusal(pdf, 'long.pdf', limits)).message, /超过上限 2 页/);
    assert.match((await refusal(makeOfd([['一'], ['二'], ['三']]), 'long.ofd', limits)).message, /超过上限 2 页/);
  });

  it('refuses a web page larger than the file limit before parsing it', async () => {
    const html = Buffer.from(`<html><body>${'<p>正文段落。</p>'.repeat(200_000)}</body></html>`);
    const error = await refusal(html, 'huge.html', { ...limits, maxFileBytes: 1024 * 1024 });
    assert.equal(error.code, 'file_too_large');
  });
});
