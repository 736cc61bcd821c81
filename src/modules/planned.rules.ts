import type { DeadlineRule } from '../core/clock/index.ts';

/**
 * The time limits of modules not built yet (audit rectification:
 * docs/domain.md F), installed now so that staff
 * see every rule of the seeds in one list. Each moves into its module's
 * manifest when the module is built.
 */
export const plannedDeadlineRules: readonly DeadlineRule[] = [
  { code: 'audit.rectification', label: '审计整改期限', limit: 90, unit: 'calendar_days', source: '静府办发〔2016〕12号《关于进一步建立健全审计整改制度的实施意见》(000 L204-235)', extension: null },
  { code: 'audit.notice', label: '投资审计通知书送达(审计前)', limit: 3, unit: 'working_days', source: '长审规〔2021〕1号《长宁区政府投资项目审计监督办法》(001 L1608-1702)', extension: null },
  { code: 'audit.draft_comment', label: '审计报告征求意见期限', limit: 10, unit: 'working_days', source: '长审规〔2021〕1号《长宁区政府投资项目审计监督办法》(001 L1608-1702)', extension: null },
];
