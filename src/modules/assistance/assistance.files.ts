import { AppError } from '../../core/errors.ts';

/**
 * The kinds of file a request may carry (Art. 9: documents, pictures and
 * other materials), recognised by their content, never by the name alone:
 * PDF, OFD, Word and Excel (OOXML), PNG, JPEG and plain UTF-8 text.
 */
const startsWith = (bytes: Uint8Array, signature: readonly number[]) => signature.every((byte, i) => bytes[i] === byte);

export function sniffAttachmentType(bytes: Uint8Array, name: string): string {
  const extension = name.toLowerCase().split('.').pop() ?? '';
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    if (extension === 'docx') return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    if (extension === 'xlsx') return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    if (extension === 'ofd') return 'application/ofd';
  }
  if (extension === 'txt' && bytes.length > 0 && !bytes.includes(0)) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      return 'text/plain; charset=utf-8';
    } catch {
      // not UTF-8: refused below
    }
  }
  throw new AppError('unsupported_media_type', `${name}: 附件只能是 PDF、OFD、Word、Excel、PNG、JPEG 或文本文件(按文件内容识别)`, { file: name });
}
