import { AppError } from '../../core/errors.ts';
import { isZip, type ZipArchive } from './zip.rules.ts';

/**
 * What a file is, read from its first bytes — never from its name: a portal
 * saves PDFs as .htm and Word files as .doc. Text is anything the decoder
 * accepts; HTML is text that opens with markup; an image (a scanned page) is
 * read by OCR.
 */

export const imageFormats = ['png', 'jpeg', 'gif', 'tiff', 'bmp', 'webp'] as const;
export type ImageFormat = (typeof imageFormats)[number];

export const fileFormats = ['txt', 'html', 'pdf', 'docx', 'ofd', ...imageFormats] as const;
export type FileFormat = (typeof fileFormats)[number];

export type Sniffed = 'pdf' | 'zip' | 'text' | 'image';

const images: [string, ImageFormat, number[]][] = [
  ['PNG', 'png', [0x89, 0x50, 0x4e, 0x47]],
  ['JPEG', 'jpeg', [0xff, 0xd8, 0xff]],
  ['GIF', 'gif', [0x47, 0x49, 0x46, 0x38]],
  ['TIFF', 'tiff', [0x49, 0x49, 0x2a, 0x00]],
  ['TIFF', 'tiff', [0x4d, 0x4d, 0x00, 0x2a]],
  ['BMP', 'bmp', [0x42, 0x4d]],
  ['WebP', 'webp', [0x52, 0x49, 0x46, 0x46]],
];

const startsWith = (bytes: Uint8Array, prefix: number[]) => prefix.every((byte, index) => bytes[index] === byte);

/** The image format the bytes open with, if any: its name as printed (PNG) and as a format (png). */
export function imageFormat(bytes: Uint8Array): { name: string; format: ImageFormat } | null {
  const found = images.find(([, , magic]) => startsWith(bytes, magic));
  if (!found) return null;
  // Two letters (BM) and RIFF open other things too: a text, a WAV. Their headers say more.
  if (found[1] === 'bmp' && !(startsWith(bytes.subarray(6), [0, 0, 0, 0]) && [12, 40, 52, 56, 108, 124].includes(bytes[14] ?? 0))) return null;
  if (found[1] === 'webp' && !startsWith(bytes.subarray(8), [0x57, 0x45, 0x42, 0x50])) return null;
  return { name: found[0], format: found[1] };
}

export function sniff(bytes: Uint8Array, fileName: string): Sniffed {
  if (bytes.length === 0) throw new AppError('file_empty', `${fileName}: 文件为空`, { file: fileName });
  // A PDF may carry a few bytes of junk before its header; readers look in the first kilobyte.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024)).toString('latin1');
  if (head.includes('%PDF-')) return 'pdf';
  if (isZip(bytes)) return 'zip';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw new AppError('file_format_unsupported', `${fileName}: 这是旧版 Office 文件(Word 97-2003 .doc 等),请另存为 DOCX 或 PDF 后再导入`, { file: fileName });
  }
  if (imageFormat(bytes)) return 'image';
  return 'text';
}

/** Which document format a zip holds: DOCX has word/document.xml, OFD (GB/T 33190) has OFD.xml at its root. */
export function zipFormat(zip: ZipArchive, fileName: string): 'docx' | 'ofd' {
  const names = new Set(zip.entries.map((entry) => entry.name));
  if (names.has('word/document.xml')) return 'docx';
  if (names.has('OFD.xml')) return 'ofd';
  const kind = names.has('xl/workbook.xml') ? '(Excel 表格)' : names.has('ppt/presentation.xml') ? '(PowerPoint 演示文稿)' : '';
  throw new AppError('file_format_unsupported', `${fileName}: 这是 ZIP 压缩包${kind},但不是 DOCX 或 OFD 公文`, { file: fileName });
}

/** Decoded text that is a web page: it opens with markup and closes some element. */
export function looksLikeHtml(text: string): boolean {
  const start = text.slice(0, 2048).trimStart().toLowerCase();
  if (!start.startsWith('<')) return false;
  if (/^<(!doctype\s+html|html|head|body|meta|title)\b/.test(start)) return true;
  return /<\/(div|p|table|span|td|section|article)>/i.test(text.slice(0, 65536));
}
