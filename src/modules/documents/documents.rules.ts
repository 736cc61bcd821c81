import { createHash } from 'node:crypto';
import { basename, extname } from 'node:path';
import type { ParsedDocument, ParsedFile } from '../gazette/index.ts';

/**
 * Identity rules that make ingestion idempotent. A file is known by what it
 * is — a gazette by its title and issue, any other file by its name — so a
 * corrected file replaces the documents of the file it corrects. A document
 * is known by its issuer and 文号 (a number belongs to the agency that issued
 * it: the same number from two issuers is two documents), the issuer by its
 * name in the agency register, so that an alias (市政府办公厅) and the full
 * name are one; a document without a number by its file, type and title.
 */

/** The names an issuer goes by, each to the agency register's name for it. */
export type IssuerNames = Readonly<Record<string, string>>;

/** Files the platform writes when it publishes a document (主动公开 on the platform, not from a gazette). */
export const platformFilePrefix = 'publication-';
const platformSourcePrefix = `file:${platformFilePrefix}`;

export function isPlatformSource(sourceKey: string): boolean {
  return sourceKey.startsWith(platformSourcePrefix);
}

export function platformSourceKey(publicationId: number): string {
  return `${platformSourcePrefix}${publicationId}`;
}

/**
 * A page fetched from a portal is known by its address (two sites both have an
 * index.htm); a gazette by its title and issue wherever it came from.
 */
export function sourceKeyOf(parsed: ParsedFile, path: string, sourceUrl: string | null = null): string {
  if (parsed.gazette?.issue) return `gazette:${parsed.gazette.title}:${parsed.gazette.issue.replace(/\(.*\)$/, '')}`;
  if (sourceUrl) return `url:${sourceUrl}`;
  return `file:${basename(path, extname(path))}`;
}

/** The name a fetched file is kept under: the last segment of its address, or its host. */
export function fileNameOfUrl(url: string): string {
  const parsed = new URL(url);
  const last = decodeURIComponent(parsed.pathname.split('/').pop() ?? '');
  return last || parsed.host;
}

export function canonicalIssuer(issuer: string | null, names: IssuerNames = {}): string {
  return issuer ? (Object.hasOwn(names, issuer) ? names[issuer]! : issuer) : '';
}

export function documentKeys(sourceKey: string, documents: ParsedDocument[], names: IssuerNames = {}): string[] {
  const seen = new Map<string, number>();
  let untitled = 0;
  return documents.map((document) => {
    let key: string;
    if (document.docNumber) key = `no:${canonicalIssuer(document.issuer, names)}:${document.docNumber}`;
    else if (document.title) key = `${sourceKey}#${document.type ?? '文件'}:${document.title}`;
    else key = `${sourceKey}#piece:${++untitled}`;
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    return count === 1 ? key : `${key}#${count}`;
  });
}

/**
 * The version of what ingestion derives from a file (parse, search vectors).
 * Raise it when that changes: the next ingest then rewrites every document,
 * even of files whose bytes are the same.
 */
export const indexVersion = 1;

export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** What a document is, independent of where it was read from; unchanged text hashes the same. */
export function contentHashOf(document: ParsedDocument): string {
  const { lineStart: _start, lineEnd: _end, ...content } = document;
  return sha256(`${indexVersion}:${JSON.stringify(content)}`);
}

/** The document's text as read: tables row by row, articles with their number and caption. */
export function bodyTextOf(document: ParsedDocument): string {
  return document.blocks
    .map((block) => {
      if (block.rows) return block.rows.map((row) => row.join(' ')).join('\n');
      if (block.kind === 'article') return `${block.label}${block.caption ? `(${block.caption})` : ''} ${block.text}`;
      return block.text;
    })
    .join('\n');
}
