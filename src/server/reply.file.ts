import type { FastifyReply } from 'fastify';
import { maxReplyFileBytes } from '../modules/disclosure/index.ts';

/** A reply's JSON body: the file in base64 (4 bytes per 3) and the letter's text around it. */
export const replyBodyLimit = Math.ceil((maxReplyFileBytes * 4) / 3) + 256 * 1024;

/**
 * Sends a reply's file as a download: its checked type, never sniffed, never
 * shown inside a page of the site (sandboxed), never cached.
 */
export function sendReplyFile(reply: FastifyReply, file: { name: string; contentType: string; data: Buffer }) {
  const ascii = file.name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return reply
    .type(file.contentType)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`)
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'no-store')
    .send(file.data);
}
