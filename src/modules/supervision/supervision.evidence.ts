import { recordAudit, type Actor } from '../../core/audit/audit.ts';
import type { Queryable } from '../../core/db/database.ts';
import { AppError } from '../../core/errors.ts';
import { describeFile, readFile, storeFile } from '../files/index.ts';
import { insertEvidence, readEvidence, type EvidenceSubject } from './supervision.repository.ts';

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

export interface EvidenceUpload {
  bytes: Uint8Array;
  name: string;
}
export interface KeptEvidence {
  position: number;
  name: string;
  mediaType: string;
  size: number;
}

/**
 * Keeps one evidence file on a task or an audit item, inside the caller's
 * transaction: checked by content and size, stored once in the file store
 * (outside the web root), numbered on its case and written to the audit log.
 */
export async function keepEvidence(
  tx: Queryable,
  subject: { type: EvidenceSubject; id: number },
  file: EvidenceUpload,
  by: { actor: Actor; agencyId: number | null; maxBytes: number },
): Promise<KeptEvidence> {
  const mediaType = sniffEvidenceType(file.bytes, file.name);
  const name = evidenceName(file.name);
  const stored = await storeFile(tx, { bytes: file.bytes, name, mediaType }, { maxBytes: by.maxBytes });
  const position = await insertEvidence(tx, subject.type, subject.id, { name, sha256: stored.sha256, mediaType, size: stored.size, agencyId: by.agencyId, addedBy: by.actor.id });
  await recordAudit(tx, by.actor, { action: subject.type === 'audit_item' ? 'rectification.attach_evidence' : 'supervision.attach_evidence', subjectType: subject.type, subjectId: String(subject.id), after: { position, name, sha256: stored.sha256, size: stored.size } });
  return { position, name, mediaType, size: stored.size };
}

/** One evidence file's bytes, for a reader the caller has already checked may see the case. */
export async function evidenceDownload(db: Queryable, subject: { type: EvidenceSubject; id: number }, position: number): Promise<{ name: string; contentType: string; data: Buffer }> {
  const evidence = await readEvidence(db, subject.type, subject.id, position);
  const stored = evidence && (await describeFile(db, evidence.sha256)) ? await readFile(db, evidence.sha256) : null;
  if (!evidence || !stored) throw new AppError('not_found', '没有这份证明材料');
  return { name: evidence.name, contentType: evidence.mediaType, data: stored.bytes };
}
