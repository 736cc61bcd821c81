import assert from 'node:assert/strict';
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import PDFDocument from 'pdfkit';
import { sql } from '../../src/core/db/sql.ts';
import { createIngestService } from '../../src/modules/documents/index.ts';
import { readDocumentFile, type DecodeLimits, type ReadFile } from '../../src/modules/gazette/index.ts';
import { defaultOcr } from '../../src/modules/gazette/ocr.rules.ts';
import { runCli } from '../support/cli.ts';
import { testLimits } from '../support/corpus.ts';
import { refusal } from '../support/formats.ts';
import { count, engines, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { tempDir } from '../support/files.ts';
import { editDistance, imageOnlyPdf, noticePdf, rasterise, scannedNotice } from '../support/scans.ts';

/**
 * The OCR path of issue 13 with Debian's real tesseract (chi_sim) and
 * pdftoppm: a typeset notice rasterised at 300 dpi, read as a PNG and as an
 * image-only PDF; and the refusals when OCR is not installed or too slow.
 */

const withOcr = (ocr: Partial<typeof defaultOcr>): DecodeLimits => ({ ...testLimits, ocr: { ...defaultOcr, ...ocr } });
const noTesseract = withOcr({ tesseract: '/nonexistent/tesseract' });



function expectScannedNotice(parsed: ReadFile, format: string): void {
  assert.equal(parsed.format, format);
  assert.equal(parsed.ocr, true);
  assert.equal(parsed.pages, 1);
  assert.ok(parsed.ocrConfidence! > 60 && parsed.ocrConfidence! <= 100, `confidence ${parsed.ocrConfidence}`);
  assert.equal(parsed.documents.length, 1);
  const [document] = parsed.documents;
  assert.equal(document?.docNumber, scannedNotice.docNumber);
  assert.equal(document?.date, '2024-03-01');
  assert.equal(document?.issuer, scannedNotice.issuer);
  assert.equal(document?.type, '通知');
  // OCR text is a guess (and flagged as one): at 22 pt Debian's fast chi_sim model misreads one
  // character of this title (试 as 斌). The title is found whole; the fields the library is searched by are exact.
  const title = document?.title ?? '';
  assert.ok(editDistance(title, scannedNotice.title) <= 1, `title ${title}`);
  assert.match(title, /^测试市人民政府关于.*的通知$/);
  const warning = parsed.warnings.find((w) => w.message.includes('OCR'));
  assert.match(warning?.message ?? '', new RegExp(`平均置信度 ${parsed.ocrConfidence!.toFixed(1)}%`));
}

let png: Uint8Array;
let scanPdf: Uint8Array;

before(async () => {
  const [page] = rasterise(await noticePdf());
  png = page!;
  scanPdf = await imageOnlyPdf([png]);
});

describe('scanned files are read by OCR (issue 13)', () => {
  it('reads a scanned page saved as PNG: title, 文号, date, issuer, flagged as OCR with its confidence', async () => {
    expectScannedNotice(await readDocumentFile(png, { fileName: 'scan.png', limits: testLimits }), 'png');
  });

  it('reads a PDF that is only page images, whatever it is called', async () => {
    expectScannedNotice(await readDocumentFile(scanPdf, { fileName: 'scan.bin', limits: testLimits }), 'pdf');
  });

  it('reads every page of a long scan in order (ten pages: pdftoppm numbers them 01 … 10)', async () => {
    const blank = await imageOnlyPdf([]);
    const [white] = rasterise(blank, 20);
    const parsed = await readDocumentFile(await imageOnlyPdf([...Array.from({ length: 9 }, () => white!), png]), { fileName: 'long.pdf', limits: testLimits });
    assert.equal(parsed.pages, 10);
    assert.equal(parsed.ocr, true);
    assert.equal(parsed.documents[0]?.docNumber, scannedNotice.docNumber);
    assert.match(parsed.warnings[0]!.message, /共 10 页/);
  });

  it('keeps reading the text layer of a PDF that has one, without OCR', async () => {
    const parsed = await readDocumentFile(await noticePdf(), { fileName: 'typeset.pdf', limits: noTesseract });
    assert.equal(parsed.ocr, undefined);
    assert.equal(parsed.documents[0]?.title, scannedNotice.title);
  });

  it('says so when OCR finds no text on a scan (a blank grey page)', async () => {
    const blank = await new Promise<Uint8Array>((resolve) => {
      const doc = new PDFDocument();
      const chunks: Buffer[] = [];
      doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
      doc.rect(50, 50, 300, 400).fill('#777');
      doc.end();
    });
    const error = await refusal(blank, 'blank.pdf', testLimits);
    assert.equal(error.code, 'no_documents');
    assert.match(error.message, /OCR 没有识别出文字/);
  });
});

describe('scans are refused clearly when OCR cannot run', () => {
  it('names the file and the packages to install when tesseract is missing (PDF and image)', async () => {
    const pdf = await refusal(scanPdf, 'scan.pdf', noTesseract);
    assert.equal(pdf.code, 'file_needs_ocr');
    assert.match(pdf.message, /扫描件.*需要 OCR:请安装 tesseract-ocr 与 tesseract-ocr-chi-sim/);
    const image = await refusal(png, 'scan.png', noTesseract);
    assert.equal(image.code, 'file_needs_ocr');
    assert.match(image.message, /图片\(PNG\).*请安装 tesseract-ocr 与 tesseract-ocr-chi-sim/);
  });

  it('names the model when tesseract has no Simplified Chinese', async () => {
    const dir = tempDir();
    try {
      const english = dir.write('english-tesseract', '#!/bin/sh\necho "List of available languages (2):"; echo eng; echo osd\n');
      chmodSync(english, 0o755);
      const error = await refusal(scanPdf, 'scan.pdf', withOcr({ tesseract: english }));
      assert.equal(error.code, 'file_needs_ocr');
      assert.match(error.message, /tesseract-ocr-chi-sim/);
    } finally {
      dir.remove();
    }
  });

  it('names poppler-utils when pdftoppm is missing', async () => {
    const error = await refusal(scanPdf, 'scan.pdf', withOcr({ pdftoppm: '/nonexistent/pdftoppm' }));
    assert.equal(error.code, 'file_needs_ocr');
    assert.match(error.message, /poppler-utils/);
  });

  it('stops a page that passes the time limit and refuses the file', async () => {
    // A tesseract that has the model but never finishes: the limit, not the program, ends the page.
    const dir = tempDir();
    try {
      const slow = dir.write('slow-tesseract', '#!/bin/sh\nif [ "$1" = "--list-langs" ]; then echo chi_sim; exit 0; fi\nexec sleep 30\n');
      chmodSync(slow, 0o755);
      const started = Date.now();
      const error = await refusal(scanPdf, 'slow.pdf', withOcr({ tesseract: slow, pageSeconds: 1 }));
      assert.equal(error.code, 'file_too_large');
      assert.match(error.message, /第 1 页超过时限 1 秒/);
      assert.ok(Date.now() - started < 15_000, 'the page was stopped at its limit');
    } finally {
      dir.remove();
    }
  });

  it('refuses a broken image as corrupt, naming its format', async () => {
    const error = await refusal(Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), 'broken.png', testLimits);
    assert.equal(error.code, 'file_corrupt');
    assert.match(error.message, /图片\(PNG\)已损坏/);
  });

  it('refuses an image too large to decode before decoding it', async () => {
    const huge = Buffer.from(png);
    huge.writeUInt32BE(100_000, 16);
    huge.writeUInt32BE(100_000, 20);
    const error = await refusal(huge, 'huge.png', testLimits);
    assert.equal(error.code, 'file_too_large');
    assert.match(error.message, /100000×100000 像素/);
  });
});

describe('gongkai parse of a scan', () => {
  it('prints the same contract with "format" and "ocr": true, and exits non-zero without OCR', () => {
    const dir = tempDir();
    try {
      const file = dir.write('scan.png', png);
      const result = runCli(['parse', file, '--json'], { DATA_DIR: join(dir.path, 'data') });
      assert.equal(result.status, 0, result.stderr);
      const output = JSON.parse(result.stdout) as { format: string; ocr: boolean; ocrConfidence: number; gazette: unknown; documents: Record<string, unknown>[] };
      assert.equal(output.format, 'png');
      assert.equal(output.ocr, true);
      assert.ok(output.ocrConfidence > 60);
      assert.ok('gazette' in output);
      assert.deepEqual(Object.keys(output.documents[0]!).slice(0, 5), ['title', 'docNumber', 'issuer', 'date', 'type']);
      assert.equal(output.documents[0]!.docNumber, scannedNotice.docNumber);
      const missing = runCli(['parse', file, '--json'], { DATA_DIR: join(dir.path, 'data'), TESSERACT_COMMAND: '/nonexistent/tesseract' });
      assert.notEqual(missing.status, 0);
      assert.match(missing.stderr, /scan\.png: .*请安装 tesseract-ocr 与 tesseract-ocr-chi-sim/);
    } finally {
      dir.remove();
    }
  });
});

for (const engine of engines) {
  describe(`ingesting scans on ${engine}`, () => {
    let database: TestDatabase;
    const dir = tempDir();
    before(async () => {
      database = await openTestDatabase(engine);
      dir.write('a-scan.pdf', scanPdf);
      dir.write('b-notice.txt', ['测试市人民政府关于做好防汛准备的通知', '测府发〔2024〕12号', '各区人民政府：', '现就有关事项通知如下。', '测试市人民政府', '2024年3月2日'].join('\n'));
    });
    after(async () => {
      await database.close();
      dir.remove();
    });

    it('without OCR: the scan is refused by name, nothing of it stored, the other file ingested', async () => {
      const summary = await createIngestService(database.db, noTesseract).ingest([dir.path]);
      assert.deepEqual(
        summary.outcomes.map((outcome) => [outcome.path.split('/').pop(), outcome.status, outcome.error?.code]),
        [
          ['a-scan.pdf', 'failed', 'file_needs_ocr'],
          ['b-notice.txt', 'ingested', undefined],
        ],
      );
      assert.ok(summary.outcomes[0]!.error!.message.includes(summary.outcomes[0]!.path));
      assert.equal(await count(database.db, 'source_files'), 1);
      assert.equal(await count(database.db, 'documents'), 1);
    });

    it('with OCR: the scan is ingested, its file flagged as OCR with the confidence', async () => {
      const summary = await createIngestService(database.db, testLimits).ingest([dir.path]);
      assert.equal(summary.filesFailed, 0);
      const scan = summary.outcomes.find((outcome) => outcome.path.endsWith('a-scan.pdf'))!;
      assert.equal(scan.status, 'ingested');
      assert.match(scan.warnings.map((w) => w.message).join('\n'), /OCR 识别.*平均置信度/);
      const [row] = await database.db.query<{ doc_number: string; signed_on: string; warnings: { message: string }[] }>(
        sql`select d.doc_number, d.signed_on::text as signed_on, s.warnings from documents d join source_files s on s.id = d.source_file_id where s.file_name = ${'a-scan.pdf'}`,
      );
      assert.equal(row?.doc_number, scannedNotice.docNumber);
      assert.equal(row?.signed_on, '2024-03-01');
      assert.ok(row?.warnings.some((w) => /OCR/.test(w.message)));
      const [stored] = await database.db.query<{ media_type: string }>(sql`select f.media_type from stored_files f join source_files s on s.sha256 = f.sha256 where s.file_name = ${'a-scan.pdf'}`);
      assert.equal(stored?.media_type, 'application/pdf');
    });
  });
}
