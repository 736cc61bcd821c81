import type { Fragment } from './layout.rules.ts';

/**
 * Pure rules of the OCR path: what a scan is, how Tesseract's TSV becomes
 * positioned lines, and which of its slips are repaired. Digits misread as
 * letters (2O24, l3) are repaired only inside a 文号 or a date, where the
 * shape leaves no doubt; elsewhere the text is kept as recognised.
 */

/** The OCR commands and what they may spend (configured: TESSERACT_COMMAND, PDFTOPPM_COMMAND, OCR_PAGE_SECONDS, OCR_SECONDS). */
export interface OcrSettings {
  /** The tesseract and pdftoppm commands (names on PATH or paths). */
  tesseract: string;
  pdftoppm: string;
  /** Seconds one page may take to rasterise or recognise, and the whole file. */
  pageSeconds: number;
  fileSeconds: number;
}

export const defaultOcr: OcrSettings = { tesseract: 'tesseract', pdftoppm: 'pdftoppm', pageSeconds: 60, fileSeconds: 600 };

/** A PDF whose text layer averages fewer characters a page than this is a scan (a stamp or page number is not text). */
export const scanCharsPerPage = 16;

export function isScan(characters: number, pages: number): boolean {
  return characters < scanCharsPerPage * Math.max(pages, 1);
}

export interface OcrLine extends Fragment {
  /** Mean word confidence of the line, 0-100. */
  confidence: number;
}

export interface OcrPage {
  /** The page's number in its file. */
  page: number;
  lines: OcrLine[];
  /** Recognised characters, spaces excluded. */
  characters: number;
  /** Character-weighted mean confidence, 0-100; null when nothing was recognised. */
  confidence: number | null;
}

const CJK = '\\u3400-\\u9fff\\uf900-\\ufaff\\u3000-\\u303f\\uff00-\\uffef“”‘’《》〈〉—…·';
const spaceInCjk = new RegExp(`(?<=[${CJK}])[ \\t]+(?=[${CJK}])`, 'g');

/** Tesseract's Chinese model cuts text into "words" of a character or two and separates them by spaces: spaces between two CJK characters or punctuation go. */
export function joinCjk(text: string): string {
  return text.replace(spaceInCjk, '');
}

interface Word {
  left: number;
  top: number;
  width: number;
  height: number;
  confidence: number;
  text: string;
}

/**
 * Tesseract's TSV (level, page, block, paragraph, line, word, left, top,
 * width, height, conf, text): the words of each line joined, one fragment a
 * line, sized by the median word height (a comma's box is a fraction of a character's).
 */
export function readTsv(tsv: string, page: number): OcrPage {
  const lines = new Map<string, Word[]>();
  for (const row of tsv.split('\n')) {
    const cells = row.split('\t');
    if (cells.length < 12 || cells[0] !== '5') continue;
    const text = cells.slice(11).join('\t').trim();
    const confidence = Number(cells[10]);
    if (text.length === 0 || !(confidence >= 0)) continue;
    const key = `${cells[1]}.${cells[2]}.${cells[3]}.${cells[4]}`;
    let words = lines.get(key);
    if (!words) lines.set(key, (words = []));
    words.push({ left: Number(cells[6]), top: Number(cells[7]), width: Number(cells[8]), height: Number(cells[9]), confidence, text });
  }
  let characters = 0;
  let weighted = 0;
  const out: OcrLine[] = [];
  for (const words of lines.values()) {
    words.sort((a, b) => a.left - b.left);
    const heights = words.map((word) => word.height).sort((a, b) => a - b);
    const size = heights[heights.length >> 1]!;
    const left = words[0]!.left;
    const right = Math.max(...words.map((word) => word.left + word.width));
    const chars = words.reduce((sum, word) => sum + word.text.length, 0);
    const lineWeighted = words.reduce((sum, word) => sum + word.confidence * word.text.length, 0);
    characters += chars;
    weighted += lineWeighted;
    out.push({
      page,
      x: left,
      top: Math.min(...words.map((word) => word.top)),
      size,
      width: right - left,
      text: repairOcrNumbers(joinCjk(words.map((word) => word.text).join(' '))),
      confidence: lineWeighted / chars,
    });
  }
  return { page, lines: out, characters, confidence: characters > 0 ? weighted / characters : null };
}

/** Pages whose confidence is low (under 60), to be checked by a person. */
export const weakPagesOf = (pages: OcrPage[]): number[] => pages.flatMap((page) => (page.confidence !== null && page.confidence < 60 ? [page.page] : []));

/** The character-weighted mean confidence of several pages, 0-100 (one decimal). */
export function meanConfidence(pages: OcrPage[]): number | null {
  const characters = pages.reduce((sum, page) => sum + page.characters, 0);
  if (characters === 0) return null;
  const weighted = pages.reduce((sum, page) => sum + (page.confidence ?? 0) * page.characters, 0);
  return Math.round((weighted / characters) * 10) / 10;
}

/** The warning that names the pages to check first. */
export function lowConfidenceWarning(pages: number[]): { line: null; message: string } {
  return { line: null, message: `第 ${pages.join('、')} 页 OCR 置信度低于 60%,请重点核对` };
}

/** Letters and marks Tesseract reads where a digit was printed. */
const digitLike = '0-9OoDQIl|!iZzSsBbg';
const asDigit: Record<string, string> = { O: '0', o: '0', D: '0', Q: '0', I: '1', l: '1', '|': '1', '!': '1', i: '1', Z: '2', z: '2', S: '5', s: '5', B: '8', b: '6', g: '9' };
const digits = (text: string) => text.replace(/[^0-9]/g, (char) => asDigit[char] ?? char);

// A 文号: an agency prefix of Chinese characters, the year in some bracket (OCR reads 〔〕 as [], (), {} or 【】), the serial, 号.
const docNumber = new RegExp(
  `(?<=[\\u4e00-\\u9fff])\\s*[〔﹝\\[(（【〖{<]\\s*([${digitLike}]{4})\\s*[〕﹞\\])）】〗}>]\\s*(第?)\\s*([${digitLike}]{1,5})\\s*(?=[号號])`,
  'g',
);
// A date: 2O24年3月l日. A serif 1 alone in its slot is read as ] (3月]日); beside a digit a bracket is the edge of 年 月 日 read as a mark (1]日).
const date = new RegExp(`([${digitLike}]{4})\\s*年\\s*([${digitLike}\\[\\]]{1,3})\\s*月\\s*([${digitLike}\\[\\]]{1,3})\\s*日`, 'g');
const dateSlot = (text: string) => digits(/[0-9]/.test(text) ? text.replace(/[[\]]/g, '') : text.replace(/[[\]]/g, '1'));

const plausibleYear = (year: string) => /^(19|20)\d\d$/.test(year);
// At least half of a repaired run must have been printed as digits: "SOS" or "IIIl" is not a number.
const mostlyDigits = (...parts: string[]) => {
  const text = parts.join('');
  return text.replace(/[^0-9]/g, '').length * 2 >= text.length;
};

/** Repairs the digits of every 文号 and date in one recognised line; nothing else in the line changes. */
export function repairOcrNumbers(line: string): string {
  return line
    .replace(docNumber, (whole, year: string, di: string, serial: string) => {
      const y = digits(year);
      const s = digits(serial);
      if (!plausibleYear(y) || !/^\d+$/.test(s) || !mostlyDigits(year, serial)) return whole;
      return `〔${y}〕${di}${s}`;
    })
    .replace(date, (whole, year: string, month: string, day: string) => {
      const [y, m, d] = [digits(year), dateSlot(month), dateSlot(day)];
      if (!plausibleYear(y) || !/^\d{1,2}$/.test(m) || !/^\d{1,2}$/.test(d) || !mostlyDigits(year, month.replace(/[[\]]/g, ''), day.replace(/[[\]]/g, ''))) return whole;
      return `${y}年${Number(m)}月${Number(d)}日`;
    });
}

/** Width and height of a PNG, JPEG, GIF or BMP, read from its header (an image bomb is refused before it is decoded). */
export function imageSize(bytes: Uint8Array): { width: number; height: number } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes.length >= 24) return { width: view.getUint32(16), height: view.getUint32(20) };
  if (bytes[0] === 0x47 && bytes[1] === 0x49 && bytes.length >= 10) return { width: view.getUint16(6, true), height: view.getUint16(8, true) };
  if (bytes[0] === 0x42 && bytes[1] === 0x4d && bytes.length >= 26) return { width: Math.abs(view.getInt32(18, true)), height: Math.abs(view.getInt32(22, true)) };
  if (bytes[0] === 0xff && bytes[1] === 0xd8) {
    // JPEG: walk the segments to the frame header (SOF0-SOF15 but DHT, JPG, DAC).
    let at = 2;
    while (at + 9 < bytes.length) {
      if (bytes[at] !== 0xff) return null;
      const marker = bytes[at + 1]!;
      if (marker === 0xff) {
        at++;
        continue;
      }
      const length = view.getUint16(at + 2);
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { width: view.getUint16(at + 7), height: view.getUint16(at + 5) };
      }
      at += 2 + length;
    }
  }
  return null;
}
