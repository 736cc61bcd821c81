import { docNumberLine, type DocNumber } from './docnumber.rules.ts';
import { foldText } from './fold.rules.ts';
import type { SourceLine } from './gazette.types.ts';
import { isOrganName } from './signature.rules.ts';
import { findDate } from './text.rules.ts';

/**
 * A portal's metadata block saved as plain text: rows of `key: value`, `key value key value`
 * (索 引 号 … 公开方式 …, 发布机构 … 文  号 …), `- 发文字号:…` list items or `| 文號: | … |` table cells,
 * above the document. Its 文号 and 成文日期 count when the document itself prints none; its rows are never
 * part of a title.
 */

// The keys of such blocks (spaces allowed inside when printed); the title's own keys (名称/标题) included.
const keys = [
  '索引号', '文号', '发文字号', '文件编号', '发布机构', '发文机关', '发文机构', '发文单位', '主题词', '主题分类', '组配分类',
  '信息分类', '公开方式', '公开范围', '生成日期', '发布日期', '成文日期', '发文日期', '名称', '标题', '有效性', '实施日期', '废止日期',
];
const titleKeys = new Set(['名称', '标题']);
const spaced = (key: string) => [...key].join('[\\s\\u3000]*');
const keyPattern = new RegExp(`(?<=^|[\\s\\u3000|\\[【(（-])(${keys.map(spaced).join('|')})(?=[\\s\\u3000]*[:：|\\]】)）]|[\\s\\u3000])`, 'g');
const rowKeys = keys.filter((key) => !titleKeys.has(key)).map(spaced).join('|');
const keyedRow = new RegExp(`^(?:${rowKeys})[\\s\\u3000]*[：:]`);
const spacedRow = new RegExp(`^(?:${rowKeys})[\\s\\u3000]+[^\\s\\u3000:：]`);
const headLines = 30;

interface Cell {
  key: string;
  value: string;
}

/** The key-value cells of one line, keys matched on the folded view (文號 like 文号). */
function cells(text: string): Cell[] {
  const folded = foldText(text);
  const found = [...folded.matchAll(keyPattern)];
  return found.map((match, at) => {
    const end = found[at + 1]?.index ?? text.length;
    const value = text.slice(match.index + match[0].length, end).replace(/^[\s\u3000:：|\]】)）]+|[\s\u3000|\[【(（-]+$/g, '');
    // A table's bar ends the cell, even when the next cell's key is not one of ours ("发文字号:X | 发文时间:…").
    return { key: match[1]!.replace(/[\s\u3000]+/g, ''), value: value.split('|')[0]!.trimEnd() };
  });
}

const bullet = /^(?:[-*•·]|\d+\.)[\s\u3000]*/;
const keyOnly = new RegExp(`^(?:${keys.map(spaced).join('|')})[\\s\\u3000]*[:：]$`);
const bulletedKey = /^[-•·*][\s\u3000]*[\u4e00-\u9fff\s\u3000]{2,12}[：:]$/;

/**
 * A key alone on its line, its value on the next or left empty ("标 题:", "- 备案登记号:" in a page's bulleted list):
 * a row of the block, never an addressee line.
 */
export function keyOnlyLine(text: string): boolean {
  const line = foldText(text.trim());
  return keyOnly.test(line.replace(bullet, '')) || bulletedKey.test(line);
}

/** A row of the block: keyed by something other than the title (文号：…, 组配分类 …), or holding two keys or more. */
export function metadataRow(text: string): boolean {
  return keyedRow.test(text.trim()) || tableRow(text);
}

// A page's dateline under its heading: "上载日期: 2019-11-21 来源: 某办公室", "2011-06-18 00:00:00 来源: 本站原创",
// "来自:某网站 时间:2018-11-22" — a posting date beside a label of the page's own (source, author, views).
const pageLabel = /(来源|来自|出处|作者|浏览|点击|阅读|上载|上传|更新|发布|录入)(日期|时间|次数|量|数)?[\s\u3000]*[:：]/;
const postingDate = /(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}/;

/** A page's dateline (a posting date and a page label such as 来源:), never a title's line. */
export function pageInfoLine(text: string): boolean {
  const folded = foldText(text);
  return pageLabel.test(folded) && postingDate.test(folded);
}

/**
 * A row printed as a table's cells, never a title's line: a key and its value apart (组配分类 政府信息公开年报), or
 * two keys or more. (A single `主题词：` row may carry a title, which cleanTitle then reads without its label.)
 */
export function tableRow(text: string): boolean {
  const line = text.trim();
  return spacedRow.test(line) || (line.length <= 200 && cells(line).length >= 2);
}

export interface MetadataBlock {
  docNumber: DocNumber | null;
  signedOn: string | null;
  /** The 发文机关 cell, as printed. */
  issuer: string | null;
}

/**
 * A 文号 cell in a small body's own form ("2022-92", a town's year and serial): taken as printed when it has a year
 * and a serial and nothing else (not 无, not a placeholder, not an index number with a slash).
 */
function ownSeriesNumber(value: string): DocNumber | null {
  const match = /^((?:19|20)\d{2})\s*[-—–]\s*(\d{1,4})$/.exec(value.trim());
  if (!match) return null;
  const printed = value.trim();
  return { normalised: printed.replace(/\s+/g, ''), printed, prefix: '', year: Number(match[1]), serial: Number(match[2]) };
}

/** The block's 文号, 成文日期 and 发文机关, when the head of the text holds a block (two keys or more). */
export function readMetadataBlock(lines: SourceLine[]): MetadataBlock | null {
  const found = lines
    .slice(0, headLines)
    .filter((line) => line.text.length <= 200)
    .flatMap((line) => cells(line.text.replace(/^\s*(?:[-*•]|\d+\.)\s+/, ' ')));
  if (found.length < 2) return null;
  const value = (wanted: string[]) => found.find((cell) => wanted.includes(foldText(cell.key)) && cell.value.length > 0)?.value ?? null;
  const number = value(['文号', '发文字号', '文件编号']);
  // 发文日期 (the date the document was issued) stands for the 成文日期 on portals that print no 成文日期 key.
  const signed = value(['成文日期']) ?? value(['发文日期']);
  // The issuing organ's own key only: a 发布机构 is often the portal that publishes, not the issuer.
  const organ = value(['发文机关', '发文机构', '发文单位']);
  return {
    docNumber: number ? (docNumberLine(number) ?? ownSeriesNumber(number)) : null,
    signedOn: signed ? findDate(signed) : null,
    // A portal names itself there at times ("县政府网站"): only organs' names count.
    issuer: organ && /^[\u4e00-\u9fff、]{2,60}$/.test(organ) && organ.split('、').every(isOrganName) ? organ : null,
  };
}

/**
 * A portal's metadata list printed one key a line, its value on the line below ("• 发文字号:" / "X政发〔2024〕7号"),
 * becomes one row per key ("发文字号: X政发〔2024〕7号"), as the block is printed elsewhere; a key with no value
 * (the next line is another key) stays alone. Only at the head of the text.
 */
export function joinKeyedValues(lines: SourceLine[]): SourceLine[] {
  const out: SourceLine[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const key = index < headLines * 2 ? line.text.trim().replace(bullet, '') : '';
    if (!keyOnly.test(foldText(key))) {
      out.push(line);
      continue;
    }
    const next = lines[index + 1]?.text.trim() ?? '';
    const nextIsKey = keyOnly.test(foldText(next.replace(bullet, ''))) || bullet.test(next) || cells(next).length > 0;
    if (next.length > 0 && next.length <= 60 && !nextIsKey) {
      out.push({ no: line.no, text: `${key}${next}` });
      index++;
    } else out.push({ no: line.no, text: key });
  }
  return out;
}
