import { Inflate } from 'fflate';
import { AppError } from '../../core/errors.ts';

/**
 * The zip container under DOCX and OFD, read from its central directory.
 * Nothing is inflated before the sizes the archive declares are checked
 * against the limit, and inflation stops the moment the real output passes
 * the declared size or the limit (a zip bomb lies about its sizes).
 */

export interface ZipEntry {
  name: string;
  method: number;
  encrypted: boolean;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export interface ZipArchive {
  entries: ZipEntry[];
  /** The entry's bytes, inflated under the archive's remaining budget. */
  read(name: string): Uint8Array | null;
}

const endSignature = 0x06054b50;
const centralSignature = 0x02014b50;
const localSignature = 0x04034b50;

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

function corrupt(fileName: string, what: string): AppError {
  return new AppError('file_corrupt', `${fileName}: 压缩包已损坏(${what}),无法读取`, { file: fileName });
}

function findEnd(view: DataView, fileName: string): number {
  // The end record is 22 bytes plus a comment of at most 65535 bytes.
  const lowest = Math.max(0, view.byteLength - 22 - 65535);
  for (let offset = view.byteLength - 22; offset >= lowest; offset--) {
    if (view.getUint32(offset, true) === endSignature) return offset;
  }
  throw corrupt(fileName, '找不到目录结尾');
}

export function openZip(bytes: Uint8Array, fileName: string, maxUnzippedBytes: number): ZipArchive {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEnd(view, fileName);
  const count = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder('utf-8');
  for (let i = 0; i < count; i++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== centralSignature) throw corrupt(fileName, '目录项无效');
    const flags = view.getUint16(offset + 8, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    entries.push({
      name: decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength)),
      method: view.getUint16(offset + 10, true),
      encrypted: (flags & 1) === 1,
      compressedSize: view.getUint32(offset + 20, true),
      size: view.getUint32(offset + 24, true),
      localOffset: view.getUint32(offset + 42, true),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  const declared = entries.reduce((total, entry) => total + entry.size, 0);
  if (declared > maxUnzippedBytes) throw tooBig(fileName, declared, maxUnzippedBytes);
  let budget = maxUnzippedBytes;
  const byName = new Map(entries.map((entry) => [entry.name, entry]));
  return {
    entries,
    read(name) {
      const entry = byName.get(name);
      if (!entry) return null;
      if (entry.encrypted) throw new AppError('file_encrypted', `${fileName}: 文件已加密(${name}),无法读取`, { file: fileName });
      if (entry.method !== 0 && entry.method !== 8) throw corrupt(fileName, `不支持的压缩方式 ${entry.method}`);
      const data = entryData(bytes, view, entry, fileName);
      if (entry.method === 0 && data.length > budget) throw tooBig(fileName, maxUnzippedBytes - budget + data.length, maxUnzippedBytes);
      const out = entry.method === 0 ? data : inflateBounded(data, entry, budget, fileName, maxUnzippedBytes);
      budget -= out.length;
      return out;
    },
  };
}

function tooBig(fileName: string, size: number, limit: number): AppError {
  return new AppError(
    'file_too_large',
    `${fileName}: 解压后大小 ${(size / 1048576).toFixed(1)} MB,超过上限 ${(limit / 1048576).toFixed(0)} MB(可能是压缩炸弹)`,
    { file: fileName, bytes: size },
  );
}

function entryData(bytes: Uint8Array, view: DataView, entry: ZipEntry, fileName: string): Uint8Array {
  const at = entry.localOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== localSignature) throw corrupt(fileName, `${entry.name} 的文件头无效`);
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (start + entry.compressedSize > bytes.length) throw corrupt(fileName, `${entry.name} 被截断`);
  return bytes.subarray(start, start + entry.compressedSize);
}

/** Inflates in small slices so that no step can produce more than a few megabytes past the allowance. */
function inflateBounded(data: Uint8Array, entry: ZipEntry, budget: number, fileName: string, limit: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > budget) throw tooBig(fileName, total, limit);
    if (total > entry.size) {
      throw new AppError('file_too_large', `${fileName}: ${entry.name} 解压后超过压缩包声明的大小 ${entry.size} 字节(压缩炸弹或文件已损坏)`, { file: fileName });
    }
    chunks.push(chunk);
  });
  // Deflate expands at most about 1000:1: a 1 KB slice yields at most about 1 MB past the allowance.
  const slice = 1024;
  try {
    for (let offset = 0; offset < data.length; offset += slice) {
      inflater.push(data.subarray(offset, offset + slice), offset + slice >= data.length);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw corrupt(fileName, (error as Error).message);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
