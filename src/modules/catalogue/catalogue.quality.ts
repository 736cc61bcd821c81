import type { ResourceRow, UpdateFrequency } from './catalogue.types.ts';

/**
 * Quality of a catalogue entry (Art. 13: 区大数据中心…对公共数据的数量、质量以及
 * 更新情况等进行实时监测和全面评价), as uData scores datasets: completeness
 * of the metadata, a data dictionary, and freshness against the declared
 * update frequency (Art. 15: new data daily, instant data in real time).
 * Pure: the clock's "today" is given.
 */

/** How many calendar days a frequency allows between two updates (a grace day for the shortest); irregular never falls due. */
export const allowedDays: Record<UpdateFrequency, number | null> = {
  realtime: 1,
  daily: 2,
  weekly: 7,
  monthly: 31,
  quarterly: 92,
  half_yearly: 183,
  yearly: 366,
  irregular: null,
};

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export interface Quality {
  /** 0-100: completeness 40, dictionary 30, freshness 30. */
  score: number;
  completeness: number;
  dictionary: boolean;
  /** The day by which the next update is due; null for 不定期. */
  dueOn: string | null;
  /** The declared frequency was missed: flagged, and its agency reminded. */
  overdue: boolean;
  /** What to fix, in Chinese, for the agency's staff. */
  advice: string[];
}

export function qualityOf(resource: Pick<ResourceRow, 'classificationCode' | 'timeCoverage' | 'keywords' | 'contact' | 'fields' | 'updateFrequency' | 'dataUpdatedOn' | 'createdAt'>, today: string): Quality {
  const optional: [boolean, string][] = [
    [resource.classificationCode !== null, '填写资源分类代码'],
    [resource.timeCoverage !== null, '填写时间范围'],
    [resource.keywords.length > 0, '填写关键字'],
    [resource.contact !== null, '填写联系方式'],
  ];
  const completeness = optional.filter(([ok]) => ok).length / optional.length;
  const dictionary = resource.fields.length > 0;
  const allowed = allowedDays[resource.updateFrequency];
  // Never updated since it was registered: the clock runs from registration.
  const since = resource.dataUpdatedOn ?? resource.createdAt.slice(0, 10);
  const dueOn = allowed === null ? null : addDays(since, allowed);
  const overdue = dueOn !== null && today > dueOn;
  const advice = [
    ...optional.filter(([ok]) => !ok).map(([, text]) => text),
    ...(dictionary ? [] : ['登记数据项(数据字典)']),
    ...(overdue ? [`按更新频率应在 ${dueOn} 前更新数据,已逾期`] : []),
  ];
  const score = Math.round(completeness * 40 + (dictionary ? 30 : 0) + (overdue ? 0 : 30));
  return { score, completeness, dictionary, dueOn, overdue, advice };
}

export interface AgencyEvaluation {
  agencyId: number;
  agencyName: string;
  resources: number;
  /** Mean quality score of its entries. */
  averageScore: number;
  overdue: number;
  withoutDictionary: number;
}

/** Each agency's figures for the annual evaluation (Art. 24), summed from its entries' quality. */
export function evaluateAgencies(resources: readonly ResourceRow[], today: string): AgencyEvaluation[] {
  const byAgency = new Map<number, AgencyEvaluation & { total: number }>();
  for (const resource of resources) {
    const quality = qualityOf(resource, today);
    const entry = byAgency.get(resource.agencyId) ?? { agencyId: resource.agencyId, agencyName: resource.agencyName, resources: 0, averageScore: 0, overdue: 0, withoutDictionary: 0, total: 0 };
    entry.resources++;
    entry.total += quality.score;
    if (quality.overdue) entry.overdue++;
    if (!quality.dictionary) entry.withoutDictionary++;
    byAgency.set(resource.agencyId, entry);
  }
  return [...byAgency.values()].map(({ total, ...entry }) => ({ ...entry, averageScore: Math.round(total / entry.resources) })).sort((a, b) => a.agencyName.localeCompare(b.agencyName, 'zh'));
}
