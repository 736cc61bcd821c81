import { isUtf8 } from 'node:buffer';
import { AppError } from '../../core/errors.ts';
import type { OcrSettings } from './ocr.rules.ts';

/**
 * Bytes to text. Government files arrive as UTF-8, as GB18030/GBK from older
 * Windows systems, or as UTF-16 from Word exports; anything else (a binary, a
 * UTF-8 file with damaged bytes) is refused with the reason, never guessed at.
 */

export interface DecodeLimits {
  maxFileBytes: number;
  maxLineChars: number;
  /** Pages of a PDF or OFD (default 2000). */
  maxPages?: number;
  /** Bytes a DOCX or OFD may inflate to, all entries together (default 200 MB). */
  maxUnzippedBytes?: number;
  /** Scanned PDFs and images: the OCR commands and their time limits (default: tesseract and pdftoppm on PATH, 60 s a page, 600 s a file). */
  ocr?: OcrSettings;
}

export interface Decoded {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';
}

function decodeStrict(bytes: Uint8Array, label: string, skipBom = true): string | null {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: !skipBom }).decode(bytes);
  } catch {
    return null;
  }
}

/** Share of characters that a Chinese official text is made of (CJK, ASCII, CJK and full-width punctuation). */
function plausibleShare(text: string): number {
  if (text.length === 0) return 0;
  let good = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (
      (code >= 0x20 && code < 0x7f) ||
      code === 0x09 ||
      code === 0x0a ||
      code === 0x0d ||
      (code >= 0x4e00 && code <= 0x9fff) ||
      (code >= 0x3000 && code <= 0x303f) ||
      (code >= 0xff00 && code <= 0xffef) ||
      (code >= 0x2000 && code <= 0x206f) ||
      code === 0xa0
    ) {
      good++;
    }
  }
  return good / text.length;
}

function controlShare(bytes: Uint8Array): number {
  const sample = bytes.subarray(0, Math.min(bytes.length, 65536));
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const byte = sample[i]!;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) control++;
  }
  return control / Math.max(sample.length, 1);
}

function lineOfOffset(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  // Binary search for the shortest prefix that fails to decode.
  let low = 0;
  let high = bytes.length;
  while (high - low > 1) {
    const mid = (low + high) >>> 1;
    // A cut may land inside a character; allow up to 3 trailing bytes to be incomplete.
    const text = new TextDecoder('utf-8').decode(bytes.subarray(0, mid));
    const bad = text.slice(0, Math.max(0, text.length - 1)).includes('\ufffd');
    if (bad) high = mid;
    else low = mid;
  }
  return low;
}

export function fileTooLarge(fileName: string, size: number, limits: DecodeLimits): AppError {
  return new AppError(
    'file_too_large',
    `${fileName}: 文件大小 ${(size / 1048576).toFixed(1)} MB,超过上限 ${(limits.maxFileBytes / 1048576).toFixed(0)} MB`,
    { file: fileName, bytes: size },
  );
}

export function decodeBytes(bytes: Uint8Array, fileName: string, limits: DecodeLimits): Decoded {
  if (bytes.length === 0) throw new AppError('file_empty', `${fileName}: 文件为空`, { file: fileName });
  if (bytes.length > limits.maxFileBytes) throw fileTooLarge(fileName, bytes.length, limits);
  const decoded = detectAndDecode(bytes, fileName);
  checkContent(decoded.text, fileName, limits);
  return decoded;
}

function detectAndDecode(bytes: Uint8Array, fileName: string): Decoded {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16(bytes, 'utf-16le', fileName);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16(bytes, 'utf-16be', fileName);

  const hasNul = bytes.includes(0);
  if (!hasNul && controlShare(bytes) > 0.01) {
    throw new AppError('file_binary', `${fileName}: 这是二进制文件,不是文本文件`, { file: fileName });
  }
  if (!hasNul && isUtf8(bytes)) {
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, encoding: 'utf-8' };
  }

  if (hasNul) {
    // UTF-16 without a byte-order mark: whichever byte order reads as text.
    for (const label of ['utf-16le', 'utf-16be'] as const) {
      const text = bytes.length % 2 === 0 ? decodeStrict(bytes, label) : null;
      if (text !== null && plausibleShare(text) > 0.95) return { text, encoding: label };
    }
    throw new AppError('file_binary', `${fileName}: 这是二进制文件,不是文本文件`, { file: fileName });
  }

  const lossy = new TextDecoder('utf-8').decode(bytes);
  const nonAscii = lossy.replace(/[\x00-\x7f]/g, '');
  const replaced = nonAscii.length - nonAscii.replace(/\ufffd/g, '').length;
  // A GBK file read as UTF-8 fails on almost every Chinese character; a UTF-8
  // file with a few damaged bytes fails on few. The first is decoded, the second refused.
  if (replaced / Math.max(nonAscii.length, 1) > 0.2) {
    const gb = decodeStrict(bytes, 'gb18030');
    if (gb !== null && plausibleShare(gb) > 0.97) return { text: gb, encoding: 'gb18030' };
  }
  const offset = firstInvalidUtf8(bytes);
  if (offset >= bytes.length - 3) {
    throw new AppError('file_truncated', `${fileName}: 文件在一个字符的中间结束(UTF-8 编码不完整),文件被截断`, { file: fileName, byteOffset: offset });
  }
  throw new AppError(
    'encoding_invalid',
    `${fileName}: 第 ${lineOfOffset(bytes, offset)} 行(字节 ${offset})含无效的 UTF-8 编码,且不是 GB18030/GBK 或 UTF-16 文本`,
    { file: fileName, byteOffset: offset },
  );
}

function utf16(bytes: Uint8Array, label: 'utf-16le' | 'utf-16be', fileName: string): Decoded {
  const text = decodeStrict(bytes, label);
  if (text === null) {
    throw new AppError('encoding_invalid', `${fileName}: 文件声明为 ${label.toUpperCase()},但内容不是有效的 ${label.toUpperCase()} 文本`, {
      file: fileName,
    });
  }
  return { text, encoding: label };
}

function checkContent(text: string, fileName: string, limits: DecodeLimits): void {
  if (text.trim().length === 0) throw new AppError('file_empty', `${fileName}: 文件只有空白,没有内容`, { file: fileName });
  let line = 1;
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text.charCodeAt(i) === 10) {
      if (i - start > limits.maxLineChars) {
        throw new AppError(
          'line_too_long',
          `${fileName}: 第 ${line} 行长 ${i - start} 个字符,超过单行上限 ${limits.maxLineChars};这不像一份公文文本`,
          { file: fileName, line, length: i - start },
        );
      }
      line++;
      start = i + 1;
    }
  }
}
