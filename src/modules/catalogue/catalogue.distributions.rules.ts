import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ColumnType, DistributionFormat } from './catalogue.types.ts';

export { maxDistributionBytes } from './catalogue.types.ts';
/** What an XLSX file may unzip to (a zip bomb is refused before exceljs reads it). */
export const maxDistributionUnzippedBytes = 200 * 1024 * 1024;
/** Rows kept for the preview, read at upload so that pages never parse the file again. */
export const previewRowCount = 20;
/** Columns described and previewed (a wider file is kept whole; only its first columns are shown). */
export const previewColumnCount = 200;
/** Characters kept of each preview cell. */
export const previewCellChars = 200;
/** How long a signed download link of a conditionally open resource lasts. */
export const downloadLinkDays = 7;

const extensions: Record<string, DistributionFormat> = { csv: 'CSV', xlsx: 'XLSX', json: 'JSON' };

/** The format a file claims by its name (checked against its content afterwards), or null. */
export function claimedFormatOf(name: string): DistributionFormat | null {
  const extension = /\.([a-z0-9]{1,8})$/i.exec(name.trim())?.[1]?.toLowerCase() ?? '';
  return extensions[extension] ?? null;
}

const integer = /^[-+]?(0|[1-9]\d*)$/;
const decimal = /^[-+]?(0|[1-9]\d*)?\.\d+$|^[-+]?(0|[1-9]\d*)\.\d*$/;
const date = /^\d{4}(-\d{1,2}-\d{1,2}|\/\d{1,2}\/\d{1,2}|年\d{1,2}月\d{1,2}日)([ T]\d{1,2}:\d{2}(:\d{2})?)?$/;

/**
 * A column's type by its non-blank values: 整数 when every one is an integer
 * (a code with a leading zero, such as 0203, is text), 小数 when they are
 * numbers and one has a fraction, 日期 when every one is a date, else 文本.
 */
export function guessColumnType(values: readonly string[]): ColumnType {
  const filled = values.map((value) => value.trim()).filter((value) => value !== '');
  if (filled.length === 0) return 'text';
  if (filled.every((value) => integer.test(value))) return 'integer';
  if (filled.every((value) => integer.test(value) || decimal.test(value))) return 'decimal';
  if (filled.every((value) => date.test(value))) return 'date';
  return 'text';
}

/** What a signed download link carries: which approved request, which distribution, until when (Unix seconds). */
export interface DownloadGrant {
  requestId: number;
  distributionId: number;
  expires: number;
}

const payloadOf = (grant: DownloadGrant) => `catalogue-download:${grant.requestId}:${grant.distributionId}:${grant.expires}`;

export const signDownload = (secret: string, grant: DownloadGrant): string => createHmac('sha256', secret).update(payloadOf(grant)).digest('hex');

/** Whether a link's signature is the server's for this grant (compared in constant time), and whether it is still valid. */
export function checkDownload(secret: string, grant: DownloadGrant, signature: string, nowSeconds: number): 'valid' | 'tampered' | 'expired' {
  const expected = Buffer.from(signDownload(secret, grant), 'hex');
  const given = /^[0-9a-f]{64}$/.test(signature) ? Buffer.from(signature, 'hex') : Buffer.alloc(0);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'tampered';
  return grant.expires < nowSeconds ? 'expired' : 'valid';
}

/** A link's expiry: the end of the day (UTC) `downloadLinkDays` days on, so that a page shows the same link all day. */
export const downloadExpiry = (nowSeconds: number): number => (Math.floor(nowSeconds / 86_400) + downloadLinkDays + 1) * 86_400;
