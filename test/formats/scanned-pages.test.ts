import assert from 'node:assert/strict';
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { readDocumentFile, type DecodeLimits } from '../../src/modules/gazette/index.ts';
import { defaultOcr } from '../../src/modules/gazette/ocr.rules.ts';
import { runCli } from '../support/cli.ts';
import { testLimits } from '../support/corpus.ts';
import { tempDir } from '../support/files.ts';
import { pdfOf } from '../support/formats.ts';
import { cjkFont, editDistance, linesPdf, mixedPdf, rasterise, scannedNotice } from '../support/scans.ts';

/**
 * A text PDF with a scanned page in it (issue 13): the notice's first page
 * has a text layer, its second (the rest of the body, the signature and the
 * date) is only a page image, as when a signed page is scanned back in.
 */

const withOcr = (ocr: Partial<typeof defaultOcr>): DecodeLimits => ({ ...testLimits, ocr: { ...defaultOcr, ...ocr } });
const n = scannedNotice;
const textPage = [n.title, n.docNumber, n.addressee, n.body[0]!, n.body[1]!];
const scannedLines = [n.body[2]!, '特此通知。', n.issuer, n.date];

let signedPage: Uint8Array;
let mixed: Uint8Array;

before(async () => {
  signedPage = rasterise(await linesPdf([scannedLines]))[0]!;
  mixed = await mixedPdf([textPage, signedPage]);
});

describe('a text PDF with a scanned page', () => {
  it('reads the scanned page by OCR into its place after the text page, and names it in a warning', async () => {
    const parsed = await readDocumentFile(mixed, { fileName: 'signed.pdf', limits: testLimits });
    assert.equal(parsed.format, 'pdf');
    assert.equal(parsed.pages, 2);
    assert.equal(parsed.ocr, true);
    assert.deepEqual(parsed.ocrPages, [2]);
    assert.ok(parsed.ocrConfidence! > 60 && parsed.ocrConfidence! <= 100, `confidence ${parsed.ocrConfidence}`);
    assert.equal(parsed.documents.length, 1);
    const [document] = parsed.documents;
    // From the text layer, exact.
    assert.equal(document?.title, n.title);
    assert.equal(document?.docNumber, n.docNumber);
    // From the scanned page only: the signature and its date.
    assert.equal(document?.issuer, n.issuer);
    assert.equal(document?.date, '2024-03-01');
    // The body in page order: the text layer's lines, then the scanned page's, each on its line.
    // OCR text is a guess (flagged as one): a recognised line may differ by a character.
    const lines = document!.blocks.map((block) => block.text).join('\n').split('\n');
    const expected = [...textPage.slice(3), ...scannedLines];
    assert.equal(lines.length, expected.length, lines.join('\n'));
    lines.forEach((line, index) => assert.ok(editDistance(line, expected[index]!) <= (index < 2 ? 0 : 1), `${line} ≠ ${expected[index]}`));
    const warning = parsed.warnings.find((w) => w.message.startsWith('第 2 页没有文字层,其文字由 OCR 识别'));
    assert.ok(warning, JSON.stringify(parsed.warnings));
    assert.match(warning.message, new RegExp(`平均置信度 ${parsed.ocrConfidence!.toFixed(1)}%`));
  });

  it('leaves a page of text with an image on it (a seal over the signature) to its text layer', async () => {
    const sealed = await pdfOf((doc) => {
      doc.registerFont('cjk', cjkFont, 'NotoSerifCJKsc-Regular');
      doc.font('cjk').fontSize(16);
      for (const line of [...textPage, ...scannedLines]) doc.text(line);
      doc.image(Buffer.from(signedPage), 300, 400, { width: 120 });
    });
    const parsed = await readDocumentFile(sealed, { fileName: 'typeset.pdf', limits: testLimits });
    assert.equal(parsed.ocr, undefined);
    assert.equal(parsed.ocrPages, undefined);
    assert.equal(parsed.documents[0]?.issuer, n.issuer);
  });

  it('without OCR installed, reads the text layer and names the scanned page and the packages to install', async () => {
    const parsed = await readDocumentFile(mixed, { fileName: 'signed.pdf', limits: withOcr({ tesseract: '/nonexistent/tesseract' }) });
    assert.equal(parsed.ocr, undefined);
    assert.equal(parsed.documents[0]?.docNumber, n.docNumber);
    const warning = parsed.warnings.find((w) => w.message.includes('第 2 页是扫描页'));
    assert.match(warning?.message ?? '', /需要 OCR:请安装 tesseract-ocr 与 tesseract-ocr-chi-sim;其内容未读取/);
  });

  it('past the OCR time limit, reads the text layer and says the scanned page was not read', async () => {
    const dir = tempDir();
    try {
      const slow = dir.write('slow-tesseract', '#!/bin/sh\nif [ "$1" = "--list-langs" ]; then echo chi_sim; exit 0; fi\nexec sleep 30\n');
      chmodSync(slow, 0o755);
      const parsed = await readDocumentFile(mixed, { fileName: 'signed.pdf', limits: withOcr({ tesseract: slow, pageSeconds: 1 }) });
      assert.equal(parsed.ocr, undefined);
      assert.equal(parsed.documents[0]?.docNumber, n.docNumber);
      assert.ok(parsed.warnings.some((w) => /第 2 页是扫描页.*OCR 未能识别.*超过时限 1 秒.*其内容未读取/.test(w.message)), JSON.stringify(parsed.warnings));
    } finally {
      dir.remove();
    }
  });

  it('gongkai parse --json names the pages read by OCR', () => {
    const dir = tempDir();
    try {
      const file = dir.write('signed.pdf', mixed);
      const result = runCli(['parse', file, '--json'], { DATA_DIR: join(dir.path, 'data') });
      assert.equal(result.status, 0, result.stderr);
      const output = JSON.parse(result.stdout) as { format: string; ocr: boolean; ocrPages: number[]; pages: number };
      assert.equal(output.format, 'pdf');
      assert.equal(output.ocr, true);
      assert.deepEqual(output.ocrPages, [2]);
      assert.equal(output.pages, 2);
    } finally {
      dir.remove();
    }
  });
});
