import { readFile } from 'node:fs/promises';
import type { Config } from '../core/config.ts';
import { AppError } from '../core/errors.ts';
import { unreadable } from '../core/files.ts';
import { parseBytes, type ParsedDocument } from '../modules/gazette/index.ts';
import type { Output } from './output.ts';

/** `gongkai parse FILE [--json]`: the parse of one file, without touching any database. */
export async function parseCommand(file: string | undefined, options: { json: boolean }, config: Config, io: Output): Promise<number> {
  if (!file) throw new AppError('validation_failed', '用法: gongkai parse 文件 [--json]');
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw unreadable(file, error);
  }
  const parsed = parseBytes(bytes, { fileName: file, limits: config.limits });
  if (options.json) {
    // title, docNumber, issuer, date, type lead each document: a fixed contract read by outside checks.
    io.json({
      kind: parsed.kind,
      encoding: parsed.encoding,
      gazette: parsed.gazette,
      documents: parsed.documents.map(contractFirst),
      warnings: parsed.warnings,
    });
    return 0;
  }
  if (parsed.gazette) io.out(`${parsed.gazette.title} ${parsed.gazette.issue ?? ''}${parsed.gazette.published ? ` (${parsed.gazette.published} 出版)` : ''}`);
  io.out(`${file}: ${kindLabel[parsed.kind]},${parsed.documents.length} 篇公文(编码 ${parsed.encoding})`);
  parsed.documents.forEach((document, index) => {
    io.out(`${String(index + 1).padStart(3)}. ${document.displayTitle}`);
    const facts = [document.docNumber, document.issuer, document.date, document.type].filter(Boolean).join(' | ');
    if (facts) io.out(`     ${facts}`);
  });
  for (const warning of parsed.warnings) io.err(`提示: ${file}${warning.line ? `:${warning.line}` : ''} ${warning.message}`);
  return 0;
}

const kindLabel = { gazette: '政府公报', single: '单篇公文', collection: '公文汇编', web_compilation: '网页汇编' } as const;

function contractFirst(document: ParsedDocument) {
  const { title, docNumber, issuer, date, type, ...rest } = document;
  return { title, docNumber, issuer, date, type, ...rest };
}
