import { sql, type SqlFragment } from '../db/sql.ts';

/**
 * The clocks of one kind that were late in a year, as a subquery a module
 * joins to its own table: `subject_id`, `due_on` and `finished_on` (null
 * while still open). Late means stopped after the due date, with the stop in
 * the year; or still open on the last day counted (the year's end, or
 * `today` if earlier) with the due date already passed.
 */
export function lateClocks(subjectType: string, purposes: readonly string[], year: number, today: string): SqlFragment {
  const start = `${year}-01-01`;
  const lastDay = `${year}-12-31` < today ? `${year}-12-31` : today;
  return sql`(
    select c.subject_id, c.due_on, case when c.status = 'stopped' then (c.ledger->-1->>'on')::date end as finished_on
    from clocks c
    where c.subject_type = ${subjectType} and c.purpose = any(${[...purposes]}::text[]) and c.due_on is not null
      and ((c.status = 'stopped' and (c.ledger->-1->>'on')::date > c.due_on
            and (c.ledger->-1->>'on')::date >= ${start}::date and (c.ledger->-1->>'on')::date <= ${`${year}-12-31`}::date)
        or (c.status <> 'stopped' and c.due_on < ${lastDay}::date and c.due_on >= ${start}::date))
  )`;
}
