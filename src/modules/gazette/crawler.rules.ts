import { docNumberLine } from './docnumber.rules.ts';
import { buildDocument } from './document.build.ts';
import type { ParsedDocument, SourceLine } from './gazette.types.ts';
import { readRunOn } from './runon.rules.ts';
import { isOrganName } from './signature.rules.ts';

/**
 * A crawler's saved page: a `key: value` header (标题, 发布时间, 文号, 发布机构, 栏目,
 * 原文链接 …), a separator, then the page's text, usually on one line. The header is
 * page metadata, read like an HTML page's metadata block: it names the document when
 * the text prints no title, and gives the number when the text prints none. Its
 * 发布机构 is often the portal ("中国平潭"), so it counts only when it is an organ's name.
 */

export interface CrawlerPage {
  title: string | null;
  docNumber: string | null;
  issuer: string | null;
  /** The page text after the header, as lines. */
  body: SourceLine[];
}

const headerLine = /^(标题|发布时间|文号|发布机构|栏目|原文链接|本地目录|来源)[:：][ \t]*(.*)$/;
const separator = /^[=＝\-—]{3,}[^=＝]*[=＝\-—]{3,}$/;

export function readCrawlerPage(lines: SourceLine[]): CrawlerPage | null {
  const fields = new Map<string, string>();
  let at = 0;
  while (at < lines.length && at < 12) {
    const match = headerLine.exec(lines[at]!.text);
    if (!match) break;
    fields.set(match[1]!, match[2]!.trim());
    at++;
  }
  if (fields.size < 3 || !fields.get('标题')) return null;
  // The crawler's own notes ("页面链接与图片详见 links.tsv") run up to its separator line.
  for (let probe = at; probe < Math.min(lines.length, at + 4); probe++) {
    if (separator.test(lines[probe]!.text)) {
      at = probe + 1;
      break;
    }
  }
  const issuer = fields.get('发布机构') ?? '';
  return {
    title: fields.get('标题') ?? null,
    docNumber: fields.get('文号') || null,
    issuer: isOrganName(issuer) ? issuer : null,
    body: lines.slice(at),
  };
}

export function buildCrawlerDocument(page: CrawlerPage): ParsedDocument {
  const first = page.body[0];
  const lineNo = first?.no ?? 1;
  const head = readRunOn(page.body.map((line) => line.text).join(' '), lineNo);
  const number = head.number ?? (page.docNumber ? docNumberLine(page.docNumber) : null);
  const document = buildDocument({
    title: head.title ?? page.title,
    number,
    date: null,
    section: null,
    lines: head.lines,
    lineStart: lineNo,
    lineEnd: page.body[page.body.length - 1]?.no ?? lineNo,
    addressees: head.addressees,
  });
  document.issuer ??= page.issuer;
  return document;
}

const overlong = 200;

/**
 * A whole page saved on one line with no crawler header (a copied page: title, addressees and text joined
 * by spaces): the run-on cuts apply all the same, when the line holds most of the text and they find a title.
 */
export function readOneLinePage(lines: SourceLine[]): ParsedDocument | null {
  const first = lines[0];
  if (!first || first.text.length < overlong) return null;
  const total = lines.reduce((sum, line) => sum + line.text.length, 0);
  if (first.text.length < total * 0.8) return null;
  if (readRunOn(first.text, first.no).title === null) return null;
  return buildCrawlerDocument({ title: null, docNumber: null, issuer: null, body: lines });
}
