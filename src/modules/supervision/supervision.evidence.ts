import { AppError } from '../../core/errors.ts';

/**
 * The kinds of evidence file a progress report or rectification result may
 * carry, recognised by their content (magic bytes), never by the name alone:
 * PDF, OFD, Word and Excel (OOXML, told apart by the name once the content is
 * a ZIP), PNG and JPEG.
 */
const startsWith = (bytes: Uint8Array, signature: readonly number[]) => signature.every((byte, i) => bytes[i] === byte);
const zipKinds: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ofd: 'application/ofd',
};

export function sniffEvidenceType(bytes: Uint8Array, name: string): string {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  const extension = name.toLowerCase().split('.').pop() ?? '';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) && Object.hasOwn(zipKinds, extension)) return zipKinds[extension]!;
  throw new AppError('unsupported_media_type', `${name}: 证明材料只能是 PDF、OFD、Word、Excel、PNG 或 JPEG 文件(按文件内容识别)`, { file: name });
}

/** A file's name as kept: no path separators, at most 200 characters. */
export const evidenceName = (name: string) => name.replace(/[\\/]/g, '_').trim().slice(0, 200);
