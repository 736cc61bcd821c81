import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../core/errors.ts';
import { layoutText } from './layout.rules.ts';
import { imageSize, meanConfidence, readTsv, weakPagesOf, type OcrPage, type OcrSettings } from './ocr.rules.ts';

/**
 * The OCR path, apart from the text-layer readers because it is slow and its
 * text is a guess: scanned PDF pages are rasterised by pdftoppm (Debian's
 * poppler-utils) and every page image is read by Tesseract with its
 * Simplified Chinese model (tesseract-ocr, tesseract-ocr-chi-sim), each as a
 * child process (never a shell) in a temporary directory removed afterwards,
 * under a time limit per page and per file.
 */

export interface OcrText {
  text: string;
  pages: number;
  /** Character-weighted mean word confidence, 0-100. */
  confidence: number | null;
  /** Pages whose confidence is low (under 60), to be checked by a person. */
  weakPages: number[];
}

const language = 'chi_sim';
/**
 * Resolution of the rasterised pages, lowered for a page so large its image
 * would pass maxPixels. 200 dpi, not the customary 300: Debian's chi_sim
 * model (tessdata_fast) reads best at a character height of 30-60 pixels.
 * Measured on typeset notices (characters right after alignment): body and
 * title of 14-22 pt 99.8% at 150 dpi, 99.0% at 200, 96.9% at 300; body of
 * 10.5 pt (五号) 96.3%, 98.7%, 100%. 200 dpi serves both.
 */
const dpi = 200;
const maxPixels = 40_000_000;
const maxSide = 12_000;

interface Run {
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], seconds: number, cwd: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      // One thread each: ingestion already runs a worker per core, and OpenMP's threads fight them.
      { cwd, timeout: seconds * 1000, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, OMP_THREAD_LIMIT: '1' } },
      (error, stdout, stderr) => (error ? reject(Object.assign(error, { stderr })) : resolve({ stdout, stderr })),
    );
  });
}

const notInstalled = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'EACCES';

/**
 * Whether the tesseract command runs and has the chi_sim model. A yes is
 * remembered per command; a no is asked again, so that installing the
 * packages takes effect without restarting the server.
 */
const installed = new Set<string>();

async function hasTesseract(command: string): Promise<boolean> {
  if (installed.has(command)) return true;
  try {
    const { stdout, stderr } = await run(command, ['--list-langs'], 30, tmpdir());
    if (!`${stdout}\n${stderr}`.split(/\s+/).includes(language)) return false;
  } catch {
    return false;
  }
  installed.add(command);
  return true;
}

function needsOcr(fileName: string, what: string, packages: string, details: Record<string, unknown>): AppError {
  return new AppError('file_needs_ocr', `${fileName}: ${what},需要 OCR:请安装 ${packages},未导入`, { file: fileName, ...details });
}

function timedOut(fileName: string, seconds: number, page: number | null): AppError {
  const where = page === null ? '' : `第 ${page} 页`;
  return new AppError('file_too_large', `${fileName}: OCR 识别${where}超过时限 ${seconds} 秒(OCR_PAGE_SECONDS / OCR_SECONDS),未导入`, { file: fileName, page, seconds });
}

class Clock {
  readonly #end: number;
  constructor(
    private readonly settings: OcrSettings,
    private readonly fileName: string,
  ) {
    this.#end = Date.now() + settings.fileSeconds * 1000;
  }
  /** Seconds the next step may take: a page's share, never past the file's limit. */
  next(page: number | null): number {
    const left = (this.#end - Date.now()) / 1000;
    if (left <= 0) throw timedOut(this.fileName, this.settings.fileSeconds, null);
    return Math.max(1, Math.min(this.settings.pageSeconds, left));
  }
  fail(error: unknown, page: number | null, seconds: number, corrupt: string): AppError {
    if ((error as { killed?: boolean }).killed) {
      return seconds < this.settings.pageSeconds ? timedOut(this.fileName, this.settings.fileSeconds, null) : timedOut(this.fileName, this.settings.pageSeconds, page);
    }
    const stderr = String((error as { stderr?: string }).stderr ?? '').trim().split('\n').slice(-1)[0] ?? '';
    return new AppError('file_corrupt', `${this.fileName}: ${corrupt}${stderr ? `(${stderr.slice(0, 200)})` : ''}`, { file: this.fileName, page });
  }
}

async function recognise(image: string, page: number, clock: Clock, settings: OcrSettings, cwd: string): Promise<OcrPage> {
  const seconds = clock.next(page);
  try {
    const { stdout } = await run(settings.tesseract, [image, 'stdout', '-l', language, '--psm', '3', 'tsv'], seconds, cwd);
    return readTsv(stdout, page);
  } catch (error) {
    throw clock.fail(error, page, seconds, `第 ${page} 页图像无法识别`);
  }
}

function result(pages: OcrPage[]): OcrText {
  const text = layoutText(pages.flatMap((page) => page.lines));
  return { text, pages: pages.length, confidence: meanConfidence(pages), weakPages: weakPagesOf(pages) };
}

async function inTempDir<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'gongkai-ocr-'));
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** An image file (PNG, JPEG, TIFF …), read by Tesseract; a multi-page TIFF is read whole. */
export async function ocrImage(bytes: Uint8Array, fileName: string, format: string, settings: OcrSettings): Promise<OcrText> {
  if (!(await hasTesseract(settings.tesseract))) {
    throw needsOcr(fileName, `是图片(${format}),没有文字层`, 'tesseract-ocr 与 tesseract-ocr-chi-sim', { image: format });
  }
  const size = imageSize(bytes);
  if (size && (size.width * size.height > maxPixels || size.width > maxSide * 2 || size.height > maxSide * 2)) {
    throw new AppError('file_too_large', `${fileName}: 图片 ${size.width}×${size.height} 像素,超过 OCR 上限 ${maxPixels / 1_000_000} 百万像素`, { file: fileName, ...size });
  }
  return inTempDir(async (dir) => {
    await writeFile(join(dir, 'image'), bytes);
    const clock = new Clock(settings, fileName);
    const seconds = clock.next(1);
    let stdout: string;
    try {
      ({ stdout } = await run(settings.tesseract, ['image', 'stdout', '-l', language, '--psm', '3', 'tsv'], seconds, dir));
    } catch (error) {
      throw clock.fail(error, 1, seconds, `图片(${format})已损坏,无法识别`);
    }
    // TSV numbers the pages of a multi-page TIFF.
    const numbers = [...new Set(stdout.split('\n').filter((row) => row.startsWith('5\t')).map((row) => Number(row.split('\t')[1])))];
    const pages = (numbers.length > 0 ? numbers : [1]).map((page) =>
      readTsv(stdout.split('\n').filter((row) => !row.startsWith('5\t') || Number(row.split('\t')[1]) === page).join('\n'), page),
    );
    return result(pages);
  });
}

/**
 * A scanned PDF: every page rasterised and recognised (recognisePdfPages).
 * `largestPage` is the longest page side in points.
 */
export async function ocrPdf(bytes: Uint8Array, fileName: string, pages: number, largestPage: number, settings: OcrSettings): Promise<OcrText> {
  const what = `PDF 是扫描件(共 ${pages} 页,没有文字层)`;
  const { pages: recognised } = await recognisePdfPages(bytes, fileName, Array.from({ length: pages }, (_, index) => index + 1), largestPage, settings, what);
  return result(recognised);
}

export interface RecognisedPages {
  pages: OcrPage[];
  /** Dots per inch the pages were rasterised at: a line's pixels × 72 / dpi are points. */
  dpi: number;
}

/**
 * Some pages of a PDF, each rasterised (grayscale PNG) then recognised, page
 * by page so that the time limit is the page's and a long file is refused at
 * the limit rather than at the end. The next page is rasterised while this
 * one is recognised (the two programs on two cores). `what` says, in the
 * refusal when OCR is not installed, what needed it.
 */
export async function recognisePdfPages(
  bytes: Uint8Array,
  fileName: string,
  numbers: number[],
  largestPage: number,
  settings: OcrSettings,
  what: string,
): Promise<RecognisedPages> {
  if (!(await hasTesseract(settings.tesseract))) throw needsOcr(fileName, what, 'tesseract-ocr 与 tesseract-ocr-chi-sim', { pages: numbers.length });
  const resolution = Math.max(72, Math.min(dpi, Math.floor((Math.sqrt(maxPixels) * 72) / Math.max(largestPage, 1))));
  if (numbers.length === 0) return { pages: [], dpi: resolution };
  return inTempDir(async (dir) => {
    await writeFile(join(dir, 'in.pdf'), bytes);
    const clock = new Clock(settings, fileName);
    const rasterisePage = async (page: number): Promise<string> => {
      const seconds = clock.next(page);
      const args = ['-r', String(resolution), '-gray', '-png', '-f', String(page), '-l', String(page), 'in.pdf', 'page'];
      try {
        await run(settings.pdftoppm, args, seconds, dir);
      } catch (error) {
        if (notInstalled(error)) throw needsOcr(fileName, what, 'poppler-utils(pdftoppm)', { pages: numbers.length });
        throw clock.fail(error, page, seconds, `第 ${page} 页无法转为图像`);
      }
      // pdftoppm pads the page number to the width of the page count: page-1.png, page-01.png …
      const image = (await readdir(dir)).find((name) => name.startsWith('page-') && name.endsWith('.png') && Number(name.slice(5, -4)) === page);
      if (!image) throw new AppError('file_corrupt', `${fileName}: 第 ${page} 页无法转为图像`, { file: fileName, page });
      return image;
    };
    const recognised: OcrPage[] = [];
    let next = rasterisePage(numbers[0]!);
    for (const [index, page] of numbers.entries()) {
      const image = await next;
      if (index + 1 < numbers.length) {
        next = rasterisePage(numbers[index + 1]!);
        // Awaited on the next turn; a failure after this page's own is not left unhandled meanwhile.
        next.catch(() => undefined);
      }
      recognised.push(await recognise(image, page, clock, settings, dir));
      await rm(join(dir, image), { force: true });
    }
    return { pages: recognised, dpi: resolution };
  });
}
