import { markerStart } from './body.rules.ts';
import type { SourceLine } from './gazette.types.ts';
import { chineseNumberValue } from './text.rules.ts';

/**
 * A web compilation strings several texts together without titles (004).
 * A new piece begins where the top-level outline starts again: at a fresh
 * 一、 (or at the introductory sentence ending in ":" just before it), at a
 * number lower than the last one (the opening paragraphs before it belong to
 * the new piece), or at a paper's 关键词: line.
 */

const topLevel = /^([一二三四五六七八九十]{1,3})、/;
/** A paper's numbered sections ("1 前言", "2.1 组织") count as a top level already seen. */
const arabicSection = /^\d{1,2}(?:\.\d{1,2})?\s+[\u4e00-\u9fff]/;
const arabicSeen = 99;

export function splitPieces(lines: SourceLine[]): number[] {
  const starts = [0];
  let pieceStart = 0;
  let lastTop = 0;
  for (let i = 1; i < lines.length; i++) {
    const text = lines[i]!.text;
    if (/^关键词[:：]/.test(text) && i > pieceStart) {
      starts.push(i);
      pieceStart = i;
      lastTop = 0;
      continue;
    }
    const match = topLevel.exec(text);
    if (!match) {
      if (arabicSection.test(text) && i > pieceStart) lastTop = arabicSeen;
      continue;
    }
    const value = chineseNumberValue(match[1]!) ?? 0;
    if (lastTop > 0 && (value === 1 || value <= lastTop)) {
      let start = i;
      if (value === 1) {
        if (i - 1 > pieceStart && !markerStart.test(lines[i - 1]!.text) && /[:：]$/.test(lines[i - 1]!.text)) start = i - 1;
      } else {
        while (start - 1 > pieceStart && !markerStart.test(lines[start - 1]!.text)) start--;
      }
      starts.push(start);
      pieceStart = start;
    }
    lastTop = value;
  }
  return starts;
}

/** A piece's own title, if it opens with one: short lines ending in a document type, before an addressee. */
export function pieceTitle(lines: SourceLine[]): number {
  for (let span = 1; span <= 3 && span < lines.length; span++) {
    const head = lines.slice(0, span);
    if (head.some((line) => line.text.length > 40 || /[。,，;；]/.test(line.text))) return 0;
    const joined = head.map((line) => line.text).join('');
    const next = lines[span]!.text;
    if (/(通知|意见|方案|办法|规定|决定|报告|细则|要点|通告|公告)$/.test(joined) && (/[:：]$/.test(next) || topLevel.test(next))) return span;
  }
  return 0;
}
