import type { Queryable } from '../../core/db/database.ts';
import { sql } from '../../core/db/sql.ts';
import { interpretedIssuerOf, isPlatformFile, platformReleasedOn } from './catalogue.sql.ts';

/**
 * 索引号: each document numbered once, in the transaction that first writes it,
 * within its issuer (an interpretation's is its policy's) and the year it went
 * public, in order of that day, then id. The counter row of each issuer and year
 * is locked (`for update`) while its numbers are taken, so two publications at
 * once wait for each other and never get one number; counters are taken in one
 * order (issuer, year) so that two transactions never wait on each other.
 */
export async function assignIndexNumbers(tx: Queryable, documentIds: number[]): Promise<void> {
  if (documentIds.length === 0) return;
  const chinaToday = sql`(now() at time zone 'Asia/Shanghai')::date`;
  // A text published on the platform goes public today (its publication's version is written after it).
  const day = sql`coalesce(${platformReleasedOn()}, case when ${isPlatformFile()} then ${chinaToday} end, g.published_on, d.signed_on, ${chinaToday})`;
  const rows = await tx.query<{ id: number; issuer: string; year: number }>(sql`
    select d.id, coalesce(d.issuer, ${interpretedIssuerOf()}, '') as issuer, extract(year from ${day})::int as year
    from documents d
    join source_files s on s.id = d.source_file_id
    left join gazette_issues g on g.id = d.gazette_issue_id
    where d.id = any(${documentIds}::bigint[]) and d.index_serial is null
    order by ${day}, d.id`);
  const groups = new Map<string, { issuer: string; year: number; ids: number[] }>();
  for (const row of rows) {
    const key = JSON.stringify([row.issuer, row.year]);
    const group = groups.get(key) ?? { issuer: row.issuer, year: row.year, ids: [] };
    group.ids.push(row.id);
    groups.set(key, group);
  }
  const ordered = [...groups.values()].sort((a, b) => (a.issuer < b.issuer ? -1 : a.issuer > b.issuer ? 1 : a.year - b.year));
  for (const { issuer, year, ids } of ordered) {
    await tx.query(sql`insert into index_number_counters (issuer, year, last_serial) values (${issuer}, ${year}, 0) on conflict (issuer, year) do nothing`);
    const [counter] = await tx.query<{ last_serial: number }>(sql`
      select last_serial from index_number_counters where issuer = ${issuer} and year = ${year} for update`);
    const first = counter!.last_serial + 1;
    await tx.query(sql`update index_number_counters set last_serial = ${first + ids.length - 1} where issuer = ${issuer} and year = ${year}`);
    await tx.query(sql`
      update documents d set index_issuer = ${issuer}, index_year = ${year}, index_serial = ${first}::int + u.n::int - 1
      from unnest(${ids}::bigint[]) with ordinality as u(id, n)
      where d.id = u.id`);
  }
}
