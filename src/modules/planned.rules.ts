import type { DeadlineRule } from '../core/clock/index.ts';

/**
 * The time limits of modules not built yet (the rest of participation, assistance:
 * docs/domain.md D, E), installed now so that staff
 * see every rule of the seeds in one list. Each moves into its module's
 * manifest when the module is built.
 */
export const plannedDeadlineRules: readonly DeadlineRule[] = [
  { code: 'participation.feedback', label: '意见采纳情况公开期限(决策文件印发后)', limit: 10, unit: 'working_days', source: '2021年长宁区政务公开工作要点(001 L392)', extension: null },
  { code: 'assistance.request', label: '提出行政协助请求期限(障碍发生后)', limit: 10, unit: 'working_days', source: '沪府发〔2017〕17号《上海市行政协助管理办法(试行)》第十八条', extension: null },
  { code: 'assistance.handle', label: '行政协助办理期限', limit: 10, unit: 'working_days', source: '沪府发〔2017〕17号《上海市行政协助管理办法(试行)》第十八条', extension: null },
  { code: 'assistance.handle_complex', label: '协助执行、调查、出具意见办理期限', limit: 30, unit: 'working_days', source: '沪府发〔2017〕17号《上海市行政协助管理办法(试行)》第十八条', extension: null },
];
