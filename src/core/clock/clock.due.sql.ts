import type { DueQuery } from '../module.ts';
import { sql, type SqlFragment } from '../db/sql.ts';

/**
 * The running clocks of one kind of case due in the query's window, as a table
 * a module joins to its cases (`subject_id`, `purpose`, `due_on`): how modules
 * tell the reminders what falls due. Paused and stopped clocks are not due.
 */
export function runningClocksDue(subjectType: string, query: Pick<DueQuery, 'until' | 'from'>): SqlFragment {
  return sql`(select subject_id, purpose, due_on from clocks
    where subject_type = ${subjectType} and status = 'running' and due_on <= ${query.until}::date and due_on >= ${query.from ?? '1949-01-01'}::date)`;
}
