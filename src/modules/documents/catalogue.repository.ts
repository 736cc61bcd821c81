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
  if (ordered.length === 0) return;
  // Four statements whatever the number of issuers and years (a bulk batch brings thousands of them).
  const issuers = ordered.map((group) => group.issuer);
  const years = ordered.map((group) => group.year);
  await tx.query(sql`
    insert into index_number_counters (issuer, year, last_serial)
    select issuer, year, 0 from unnest(${issuers}::text[], ${years}::int[]) with ordinality as u(issuer, year, n) order by n
    on conflict (issuer, year) do nothing`);
  // Locked in the order above (rows are locked as the sort returns them).
  const counters = await tx.query<{ last_serial: number }>(sql`
    select c.last_serial from unnest(${issuers}::text[], ${years}::int[]) with ordinality as u(issuer, year, n)
    join index_number_counters c on c.issuer = u.issuer and c.year = u.year
    order by u.n
    for update of c`);
  const numbered = { ids: [] as number[], issuers: [] as string[], years: [] as number[], serials: [] as number[] };
  ordered.forEach((group, index) => {
    const first = counters[index]!.last_serial + 1;
    group.ids.forEach((id, offset) => {
      numbered.ids.push(id);
      numbered.issuers.push(group.issuer);
      numbered.years.push(group.year);
      numbered.serials.push(first + offset);
    });
  });
  await tx.query(sql`
    update index_number_counters c set last_serial = c.last_serial + u.taken
    from unnest(${issuers}::text[], ${years}::int[], ${ordered.map((group) => group.ids.length)}::int[]) as u(issuer, year, taken)
    where c.issuer = u.issuer and c.year = u.year`);
  await tx.query(sql`
    update documents d set index_issuer = u.issuer, index_year = u.year, index_serial = u.serial
    from unnest(${numbered.ids}::bigint[], ${numbered.issuers}::text[], ${numbered.years}::int[], ${numbered.serials}::int[]) as u(id, issuer, year, serial)
    where d.id = u.id`);
}
