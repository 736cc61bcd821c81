/**
 * The formats part of npm run bench:ingest (issue 13): HTML pages/s and MB/s,
 * PDF pages/s (text layer), DOCX and OFD files/s through readDocumentFile, each
 * beside the extraction library's own speed on the same files (the reference:
 * cheerio's text(), unpdf's extractText, mammoth's extractRawText). OCR
 * pages/s of scanned PDFs and page images beside the raw tesseract CLI on the
 * same page images (one thread each, as ingestion runs it), and OCR's
 * character accuracy against the text layer of the same pages. Also
 * runnable alone: node --import tsx bench/formats.bench.ts
 *
 * Inputs: the seeds wrapped as portal pages, Word files and OFD files; the PDF
 * fixture of test/formats, and its pages rasterised by pdftoppm (200 dpi
 * grayscale) as page images and as an image-only PDF; the real corpus's pages
 * too when GONGKAI_REAL_CORPUS is set.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from 'cheerio';
import mammoth from 'mammoth';
import { extractText, getDocumentProxy } from 'unpdf';
import { readDocumentFile } from '../src/modules/gazette/index.ts';
import { readSeed, seedNames } from '../test/support/corpus.ts';
import { makeDocx, makeOfd } from '../test/support/formats.ts';
import { editDistance, imageOnlyPdf, rasterise } from '../test/support/scans.ts';

const limits = { maxFileBytes: 50 * 1024 * 1024, maxLineChars: 1_000_000 };
const mb = (bytes: number) => bytes / 1048576;
const read = (file: Uint8Array, name: string) => readDocumentFile(file, { fileName: name, limits });

interface Measure {
  seconds: number;
  bytes: number;
  units: number;
}

/**
 * Rounds over the files; with `warm`, after one untimed round (the code compiled and warm, for ours and
 * the reference alike). OCR runs once, cold: its time is the tesseract process's, not ours to warm.
 */
async function time(files: Uint8Array[], rounds: number, run: (file: Uint8Array) => Promise<number>, warm = true): Promise<Measure> {
  if (warm) for (const file of files) await run(file);
  let units = 0;
  let bytes = 0;
  const started = performance.now();
  for (let round = 0; round < rounds; round++) {
    for (const file of files) {
      units += await run(file);
      bytes += file.length;
    }
  }
  return { seconds: (performance.now() - started) / 1000, bytes, units };
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

function portalPage(text: string): Uint8Array {
  const paragraphs = text.split('\n').map((line) => `<p>${escape(line)}</p>`).join('\n');
  return Buffer.from(
    `<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="ArticleTitle" content="测试"></head><body><div class="nav"><a href="/">首页</a></div>` +
      `<table><tr><td>发文机关：</td><td>测试市人民政府</td><td>成文日期：</td><td>2024年3月1日</td></tr></table><div id="zoom">${paragraphs}</div><div class="footer">版权所有</div></body></html>`,
  );
}

export async function benchFormats(): Promise<string[]> {
  const seeds = seedNames.map((name) => readSeed(name).toString('utf8'));
  const html = seeds.map(portalPage);
  const real = process.env.GONGKAI_REAL_CORPUS;
  if (real) for (const name of readdirSync(real).filter((file) => file.endsWith('.html'))) html.push(readFileSync(join(real, name)));
  const docx = seeds.map((text) => makeDocx(text.split('\n')));
  const ofd = seeds.map((text) => {
    const lines = text.split('\n').filter((line) => line.trim());
    const pages: string[][] = [];
    for (let at = 0; at < lines.length; at += 30) pages.push(lines.slice(at, at + 30));
    return makeOfd(pages);
  });
  const pdf = [readFileSync(fileURLToPath(new URL('../test/fixtures/formats/notice.pdf', import.meta.url)))];

  const rows: [string, Measure, string, Measure | null, string][] = [];
  const htmlOurs = await time(html, 3, async (file) => (await read(file, 'page.html'), 1));
  const htmlRef = await time(html, 3, async (file) => (load(Buffer.from(file).toString('utf8'))('body').text(), 1));
  rows.push(['HTML', htmlOurs, 'pages', htmlRef, 'cheerio load + text()']);
  const pdfOurs = await time(pdf, 5, async (file) => (await read(file, 'notice.pdf')).pages ?? 0);
  const pdfRef = await time(pdf, 5, async (file) => (await extractText(await getDocumentProxy(new Uint8Array(file)), { mergePages: true })).totalPages);
  rows.push(['PDF (text layer)', pdfOurs, 'pages', pdfRef, 'unpdf extractText']);
  const docxOurs = await time(docx, 3, async (file) => (await read(file, 'file.docx'), 1));
  const docxRef = await time(docx, 3, async (file) => (await mammoth.extractRawText({ buffer: Buffer.from(file) }), 1));
  rows.push(['DOCX', docxOurs, 'files', docxRef, 'mammoth extractRawText']);
  const ofdOurs = await time(ofd, 3, async (file) => (await read(file, 'file.ofd'), 1));
  rows.push(['OFD', ofdOurs, 'files', null, '(no library)']);

  const out = ['', '| format | files/pages per s | MB/s | reference | reference per s | share of reference |', '| --- | ---: | ---: | --- | ---: | ---: |'];
  for (const [format, ours, unit, reference, label] of rows) {
    const rate = ours.units / ours.seconds;
    const refRate = reference ? reference.units / reference.seconds : null;
    out.push(
      `| ${format} | ${rate.toFixed(1)} ${unit} | ${(mb(ours.bytes) / ours.seconds).toFixed(1)} | ${label} | ${refRate === null ? '' : `${refRate.toFixed(1)} ${unit}`} | ${refRate === null ? '' : `${((rate / refRate) * 100).toFixed(0)}%`} |`,
    );
  }
  out.push(...(await benchOcr(pdf[0]!)));
  out.push('targets: text-layer PDF >= 50% of the extraction library; HTML >= 5 MB/s');
  return out;
}


/** What a reader finds in the documents: titles, numbers, signatures and body text, spaces removed. */
const readable = (parsed: Awaited<ReturnType<typeof readDocumentFile>>) =>
  parsed.documents.map((d) => [d.displayTitle, d.docNumber, d.issuer, d.date, ...d.blocks.map((block) => block.text)].join('')).join('').replace(/\s+/g, '');

async function benchOcr(textPdf: Uint8Array): Promise<string[]> {
  const run = promisify(execFile);
  try {
    await run('tesseract', ['--list-langs']);
  } catch {
    return ['OCR: not measured (tesseract is not installed: apt-get install tesseract-ocr tesseract-ocr-chi-sim poppler-utils).'];
  }
  const images = rasterise(textPdf);
  const scan = await imageOnlyPdf(images);
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-bench-ocr-'));
  try {
    images.forEach((image, index) => writeFileSync(join(dir, `page-${index + 1}.png`), image));
    const scanOurs = await time([scan], 1, async (file) => (await read(file, 'scan.pdf')).pages ?? 0, false);
    // The fixture's last pages hold only a page number, which Tesseract does not read: such a page is refused (no text), but was OCR'd all the same.
    const imageOurs = await time(images, 1, (file) =>
      read(file, 'page.png').then(
        (parsed) => parsed.pages ?? 0,
        (error: { code?: string }) => (error.code === 'no_documents' ? 1 : Promise.reject(error)),
      ),
      false,
    );
    // The reference: Tesseract alone on the same page images, plain text out, one thread as ingestion runs it.
    let page = 0;
    const reference = await time(images, 1, async () => {
      page++;
      await run('tesseract', [`page-${page}.png`, 'stdout', '-l', 'chi_sim'], { cwd: dir, env: { ...process.env, OMP_THREAD_LIMIT: '1' }, maxBuffer: 1 << 26 });
      return 1;
    }, false);
    const ocr = await read(scan, 'scan.pdf');
    const truth = readable(await read(textPdf, 'notice.pdf'));
    const accuracy = 1 - editDistance(truth, readable(ocr)) / truth.length;
    const rate = (m: Measure) => m.units / m.seconds;
    return [
      '',
      '| OCR (tesseract chi_sim, 200 dpi) | pages per s | s per page | reference | reference per s | share of reference |',
      '| --- | ---: | ---: | --- | ---: | ---: |',
      `| scanned PDF (pdftoppm + tesseract + parse) | ${rate(scanOurs).toFixed(2)} | ${(1 / rate(scanOurs)).toFixed(2)} | tesseract CLI on the page images | ${rate(reference).toFixed(2)} | ${((rate(scanOurs) / rate(reference)) * 100).toFixed(0)}% |`,
      `| page images (PNG, tesseract + parse) | ${rate(imageOurs).toFixed(2)} | ${(1 / rate(imageOurs)).toFixed(2)} | tesseract CLI on the page images | ${rate(reference).toFixed(2)} | ${((rate(imageOurs) / rate(reference)) * 100).toFixed(0)}% |`,
      `OCR of ${images.length} pages of test/fixtures/formats/notice.pdf: ${(accuracy * 100).toFixed(1)}% of ${truth.length} characters right (edit distance to the text-layer read), mean confidence ${ocr.ocrConfidence}%; ${ocr.documents.length} document(s), title ${ocr.documents[0]?.title}, 文号 ${ocr.documents[0]?.docNumber}, date ${ocr.documents[0]?.date}`,
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) console.log((await benchFormats()).join('\n'));
