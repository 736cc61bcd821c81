import type { Queryable } from '../../core/db/database.ts';
import { sql } from '../../core/db/sql.ts';
import type { Distribution, DistributionFormat, DistributionKind, DistributionVersion } from './catalogue.types.ts';

/** A version `v` (with its uploader `uu`) as one JSON object. */
const versionJson = sql`json_build_object('version', v.version, 'name', v.name, 'sha256', v.sha256, 'mediaType', v.media_type,
    'size', v.size, 'rowCount', v.row_count, 'conversion', v.conversion, 'columns', v.columns,
    'preview', v.preview, 'uploadedBy', uu.display_name, 'uploadedAt', v.uploaded_at::text)`;

const distributionColumns = sql`
  d.id::int as id, d.resource_id::int as "resourceId", d.kind, d.title, d.format, d.url, d.description, d.version,
  d.created_at::text as "createdAt", d.updated_at::text as "updatedAt",
  (select ${versionJson} from catalogue_distribution_versions v join users uu on uu.id = v.uploaded_by
    where v.distribution_id = d.id and v.version = d.version) as latest`;

export interface NewDistribution {
  resourceId: number;
  kind: DistributionKind;
  title: string;
  format: DistributionFormat | 'API';
  url: string | null;
  description: string | null;
  createdBy: number;
}

export async function insertDistribution(tx: Queryable, distribution: NewDistribution): Promise<number> {
  const [row] = await tx.query<{ id: number }>(sql`
    insert into catalogue_distributions (resource_id, kind, title, format, url, description, created_by)
    values (${distribution.resourceId}, ${distribution.kind}, ${distribution.title}, ${distribution.format}, ${distribution.url}, ${distribution.description}, ${distribution.createdBy})
    returning id::int as id`);
  return row!.id;
}

export async function readDistribution(db: Queryable, id: number, options: { lock?: boolean } = {}): Promise<Distribution | null> {
  const [row] = await db.query<Distribution>(sql`select ${distributionColumns} from catalogue_distributions d where d.id = ${id}${options.lock ? sql` for update of d` : sql``}`);
  return row ?? null;
}

/** The distributions of some resources, each with its latest version, in the order they were added. */
export async function listDistributions(db: Queryable, resourceIds: readonly number[]): Promise<Distribution[]> {
  if (resourceIds.length === 0) return [];
  return db.query<Distribution>(sql`
    select ${distributionColumns} from catalogue_distributions d where d.resource_id = any(${resourceIds}::bigint[]) order by d.resource_id, d.id`);
}

/** A version as uploaded: what is read of the file, and the uploader's account. */
export type NewDistributionVersion = Omit<DistributionVersion, 'version' | 'uploadedBy' | 'uploadedAt'> & { uploadedBy: number };

/** Adds the next version of a file distribution and makes it the latest; returns its number. */
export async function insertDistributionVersion(tx: Queryable, distributionId: number, version: NewDistributionVersion): Promise<number> {
  const [row] = await tx.query<{ version: number }>(sql`
    update catalogue_distributions set version = version + 1, updated_at = now() where id = ${distributionId} returning version`);
  await tx.query(sql`
    insert into catalogue_distribution_versions (distribution_id, version, name, sha256, media_type, size, row_count, conversion, columns, preview, uploaded_by)
    values (${distributionId}, ${row!.version}, ${version.name}, ${version.sha256}, ${version.mediaType}, ${version.size}, ${version.rowCount}, ${version.conversion},
      ${JSON.stringify(version.columns)}::jsonb, ${JSON.stringify(version.preview)}::jsonb, ${version.uploadedBy})`);
  return row!.version;
}

export async function readDistributionVersions(db: Queryable, distributionId: number): Promise<DistributionVersion[]> {
  const rows = await db.query<{ v: DistributionVersion }>(sql`
    select ${versionJson} as v from catalogue_distribution_versions v join users uu on uu.id = v.uploaded_by
    where v.distribution_id = ${distributionId} order by v.version desc`);
  return rows.map((row) => row.v);
}
