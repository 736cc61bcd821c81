import { todayInChina } from '../../core/calendar/index.ts';
import { sql } from '../../core/db/sql.ts';
import type { PendingWork } from '../../core/module.ts';

/**
 * Last year's annual report as a dated duty on the dashboard (《条例》第四十九条):
 * due by 31 January from a department, by 31 March from a government (an
 * agency with agencies under it). Counted for the agencies with staff on the
 * platform that were in the register before the year ended, while the report
 * is unpublished: first as due, then, past its day, as late.
 */
function lastYearsReports(late: boolean): PendingWork {
  return {
    label: late ? '逾期未发布的上年度年度报告' : '待发布的上年度年度报告(部门1月31日、政府3月31日前)',
    link: '/annual-reports',
    async count(db, agencyId) {
      const today = todayInChina();
      const year = Number(today.slice(0, 4)) - 1;
      const [row] = await db.query<{ n: number }>(sql`
        select count(*)::int as n from (
          select make_date(${year + 1}, case when exists (select 1 from agencies c where c.parent_id = a.id) then 3 else 1 end, 31) as due_on
          from agencies a
          where (${agencyId}::bigint is null or a.id = ${agencyId})
            and extract(year from a.created_at at time zone 'Asia/Shanghai')::int <= ${year}
            and exists (select 1 from users u where u.agency_id = a.id and not u.disabled)
            and not exists (select 1 from annual_reports r where r.agency_id = a.id and r.year = ${year} and r.state = 'published')
        ) owed
        where ${late ? sql`owed.due_on < ${today}::date` : sql`owed.due_on >= ${today}::date`}`);
      return row!.n;
    },
  };
}

export const annualReportPendingWork: PendingWork[] = [lastYearsReports(false), lastYearsReports(true)];
