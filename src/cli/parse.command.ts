import { readFile, stat } from 'node:fs/promises';
import type { Config } from '../core/config.ts';
import { AppError } from '../core/errors.ts';
import { unreadable } from '../core/files.ts';
import { fileTooLarge, readDocumentFile, type ParsedDocument } from '../modules/gazette/index.ts';
import type { Output } from './output.ts';

/** `gongkai parse FILE [--json]`: the parse of one file, without touching any database. */
export async function parseCommand(file: string | undefined, options: { json: boolean }, config: Config, io: Output): Promise<number> {
  if (!file) throw new AppError('validation_failed', '用法: gongkai parse 文件 [--json]');
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (error) {
    throw unreadable(file, error);
  }
  // Refused before reading: a 200 MB file is never loaded to find out it is too large.
  if (size > config.limits.maxFileBytes) throw fileTooLarge(file, size, config.limits);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw unreadable(file, error);
  }
  const parsed = await readDocumentFile(bytes, { fileName: file, limits: config.limits });
  if (options.json) {
    // title, docNumber, issuer, date, type lead each document: a fixed contract read by outside checks.
    io.json({
      format: parsed.format,
      ...(parsed.ocr ? { ocr: true, ocrConfidence: parsed.ocrConfidence } : {}),
      ...(parsed.ocrPages ? { ocrPages: parsed.ocrPages } : {}),
      ...(parsed.pages !== undefined ? { pages: parsed.pages } : {}),
      kind: parsed.kind,
      encoding: parsed.encoding,
      gazette: parsed.gazette,
      documents: parsed.documents.map(contractFirst),
      warnings: parsed.warnings,
    });
    return 0;
  }
  if (parsed.gazette) io.out(`${parsed.gazette.title} ${parsed.gazette.issue ?? ''}${parsed.gazette.published ? ` (${parsed.gazette.published} 出版)` : ''}`);
  const read = parsed.format === 'txt' || parsed.format === 'html' ? `${formatLabel[parsed.format]},编码 ${parsed.encoding}` : `${formatLabel[parsed.format]}${parsed.pages ? `,${parsed.pages} 页` : ''}`;
  io.out(`${file}: ${kindLabel[parsed.kind]},${parsed.documents.length} 篇公文(${read}${parsed.ocr ? `,${parsed.ocrPages ? `第 ${parsed.ocrPages.join('、')} 页` : ''}OCR 识别,平均置信度 ${parsed.ocrConfidence?.toFixed(1)}%` : ''})`);
  parsed.documents.forEach((document, index) => {
    io.out(`${String(index + 1).padStart(3)}. ${document.displayTitle}`);
    const facts = [document.docNumber, document.issuer, document.date, document.type].filter(Boolean).join(' | ');
    if (facts) io.out(`     ${facts}`);
  });
  for (const warning of parsed.warnings) io.err(`提示: ${file}${warning.line ? `:${warning.line}` : ''} ${warning.message}`);
  return 0;
}

const formatLabel = { txt: '文本', html: '网页', pdf: 'PDF', docx: 'DOCX', ofd: 'OFD', png: 'PNG 图片', jpeg: 'JPEG 图片', gif: 'GIF 图片', tiff: 'TIFF 图片', bmp: 'BMP 图片', webp: 'WebP 图片' } as const;
const kindLabel = { gazette: '政府公报', single: '单篇公文', collection: '公文汇编', web_compilation: '网页汇编' } as const;

function contractFirst(document: ParsedDocument) {
  const { title, docNumber, issuer, date, type, ...rest } = document;
  return { title, docNumber, issuer, date, type, ...rest };
}
