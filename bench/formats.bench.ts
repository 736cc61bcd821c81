/**
 * The formats part of npm run bench:ingest (issue 13): HTML pages/s and MB/s,
 * PDF pages/s (text layer), DOCX and OFD files/s through readDocumentFile, each
 * beside the extraction library's own speed on the same files (the reference:
 * cheerio's text(), unpdf's extractText, mammoth's extractRawText). Also
 * runnable alone: node --import tsx bench/formats.bench.ts
 *
 * Inputs: the seeds wrapped as portal pages, Word files and OFD files; the PDF
 * fixture of test/formats; the real corpus's pages too when GONGKAI_REAL_CORPUS is set.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from 'cheerio';
import mammoth from 'mammoth';
import { extractText, getDocumentProxy } from 'unpdf';
import { readDocumentFile } from '../src/modules/gazette/index.ts';
import { readSeed, seedNames } from '../test/support/corpus.ts';
import { makeDocx, makeOfd } from '../test/support/formats.ts';

const limits = { maxFileBytes: 50 * 1024 * 1024, maxLineChars: 1_000_000 };
const mb = (bytes: number) => bytes / 1048576;

interface Measure {
  seconds: number;
  bytes: number;
  units: number;
}

async function time(files: Uint8Array[], rounds: number, run: (file: Uint8Array) => Promise<number>): Promise<Measure> {
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
  const read = (file: Uint8Array, name: string) => readDocumentFile(file, { fileName: name, limits });

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
  out.push('OCR: not measured here (tesseract is not required; a scan is reported, not read).');
  out.push('targets: text-layer PDF >= 50% of the extraction library; HTML >= 5 MB/s');
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) console.log((await benchFormats()).join('\n'));
