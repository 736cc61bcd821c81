import type { Queryable } from '../../core/db/database.ts';
import { planOnce, sql } from '../../core/db/sql.ts';
import { isPlatformFile } from './catalogue.sql.ts';
import { platformFilePrefix } from './documents.rules.ts';

/**
 * The files a library document offers the public: the original it was read
 * from (kept in the original-file store) and, for a text published on the
 * platform, the annexes uploaded with it. A publication that is not (or no
 * longer) published offers nothing, whatever is stored.
 */

export interface OfferedFile {
  sha256: string;
  /** The name the download is saved under. */
  name: string;
  mediaType: string;
  size: number;
}

export interface DocumentFiles {
  original: OfferedFile | null;
  /** Annexes (附件) uploaded with the publication, numbered from 1 in the order given. */
  attachments: (OfferedFile & { position: number })[];
}

const platformKeyPrefix = `file:${platformFilePrefix}`;

/** The published publication whose file holds the document (`s`, source_files); null when none. */
const publishedPublicationOf = (s = sql`s`) =>
  sql`(select p.id from publications p where ${s}.source_key = ${platformKeyPrefix}::text || p.id::text and p.state = 'published')`;

export async function documentFiles(db: Queryable, documentId: number): Promise<DocumentFiles> {
  const [row] = await db.query<{ sha256: string | null; name: string; media_type: string | null; size: number | null; publication_id: number | null; platform: boolean; seq: number }>(planOnce(sql`
    select f.sha256, case when ${isPlatformFile()} then d.display_title || '.txt' else s.file_name end as name,
      f.media_type, f.size_bytes::int as size, ${publishedPublicationOf()} as publication_id, ${isPlatformFile()} as platform, d.seq
    from documents d join source_files s on s.id = d.source_file_id
    left join stored_files f on f.sha256 = s.sha256
    where d.id = ${documentId}`));
  if (!row || (row.platform && row.publication_id === null)) return { original: null, attachments: [] };
  const original = row.sha256 && row.media_type !== null && row.size !== null ? { sha256: row.sha256, name: row.name, mediaType: row.media_type, size: row.size } : null;
  // The annexes belong to the publication's own text, not to the interpretation published with it.
  const attachments = row.publication_id !== null && row.seq === 0
    ? await db.query<OfferedFile & { position: number }>(sql`
        select a.position, a.name, f.sha256, f.media_type as "mediaType", f.size_bytes::int as size
        from publication_annexes a join stored_files f on f.sha256 = a.sha256
        where a.publication_id = ${row.publication_id} order by a.position`)
    : [];
  return { original, attachments };
}
