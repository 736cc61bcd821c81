import { recordAudit, type Actor } from '../../core/audit/audit.ts';
import type { Database, Queryable } from '../../core/db/database.ts';
import { sql } from '../../core/db/sql.ts';
import { AppError } from '../../core/errors.ts';
import type { IngestService } from '../documents/index.ts';

/**
 * Library texts replaced by a text from another source where one of the two
 * was published on the platform (recorded by ingestion), and documents that an
 * agency's publication replaced before ownership of numbers was checked (found
 * by migration 0014). An operator sees them and restores the replaced text.
 */

export interface DocumentConflict {
  id: number;
  documentId: number;
  docNumber: string | null;
  /** The document's title and source now. */
  title: string;
  currentSource: string;
  /** Where the replaced text came from; null when not known (replaced before conflicts were recorded). */
  earlierSource: string | null;
  earlierTitle: string | null;
  earlierIssuer: string | null;
  laterSource: string;
  detectedAt: string;
}

export async function listConflicts(db: Queryable): Promise<DocumentConflict[]> {
  return db.query<DocumentConflict>(sql`
    select c.id, c.document_id as "documentId", c.doc_number as "docNumber", d.display_title as title, s.source_key as "currentSource",
      c.earlier_source_key as "earlierSource", c.earlier_title as "earlierTitle", c.earlier_issuer as "earlierIssuer",
      c.later_source_key as "laterSource", c.detected_at::text as "detectedAt"
    from document_conflicts c join documents d on d.id = c.document_id join source_files s on s.id = d.source_file_id
    where c.resolved_at is null order by c.id`);
}

/** The files that held the replaced text: the one recorded, or, when unknown, the files that have lost a document. */
async function earlierFiles(db: Queryable, conflict: DocumentConflict): Promise<string[]> {
  const rows = conflict.earlierSource
    ? await db.query<{ path: string }>(sql`select path from source_files where source_key = ${conflict.earlierSource}`)
    : await db.query<{ path: string }>(sql`
        select s.path from source_files s
        where s.source_key not like 'file:publication-%'
          and s.document_count > (select count(*) from documents d where d.source_file_id = s.id)
        order by s.id`);
  return rows.map((row) => row.path);
}

export interface RepairResult {
  documentId: number;
  /** Whether the document now carries the replaced text again (and not the text that replaced it). */
  restored: boolean;
  source: string;
}

/**
 * Restores the replaced text by reading its file again: the library writes it
 * as a new version of the document, and keeps the text it replaces as a
 * conflict of its own, resolved by this repair. When the replaced text's
 * file is not recorded, every file that has lost a document is read again. A document no longer carried
 * by a publication's file is detached from that publication, so that its
 * marks and corrections no longer reach it. Audited.
 */
export async function repairConflict(db: Database, ingest: IngestService, conflictId: number, actor: Actor): Promise<RepairResult> {
  const conflict = (await listConflicts(db)).find((c) => c.id === conflictId);
  if (!conflict) throw new AppError('not_found', '没有这项待处理的文件冲突');
  const paths = await earlierFiles(db, conflict);
  if (paths.length === 0) throw new AppError('not_found', '找不到被替换文本的原文件,无法恢复');
  const summary = await ingest.ingest(paths, { force: true });
  const failed = summary.outcomes.find((outcome) => outcome.status === 'failed');
  const unreadable = () => new AppError('validation_failed', `原文件无法重新读取:${failed!.error?.message ?? failed!.path}`);
  if (failed && conflict.earlierSource) throw unreadable();
  return db.transaction(async (tx) => {
    const [now] = await tx.query<{ source: string }>(sql`
      select s.source_key as source from documents d join source_files s on s.id = d.source_file_id where d.id = ${conflict.documentId}`);
    if (!now) throw new AppError('not_found', '该文件已不在文件库中');
    const restored = conflict.earlierSource ? now.source === conflict.earlierSource : now.source !== conflict.laterSource;
    // Of the files that lost a document, some may be gone and not this one's: only the one that restores it matters.
    if (failed && !restored) throw unreadable();
    await tx.query(sql`
      update publications set document_ids = array_remove(document_ids, ${conflict.documentId}::bigint)
      where document_ids @> array[${conflict.documentId}]::bigint[] and 'file:publication-' || id <> ${now.source}`);
    await tx.query(sql`
      update document_conflicts set resolved_at = now(), resolved_by = ${actor.id}, resolution = ${restored ? 'restored' : 'reread'}
      where document_id = ${conflict.documentId} and resolved_at is null`);
    await recordAudit(tx, actor, {
      action: 'document.repair',
      subjectType: 'document',
      subjectId: String(conflict.documentId),
      before: { source: conflict.currentSource, conflict: conflict.id },
      after: { source: now.source, restored, files: paths },
    });
    return { documentId: conflict.documentId, restored, source: now.source };
  });
}
