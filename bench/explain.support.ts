import type { Database, Queryable } from '../src/core/db/database.ts';
import { sql, type SqlFragment } from '../src/core/db/sql.ts';

/**
 * A database that, after each query the code under measure runs, asks the
 * engine to EXPLAIN (ANALYZE, BUFFERS) the same statement in the same
 * transaction (its `set local` settings included), so a benchmark can print
 * the plans a kind of request really got: a regression is then seen, not
 * guessed. The statement runs twice; use it apart from the timed runs.
 */
export function explainingDatabase(db: Database): { db: Database; takePlans(): string[] } {
  const plans: string[] = [];
  const explained = (target: Queryable): Queryable => ({
    async query<R>(fragment: SqlFragment) {
      const rows = await target.query<R>(fragment);
      if (/^\s*explain\b/i.test(fragment.compile().text)) return rows;
      const plan = await target.query<{ 'QUERY PLAN': string }>(sql`explain (analyze, buffers) ${fragment}`);
      plans.push([fragment.compile().text.replace(/\s+/g, ' ').trim(), ...plan.map((line) => `  ${line['QUERY PLAN']}`)].join('\n'));
      return rows;
    },
    execScript: (text) => target.execScript(text),
  });
  const top = explained(db);
  return {
    db: {
      kind: db.kind,
      query: top.query,
      execScript: top.execScript,
      transaction: (work) => db.transaction((tx) => work(explained(tx))),
      readTransaction: (work) => db.readTransaction((tx) => work(explained(tx))),
      close: () => db.close(),
    },
    takePlans: () => plans.splice(0),
  };
}
