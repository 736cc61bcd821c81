import { createHash } from 'node:crypto';
import { extname } from 'node:path';

/** Pure rules of the original-file store: hashes, media types, names for downloads. */

export const sha256Of = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export const isSha256 = (value: string): boolean => /^[0-9a-f]{64}$/.test(value);

/** Media types by extension: the formats government files and their annexes come in. Anything else is a plain download. */
const mediaTypes: Record<string, { type: string; label: string }> = {
  '.txt': { type: 'text/plain', label: 'TXT' },
  '.html': { type: 'text/html', label: 'HTML' },
  '.htm': { type: 'text/html', label: 'HTML' },
  '.xml': { type: 'application/xml', label: 'XML' },
  '.svg': { type: 'image/svg+xml', label: 'SVG' },
  '.pdf': { type: 'application/pdf', label: 'PDF' },
  '.ofd': { type: 'application/ofd', label: 'OFD' },
  '.doc': { type: 'application/msword', label: 'DOC' },
  '.docx': { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'DOCX' },
  '.wps': { type: 'application/vnd.ms-works', label: 'WPS' },
  '.xls': { type: 'application/vnd.ms-excel', label: 'XLS' },
  '.xlsx': { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'XLSX' },
  '.et': { type: 'application/vnd.ms-excel', label: 'ET' },
  '.ppt': { type: 'application/vnd.ms-powerpoint', label: 'PPT' },
  '.pptx': { type: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', label: 'PPTX' },
  '.rtf': { type: 'application/rtf', label: 'RTF' },
  '.csv': { type: 'text/csv', label: 'CSV' },
  '.zip': { type: 'application/zip', label: 'ZIP' },
  '.rar': { type: 'application/vnd.rar', label: 'RAR' },
  '.jpg': { type: 'image/jpeg', label: 'JPG' },
  '.jpeg': { type: 'image/jpeg', label: 'JPG' },
  '.png': { type: 'image/png', label: 'PNG' },
  '.gif': { type: 'image/gif', label: 'GIF' },
  '.tif': { type: 'image/tiff', label: 'TIFF' },
  '.tiff': { type: 'image/tiff', label: 'TIFF' },
};

const fallback = { type: 'application/octet-stream', label: '文件' };

/** The media type of a file by its name; a text file read in a known encoding says so (charset). */
export function mediaTypeOf(name: string, encoding: string | null = null): string {
  const { type } = mediaTypes[extname(name).toLowerCase()] ?? fallback;
  return type.startsWith('text/') && encoding ? `${type}; charset=${encoding.toLowerCase()}` : type;
}

/** The format as the public reads it (PDF, DOCX …), by the stored media type, else by the name. */
export function formatLabelOf(mediaType: string, name = ''): string {
  const byName = mediaTypes[extname(name).toLowerCase()];
  if (byName) return byName.label;
  const base = mediaType.split(';')[0]!.trim();
  return Object.values(mediaTypes).find((entry) => entry.type === base)?.label ?? fallback.label;
}

/** A size as shown next to a download: 812 字节, 3.4 KB, 1.2 MB. */
export function sizeLabelOf(bytes: number): string {
  if (bytes < 1024) return `${bytes} 字节`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Formats a browser may show in place without running anything of ours:
 * text as text, PDF and raster images. HTML, SVG, XML and everything else
 * are always downloads, so an uploaded page never runs on the portal's origin.
 */
const inlineTypes = new Set(['text/plain', 'application/pdf', 'image/png', 'image/jpeg', 'image/gif']);

export const isInlineSafe = (mediaType: string): boolean => inlineTypes.has(mediaType.split(';')[0]!.trim().toLowerCase());

/** A file name as kept: the last path segment, without control characters, at most 200 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200);
  return clean === '' || clean === '.' || clean === '..' ? '附件' : clean;
}

/**
 * Content-Disposition with the name twice: an ASCII fallback for old clients
 * and the UTF-8 name (RFC 5987 / RFC 6266 filename*), so 附件1.pdf arrives as 附件1.pdf.
 */
export function contentDisposition(name: string, inline: boolean): string {
  const clean = cleanFileName(name);
  const ascii = clean.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  const encoded = encodeURIComponent(clean).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
