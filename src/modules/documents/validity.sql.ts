import { sql, type SqlFragment } from '../../core/db/sql.ts';

/**
 * A document's validity (有效性) on a date, from its own dates and what later
 * documents did to it. The one definition, used by listings, search and facets.
 * A document with no stated period is in force unless something ends it.
 */
export const validityStatuses = ['尚未生效', '现行有效', '已修改', '已失效', '已废止'] as const;
export type ValidityStatus = (typeof validityStatuses)[number];

export function validityOn(on: string, alias = sql`d`): SqlFragment {
  return sql`(case
    when coalesce(${alias}.effective_from, ${alias}.signed_on) > ${on}::date then '尚未生效'
    when ${alias}.repealed_on <= ${on}::date then '已废止'
    when coalesce(${alias}.extended_to, ${alias}.effective_to) < ${on}::date then '已失效'
    when ${alias}.amended_on <= ${on}::date then '已修改'
    else '现行有效'
  end)`;
}

export { todayInChina } from '../../core/calendar/index.ts';
