import type { Measure } from '../../core/module.ts';
import { findAgencyResources } from './catalogue.queries.ts';
import { qualityOf } from './catalogue.quality.ts';

/** What the assessment counts from the catalogue: entries not updated as often as their update frequency says, at the year's end (Art. 15). */
export const catalogueMeasures: Record<string, Measure> = {
  'catalogue.stale_entries': {
    label: '未按更新频率更新的公共数据资源',
    source: '《长宁区公共数据管理办法》第十五条(001 L1252-1454)',
    async occurrences(db, year, today) {
      const lastDay = `${year}-12-31` < today ? `${year}-12-31` : today;
      return (await findAgencyResources(db, null)).flatMap((resource) => {
        const quality = qualityOf(resource, lastDay);
        return quality.overdue ? [{ agencyId: resource.agencyId, subject: resource.name, link: `/console/catalogue/${resource.id}`, on: quality.dueOn ?? lastDay }] : [];
      });
    },
  },
};
