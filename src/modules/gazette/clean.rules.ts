import { splitNumberAndDate } from './docnumber.rules.ts';
import { collapseCjkSpaces } from './text.rules.ts';
import type { SourceLine } from './gazette.types.ts';

/**
 * Cleaning: what the source adds that is not the government's text. Web
 * boilerplate and copyright footers (002 L14-17, 004 L1-2), injected
 * watermarks (004 L6, L50), page footers ("(2017年第9期)", "— 25 —"), and
 * the chunk counters and page numbers of PDF extraction (002).
 */

const noiseLines: RegExp[] = [
  /^Copyright\s*(©|\(c\))/i,
  /^.{0,40}ICP备\s*\d+号/,
  /^.{0,40}公网安备\s*\d+号/,
  /^本站为.{0,20}平台/,
  /^时间[:：]\s*\d{4}-\d{2}-\d{2}\s+\d{1,2}[:：]\d{2}([:：]\d{2})?$/,
  /^开篇[:：]/,
  /^分享[:：]?$/,
  /^[•·]?\s*打印$/,
  /^相关附件$/,
  /^字号[:：]?\s*(大|中|小|\s)*$/,
  // A page's font-size switcher and speech reader, however bracketed ("【字体:", "[字体：大 中 小]", "不能读取语音阅读器").
  /^[【\[〔(（]?\s*字体[:：]?\s*(大|中|小|默认|\s|[】\]〕)）])*$/,
  /^[^，。,;；]{0,8}语音(阅读|播报|朗读)[^，。,;；]{0,6}$/,
  // A page's QR-code invitation under the text ("扫描二维码 关注我们", traditional too).
  /^(扫|掃)(描|一扫).{0,4}(二维码|二維碼|手机|手機).{0,12}$/,
  // A page's back-to-top link ("返回顶部", "回到顶部", traditional too).
  /^[【\[]?\s*(返回|回到)(顶部|頂部)\s*[】\]]?$/,
  /^[(（]\s*\d{4}\s*年\s*第\s*\d+\s*期\s*[)）]$/,
  /^[—–-]+\s*\d{1,4}\s*[—–-]+$/,
];

// One alternation, every branch anchored at the start: most lines fail on their first character.
const noiseLine = new RegExp(noiseLines.map((pattern) => `(?:${pattern.source})`).join('|'), 'i');

/** Text injected into sentences by the sites the files were taken from, with the comma it brings. */
const watermarks = ['全国公务员共同天地'];
const watermarkPatterns = watermarks.map((mark) => new RegExp(`[,，]?${mark}`, 'g'));

export interface CleanResult {
  lines: SourceLine[];
  /** The file is PDF extraction in numbered chunks (002): line structure is not the document's. */
  chunked: boolean;
  noiseRemoved: number;
}

/** The line without the bars and blanks at its end (a loop from the end: a regex over long runs of bars backtracks). */
function withoutTrailingBars(line: string): string {
  let end = line.length;
  while (end > 0 && (line[end - 1] === '|' || line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
  const text = line.slice(0, end);
  return text.includes('|') || /[:：]\s*$/.test(text) ? line : text;
}

function normaliseSpaces(text: string): string {
  // Plain lines (the vast majority) need none of the replacements below.
  if (!/[\u00a0\u2000-\u200d\u202f\u205f\u2060\u3000\ufeff\r]|\s$/.test(text)) return text;
  return text
    .replace(/[\u00a0\u2000-\u200a\u202f\u205f\u3000]/g, ' ')
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/\r/g, '')
    .trimEnd();
}

export function cleanText(text: string): CleanResult {
  const raw = text.split('\n');
  const lines: SourceLine[] = [];
  let noiseRemoved = 0;
  for (let i = 0; i < raw.length; i++) {
    let line = normaliseSpaces(raw[i]!);
    watermarks.forEach((mark, index) => {
      if (line.includes(mark)) line = line.replace(watermarkPatterns[index]!, '');
    });
    // A page's table layout leaves cell bars after a line's text ("…的通知 | |") and on lines of their own; a
    // metadata row's cells ("发文机关: | 某市政府 |", "主题词: |") are the table's own and stay.
    if (line.endsWith('|')) line = withoutTrailingBars(line);
    const trimmed = line.trim();
    if (trimmed.length === 0 || /^\|[\s|]*$/.test(trimmed)) continue;
    if (trimmed.length <= 300 && noiseLine.test(trimmed)) {
      noiseRemoved++;
      continue;
    }
    const split = splitNumberAndDate(line);
    if (split) lines.push({ no: i + 1, text: split[0] }, { no: i + 1, text: split[1] });
    else lines.push({ no: i + 1, text: line });
  }
  if (isChunked(lines)) return { lines: unchunk(lines), chunked: true, noiseRemoved };
  return { lines: lines.map((line) => ({ no: line.no, text: line.text.trim() })), chunked: false, noiseRemoved };
}

const chunkCounter = /^(\d{1,5})、/;

function isChunked(lines: SourceLine[]): boolean {
  if (lines.length < 3) return false;
  let inSequence = 0;
  for (const line of lines) {
    const match = chunkCounter.exec(line.text);
    if (match && Number(match[1]) === inSequence + 1) inSequence++;
  }
  const longLines = lines.filter((line) => line.text.length > 200).length;
  return inSequence >= 3 && inSequence >= lines.length * 0.8 && longLines >= inSequence * 0.5;
}

/** Removes page numbers printed inline by PDF extraction: " 2 ", " 3 " … in sequence. */
class PageNumberStripper {
  private next = 1;

  strip(text: string): string {
    let out = '';
    let from = 0;
    for (;;) {
      const found = this.find(text, from);
      if (found === null) break;
      out += text.slice(from, found.start) + ' ';
      from = found.end;
      this.next++;
    }
    return out + text.slice(from);
  }

  private find(text: string, from: number): { start: number; end: number } | null {
    const token = String(this.next);
    let index = text.indexOf(token, from);
    while (index !== -1) {
      const before = index === 0 ? ' ' : text[index - 1]!;
      const after = text[index + token.length] ?? ' ';
      const following = text.slice(index + token.length).trimStart()[0] ?? '';
      const isolated = /\s/.test(before) && /\s/.test(after);
      const isQuantity = /[年月日个号时万%次名家项人天条款期页元亿]/.test(following) || text[index - 2] === '第';
      if (isolated && !isQuantity) return { start: index, end: index + token.length + 1 };
      index = text.indexOf(token, index + 1);
    }
    return null;
  }
}

/** Structural breaks lost in PDF extraction: before an outline marker that follows a sentence or a tag. */
const structuralBreak = /(?<=[。;；:：)）”])\s*(?=(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|特此通知。))/g;

function unchunk(lines: SourceLine[]): SourceLine[] {
  const pages = new PageNumberStripper();
  const pieces = lines.map((line) => ({
    no: line.no,
    text: collapseCjkSpaces(pages.strip(line.text.replace(chunkCounter, ' ').trimStart() + ' ')).replace(/\s+/g, ' '),
  }));
  const starts: number[] = [];
  let joined = '';
  for (const piece of pieces) {
    starts.push(joined.length);
    joined += piece.text;
  }
  const lineAt = (offset: number): number => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return pieces[low]!.no;
  };
  const out: SourceLine[] = [];
  let offset = 0;
  for (const part of joined.split(structuralBreak)) {
    const text = part.trim();
    if (text.length > 0) out.push({ no: lineAt(offset), text });
    offset += part.length;
  }
  return out;
}
