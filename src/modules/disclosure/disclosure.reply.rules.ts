import { AppError } from '../../core/errors.ts';
import { replyCategories, type ReplyCategory } from './disclosure.types.ts';

/** The categories whose reply gives information: 《条例》第三十六条第(一)、(二)项. */
export const disclosingCategories: readonly ReplyCategory[] = ['disclose', 'partial'];
export const disclosesInformation = (category: string | null) => disclosingCategories.includes(category as ReplyCategory);

/** The largest file a reply may attach (the console checks the same before sending). */
export const maxReplyFileBytes = 10 * 1024 * 1024;

/**
 * The kinds of file a reply may attach, by extension, with the type they are
 * served as and the first bytes each must start with: a file is what its name
 * says, never an HTML page or a script under another name.
 */
const ole = [0xd0, 0xcf, 0x11, 0xe0];
const zip = [0x50, 0x4b, 0x03, 0x04];
export const replyFileTypes: Record<string, { type: string; magic: number[] | null }> = {
  pdf: { type: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46] },
  ofd: { type: 'application/ofd', magic: zip },
  doc: { type: 'application/msword', magic: ole },
  docx: { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', magic: zip },
  xls: { type: 'application/vnd.ms-excel', magic: ole },
  xlsx: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', magic: zip },
  wps: { type: 'application/vnd.ms-works', magic: ole },
  zip: { type: 'application/zip', magic: zip },
  jpg: { type: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  jpeg: { type: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  png: { type: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47] },
  txt: { type: 'text/plain; charset=utf-8', magic: null },
  csv: { type: 'text/csv; charset=utf-8', magic: null },
};

export interface ReplyFile {
  name: string;
  contentType: string;
  size: number;
  data: Buffer;
}

/** What the staff send: the file's name and its bytes in base64 (JSON). */
export interface GivenFile {
  name: string;
  data: string;
}

/** Checks an attached file (name, kind, size, first bytes) and keeps only its base name. */
export function checkReplyFile(given: GivenFile): ReplyFile {
  const name = given.name.split(/[\\/]/).pop()!.trim();
  const extension = /\.([A-Za-z0-9]{1,5})$/.exec(name)?.[1]?.toLowerCase();
  const kind = extension && Object.hasOwn(replyFileTypes, extension) ? replyFileTypes[extension]! : null;
  const allowed = Object.keys(replyFileTypes).join('、');
  if (!name || !kind) throw new AppError('validation_failed', `附件「${name}」的类型不支持(可以是 ${allowed})`, { problems: [{ field: 'attachment', message: `附件类型不支持(可以是 ${allowed})` }] });
  const data = Buffer.from(given.data, 'base64');
  if (data.length === 0) throw new AppError('file_empty', `附件「${name}」是空文件`);
  if (data.length > maxReplyFileBytes) throw new AppError('file_too_large', `附件「${name}」超过 ${maxReplyFileBytes / 1024 / 1024} MB`);
  if (kind.magic && !kind.magic.every((byte, index) => data[index] === byte)) {
    throw new AppError('validation_failed', `附件「${name}」的内容与扩展名 .${extension} 不符`, { problems: [{ field: 'attachment', message: '附件的内容与扩展名不符' }] });
  }
  return { name, contentType: kind.type, size: data.length, data };
}

/**
 * A reply that gives information (予以公开、部分公开) gives it, as text or an
 * attached file, and says how it reaches the applicant; the other categories
 * give none.
 */
export function checkDisclosedContent(category: ReplyCategory, given: { content?: string; attachment?: unknown; delivery?: string }): void {
  const label = replyCategories[category].label;
  if (!disclosesInformation(category)) {
    if (given.content || given.attachment || given.delivery) throw new AppError('validation_failed', `「${label}」不提供信息,不需要填写公开的内容、附件或提供方式`);
    return;
  }
  const problems: { field: string; message: string }[] = [];
  if (!given.content && !given.attachment) problems.push({ field: 'content', message: `「${label}」须填写公开的内容或上传附件` });
  if (!given.delivery) problems.push({ field: 'delivery', message: `「${label}」须选择提供方式` });
  if (problems.length > 0) throw new AppError('validation_failed', problems.map((p) => p.message).join(';'), { problems });
}

/** The document number of a reply letter: 长宁区府办依申复〔2026〕12号. */
export const replyDocumentNumber = (prefix: string, year: number, serial: number) => `${prefix}依申复〔${year}〕${serial}号`;
