import type { Block, SourceLine } from './gazette.types.ts';
import { chineseNumberValue, dateOnlyLine, endsSentence } from './text.rules.ts';

/**
 * The body's structure: chapters (第一章), articles (第一条 with its caption),
 * the outline levels of Chinese official writing (一、 (一) 1. (1) ①), tables,
 * annexes, and paragraphs re-joined where a page break split them.
 */

const chapter = /^第([一二三四五六七八九十百零〇\d]{1,5})章\s*(.*)$/;
const section = /^第([一二三四五六七八九十百零〇\d]{1,5})节\s*(.*)$/;
const article = /^第([一二三四五六七八九十百零〇\d]{1,5})条(?:\s*[(（]([^()（）]{1,40})[)）])?\s*(.*)$/;
const outline: { level: number; pattern: RegExp }[] = [
  { level: 1, pattern: /^([一二三四五六七八九十]{1,3})、\s*(.*)$/ },
  { level: 2, pattern: /^[(（]\s*([一二三四五六七八九十]{1,3})\s*[)）]\s*(.*)$/ },
  { level: 3, pattern: /^(\d{1,2})\s*[、.．](?!\d)\s*(.*)$/ },
  { level: 4, pattern: /^[(（](\d{1,2})[)）]\s*(.*)$/ },
  { level: 5, pattern: /^([①-⑳])\s*(.*)$/ },
];
const annexLabel = /^附\s*件\s*(\d{0,2})\s*$/;
const annexReference = /^附\s*件\s*\d{0,2}\s*[:：]\s*(.+)$/;
export const markerStart = /^(第[一二三四五六七八九十百零〇\d]{1,5}[章节条]|[一二三四五六七八九十]{1,3}、|[(（]\s*[一二三四五六七八九十\d]{1,3}\s*[)）]|\d{1,2}\s*[、.．](?!\d)|[①-⑳]|附\s*件)/;

function isTableRow(text: string): boolean {
  return text.includes('\t') && text.split('\t').filter((cell) => cell.trim().length > 0).length >= 2;
}

/** Joins a paragraph that a page break (or a wrapped PDF line) cut in two. */
export function joinBrokenParagraphs(lines: SourceLine[]): SourceLine[] {
  const out: SourceLine[] = [];
  for (const line of lines) {
    const previous = out[out.length - 1];
    const text = line.text.trim();
    if (
      previous &&
      !endsSentence(previous.text) &&
      !isTableRow(previous.text) &&
      !isTableRow(text) &&
      !markerStart.test(text) &&
      dateOnlyLine(text) === null &&
      dateOnlyLine(previous.text) === null &&
      (previous.text.length >= 40 || /[,，、]$/.test(previous.text)) &&
      !(markerStart.test(previous.text) && previous.text.length < 40)
    ) {
      out[out.length - 1] = { no: previous.no, text: previous.text + text };
      continue;
    }
    out.push({ no: line.no, text });
  }
  return out;
}

export interface StructureOptions {
  /** Index (into the lines given) of the title line of the document this one issues. */
  attachmentIndex: number | null;
  attachmentSpan: number;
}

export function structureBody(lines: SourceLine[], options: StructureOptions): Block[] {
  const blocks: Block[] = [];
  const usedAnchors = new Set<string>();
  let part = '';
  const path: number[] = [];
  const anchor = (base: string): string => {
    let candidate = `${part}${base}`;
    for (let n = 2; usedAnchors.has(candidate); n++) candidate = `${part}${base}-${n}`;
    usedAnchors.add(candidate);
    return candidate;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const text = line.text;
    if (i === options.attachmentIndex) {
      const span = lines.slice(i, i + options.attachmentSpan);
      part = 'a-';
      path.length = 0;
      blocks.push({ kind: 'title', anchor: anchor('title'), text: span.map((l) => l.text).join(''), line: line.no });
      i += options.attachmentSpan - 1;
      continue;
    }
    if (isTableRow(text)) {
      const { block, consumed } = readTable(lines, i);
      block.anchor = anchor(`table-${blocks.filter((b) => b.kind === 'table').length + 1}`);
      blocks.push(block);
      i += consumed - 1;
      continue;
    }
    const label = annexLabel.exec(text);
    if (label && lines[i + 1]) {
      part = `annex${label[1] || ''}-`;
      path.length = 0;
      blocks.push({ kind: 'annex', anchor: anchor('annex'), label: text.replace(/\s+/g, ''), text: lines[i + 1]!.text, line: line.no });
      i++;
      continue;
    }
    const reference = annexReference.exec(text);
    if (reference) {
      blocks.push({ kind: 'paragraph', label: '附件', text, caption: reference[1]!.trim(), line: line.no });
      continue;
    }
    const ch = chapter.exec(text);
    if (ch) {
      path.length = 0;
      blocks.push({ kind: 'chapter', anchor: anchor(`ch-${chineseNumberValue(ch[1]!) ?? ch[1]}`), label: `第${ch[1]}章`, caption: ch[2]!.trim(), text, line: line.no });
      continue;
    }
    const sec = section.exec(text);
    if (sec) {
      blocks.push({ kind: 'section', anchor: anchor(`sec-${chineseNumberValue(sec[1]!) ?? sec[1]}`), label: `第${sec[1]}节`, caption: sec[2]!.trim(), text, line: line.no });
      continue;
    }
    const art = article.exec(text);
    if (art) {
      path.length = 0;
      const block: Block = { kind: 'article', anchor: anchor(`art-${chineseNumberValue(art[1]!) ?? art[1]}`), label: `第${art[1]}条`, text: art[3]!.trim(), line: line.no };
      if (art[2]) block.caption = art[2].trim();
      blocks.push(block);
      continue;
    }
    const heading = outlineHeading(text);
    if (heading) {
      path.length = heading.level - 1;
      path[heading.level - 1] = heading.value;
      for (let k = 0; k < path.length; k++) path[k] ??= 0;
      const short = heading.rest.length <= 40 && !endsSentence(heading.rest);
      blocks.push({
        kind: short ? 'heading' : 'paragraph',
        anchor: anchor(`h-${path.join('-')}`),
        level: heading.level,
        label: heading.label,
        ...(short ? { caption: heading.rest } : {}),
        text,
        line: line.no,
      });
      continue;
    }
    blocks.push({ kind: dateOnlyLine(text) ? 'signature' : 'paragraph', text, line: line.no });
  }
  return blocks;
}

function outlineHeading(text: string): { level: number; value: number; label: string; rest: string } | null {
  for (const { level, pattern } of outline) {
    const match = pattern.exec(text);
    if (!match) continue;
    const raw = match[1]!;
    const value = level === 5 ? raw.charCodeAt(0) - 0x2460 + 1 : chineseNumberValue(raw);
    if (value === null || value === 0) continue;
    const label = text.slice(0, text.length - match[2]!.length).trim();
    return { level, value, label, rest: match[2]!.trim() };
  }
  return null;
}

/** A table: tab-separated rows; a header row repeated on each printed page is kept once. */
function readTable(lines: SourceLine[], from: number): { block: Block; consumed: number } {
  const rows: string[][] = [];
  const header = lines[from]!.text.split('\t').map((cell) => cell.trim());
  const headerKey = header.filter(Boolean).join('|');
  let i = from;
  for (; i < lines.length; i++) {
    const text = lines[i]!.text;
    if (isTableRow(text)) {
      const cells = text.split('\t').map((cell) => cell.trim());
      if (i > from && cells.filter(Boolean).join('|') === headerKey) continue;
      rows.push(cells);
      continue;
    }
    // A group row ("(一) 加强统筹协调") between rows spans the table.
    const next = lines[i + 1];
    if (next && isTableRow(next.text) && text.length <= 60) {
      rows.push([text.trim()]);
      continue;
    }
    break;
  }
  return { block: { kind: 'table', rows, text: rows.map((row) => row.join(' ')).join('\n'), line: lines[from]!.no }, consumed: i - from };
}
