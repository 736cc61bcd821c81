import { markerStart } from './body.rules.ts';
import { docNumberLine } from './docnumber.rules.ts';
import { addresseeLine, documentType } from './fields.rules.ts';
import { dateOnlyLine, endsSentence } from './text.rules.ts';

/**
 * Positioned text (PDF text items, OFD text objects) to lines in reading
 * order: fragments on one baseline make a line, lines run top to bottom, page
 * numbers and the running header or footer repeated on most pages are
 * dropped, and a line that runs to the right margin without ending its
 * sentence is joined to the next (the page broke the paragraph, not the author).
 */

export interface Fragment {
  page: number;
  x: number;
  /** Distance from the top of the page. */
  top: number;
  /** Font size (line height) in the same unit. */
  size: number;
  width: number;
  text: string;
}

interface Line {
  page: number;
  left: number;
  right: number;
  top: number;
  size: number;
  text: string;
}

const pageNumber = /^(?:[-—–－_\s]*[0-9０-９]{1,4}[-—–－_\s]*|第\s*[0-9]{1,4}\s*页(?:\s*[,，/]?\s*共\s*[0-9]{1,4}\s*页)?|[0-9]{1,4}\s*\/\s*[0-9]{1,4}|page\s*[0-9]{1,4}(?:\s*of\s*[0-9]{1,4})?)$/i;

function linesOfPage(fragments: Fragment[]): Line[] {
  const sorted = [...fragments].sort((a, b) => a.top - b.top || a.x - b.x);
  const rows: Fragment[][] = [];
  for (const fragment of sorted) {
    const row = rows[rows.length - 1];
    const tolerance = Math.max(1, Math.min(fragment.size, row?.[0]!.size ?? fragment.size) * 0.5);
    if (row && Math.abs(row[0]!.top - fragment.top) <= tolerance) row.push(fragment);
    else rows.push([fragment]);
  }
  return rows.map((row) => {
    row.sort((a, b) => a.x - b.x);
    let text = '';
    let right = row[0]!.x;
    for (const fragment of row) {
      // A gap wider than half a character is a space the layout made (table cells, 文号 and date apart).
      if (text.length > 0 && fragment.x - right > fragment.size * 0.5) text += fragment.x - right > fragment.size * 2 ? '  ' : ' ';
      text += fragment.text;
      right = Math.max(right, fragment.x + fragment.width);
    }
    const size = Math.max(...row.map((fragment) => fragment.size));
    return { page: row[0]!.page, left: row[0]!.x, right, top: row[0]!.top, size, text: text.trim() };
  }).filter((line) => line.text.length > 0);
}

/** Header or footer text with its numbers blanked: "XX市人民政府公报 2019年第3期 — 5 —" is one header on every page. */
const furniture = (text: string) => text.replace(/[0-9０-９]+/g, '#').replace(/\s+/g, '');

function dropFurniture(pages: Line[][]): Line[][] {
  const edges = new Map<string, number>();
  for (const lines of pages) {
    const seen = new Set([lines[0], lines[1], lines[lines.length - 1], lines[lines.length - 2]].filter(Boolean).map((line) => furniture(line!.text)));
    for (const key of seen) edges.set(key, (edges.get(key) ?? 0) + 1);
  }
  const repeated = (line: Line) => pages.length >= 3 && (edges.get(furniture(line.text)) ?? 0) >= Math.max(3, pages.length * 0.5);
  return pages.map((lines) =>
    lines.filter((line, index) => {
      const atEdge = index < 2 || index >= lines.length - 2;
      if (!atEdge) return true;
      if (pageNumber.test(line.text)) return false;
      return !repeated(line);
    }),
  );
}

export function layoutText(fragments: Fragment[]): string {
  const byPage = new Map<number, Fragment[]>();
  for (const fragment of fragments) {
    if (fragment.text.trim().length === 0) continue;
    let list = byPage.get(fragment.page);
    if (!list) byPage.set(fragment.page, (list = []));
    list.push(fragment);
  }
  const pages = dropFurniture([...byPage.keys()].sort((a, b) => a - b).map((page) => linesOfPage(byPage.get(page)!)));
  const out: string[] = [];
  let previous: (Line & { full: boolean }) | null = null;
  for (const lines of pages) {
    if (lines.length === 0) continue;
    // The right margin is where several lines end (a paragraph's), not where the one widest line does.
    const rights = lines.map((line) => line.right).sort((a, b) => b - a);
    const margin = rights.length >= 3 ? rights[2]! : Number.POSITIVE_INFINITY;
    const leftMargin = Math.min(...lines.map((line) => line.left));
    for (const line of lines) {
      if (previous && joins(previous, line)) out[out.length - 1] += line.text;
      else out.push(line.text);
      // Full: from the left margin (or a paragraph's indent) to the right one. A right-aligned signature is not.
      previous = { ...line, full: line.right >= margin - line.size * 1.5 && line.left <= leftMargin + line.size * 2.5 };
    }
  }
  return out.join('\n');
}

function joins(previous: Line & { full: boolean }, line: Line): boolean {
  if (!previous.full || endsSentence(previous.text)) return false;
  if (markerStart.test(line.text) || pageNumber.test(line.text) || docNumberLine(line.text) || dateOnlyLine(line.text)) return false;
  // A title (XX关于…的通知) and an addressee line (各区人民政府:) stand alone however wide they are.
  if ((/关于/.test(previous.text) && documentType(previous.text)) || addresseeLine(line.text)) return false;
  // Only prose runs to the margin; a heading or a short centred line does not.
  return /[\u4e00-\u9fff，、；（《]$/.test(previous.text) && Math.abs(line.size - previous.size) <= Math.max(line.size, previous.size) * 0.15;
}
