import type { Queryable } from '../db/database.ts';
import { planOnce, sql } from '../db/sql.ts';

/** One more hit on `key` in its fixed window (a new window once the last has ended): the hits so far and the milliseconds left. */
export async function countHit(db: Queryable, key: string, windowMs: number): Promise<{ hits: number; ttlMs: number }> {
  const [row] = await db.query<{ hits: number; ttl_ms: number }>(planOnce(sql`
    insert into rate_limit_windows as w (key, hits, window_ends)
    values (${key}, 1, clock_timestamp() + make_interval(secs => ${windowMs}::double precision / 1000))
    on conflict (key) do update set
      hits = case when w.window_ends <= clock_timestamp() then 1 else w.hits + 1 end,
      window_ends = case when w.window_ends <= clock_timestamp() then excluded.window_ends else w.window_ends end
    returning hits, greatest(0, ceil(extract(epoch from w.window_ends - clock_timestamp()) * 1000))::int as ttl_ms`));
  return { hits: row!.hits, ttlMs: row!.ttl_ms };
}

/** The keys' windows, locked until the transaction ends (each key made first if new), with the hits of those still open. */
export async function lockWindows(tx: Queryable, keys: readonly string[]): Promise<{ key: string; hits: number; ttlMs: number }[]> {
  await tx.query(sql`
    insert into rate_limit_windows (key, hits, window_ends)
    select key, 0, clock_timestamp() from unnest(${keys}::text[]) as key
    on conflict (key) do nothing`);
  const rows = await tx.query<{ key: string; hits: number; ttl_ms: number }>(sql`
    select key, case when window_ends <= clock_timestamp() then 0 else hits end as hits,
      greatest(0, ceil(extract(epoch from window_ends - clock_timestamp()) * 1000))::int as ttl_ms
    from rate_limit_windows where key = any(${keys}::text[]) order by key for update`);
  return rows.map((row) => ({ key: row.key, hits: row.hits, ttlMs: row.ttl_ms }));
}

/** Forgets windows that ended a while ago. */
export async function deleteEndedWindows(db: Queryable): Promise<void> {
  await db.query(sql`delete from rate_limit_windows where window_ends < clock_timestamp() - interval '10 minutes'`);
}
