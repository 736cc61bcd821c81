import type { Queryable } from '../../core/db/database.ts';
import { sql } from '../../core/db/sql.ts';
import type { AnnualReportView, ReportFormat } from './report.types.ts';

export interface StoredReport {
  id: number;
  agencyId: number;
  year: number;
  format: ReportFormat;
  texts: Record<string, string>;
  entered: Record<string, number>;
  state: 'draft' | 'published';
  publishedOn: string | null;
  published: AnnualReportView | null;
}

const columns = sql`id::int as id, agency_id::int as "agencyId", year, format, texts, entered, state,
  published_on::text as "publishedOn", published`;

export async function readReport(db: Queryable, agencyId: number, year: number, options: { lock?: boolean } = {}): Promise<StoredReport | null> {
  const [row] = await db.query<StoredReport>(sql`
    select ${columns} from annual_reports where agency_id = ${agencyId} and year = ${year} ${options.lock ? sql`for update` : sql``}`);
  return row ?? null;
}

export async function saveDraft(tx: Queryable, report: { agencyId: number; year: number; format: ReportFormat; texts: Record<string, string>; entered: Record<string, number> }): Promise<number> {
  const [row] = await tx.query<{ id: number }>(sql`
    insert into annual_reports (agency_id, year, format, texts, entered)
    values (${report.agencyId}, ${report.year}, ${report.format}, ${JSON.stringify(report.texts)}::jsonb, ${JSON.stringify(report.entered)}::jsonb)
    on conflict (agency_id, year) do update set texts = excluded.texts, entered = excluded.entered, updated_at = now()
    returning id::int as id`);
  return row!.id;
}

export async function markPublished(tx: Queryable, id: number, on: string, by: string, published: AnnualReportView): Promise<void> {
  await tx.query(sql`
    update annual_reports set state = 'published', published_on = ${on}::date, published_by = ${by}, published = ${JSON.stringify(published)}::jsonb, updated_at = now()
    where id = ${id}`);
}

export interface PublishedEntry {
  agencyId: number;
  agencyName: string;
  year: number;
  format: ReportFormat;
  publishedOn: string;
}

export async function listPublished(db: Queryable): Promise<PublishedEntry[]> {
  return db.query<PublishedEntry>(sql`
    select r.agency_id::int as "agencyId", a.name as "agencyName", r.year, r.format, r.published_on::text as "publishedOn"
    from annual_reports r join agencies a on a.id = r.agency_id
    where r.state = 'published' order by r.year desc, a.name`);
}

/** Every published report as it was frozen, oldest year first: what the open figures are made of. */
export async function readAllPublished(db: Queryable): Promise<AnnualReportView[]> {
  const rows = await db.query<{ published: AnnualReportView }>(sql`
    select r.published from annual_reports r join agencies a on a.id = r.agency_id
    where r.state = 'published' and r.published is not null order by r.year, a.name`);
  return rows.map((row) => row.published);
}

/** Audit-log names: "长宁区人民政府 2024 年度报告". */
export async function reportNamesOf(db: Queryable, ids: readonly string[]): Promise<{ id: string; name: string }[]> {
  return db.query<{ id: string; name: string }>(sql`
    select r.id::text as id, a.name || ' ' || r.year || ' 年度报告' as name
    from annual_reports r join agencies a on a.id = r.agency_id where r.id::text = any(${[...ids]}::text[])`);
}

/** Whether an agency has agencies under it: a government (or a department with offices) reports by 31 March, the others by 31 January. */
export async function hasSubordinates(db: Queryable, agencyId: number): Promise<boolean> {
  const [row] = await db.query<{ n: number }>(sql`select count(*)::int as n from agencies where parent_id = ${agencyId}`);
  return (row?.n ?? 0) > 0;
}
