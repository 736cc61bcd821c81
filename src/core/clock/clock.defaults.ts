import type { DeadlineRule } from './clock.types.ts';

/**
 * The time limits of law and policy that Gongkai's clocks run on, each with
 * its source (see docs/domain.md). These are the defaults a new installation
 * starts with; the database copy is what clocks use, so an administrator can
 * follow a changed rule without a new release.
 */
export const defaultDeadlineRules: DeadlineRule[] = [
  {
    code: 'disclosure.reply',
    label: '依申请公开答复期限',
    limit: 20,
    unit: 'working_days',
    source: '《中华人民共和国政府信息公开条例》第三十三条第二款',
    extension: { times: 1, maxDays: 20, source: '《政府信息公开条例》第三十三条第二款:经政府信息公开工作机构负责人同意并告知申请人,可以延长,延长期限最长不得超过20个工作日' },
  },
  { code: 'disclosure.correction_notice', label: '补正告知期限', limit: 7, unit: 'working_days', source: '《政府信息公开条例》第三十条', extension: null },
  { code: 'disclosure.third_party', label: '第三方意见征询期限', limit: 15, unit: 'working_days', source: '《政府信息公开条例》第三十二条', extension: null },
  { code: 'disclosure.co_producer', label: '共同制作机关意见征询期限', limit: 15, unit: 'working_days', source: '《政府信息公开条例》第三十四条(逾期未提出意见的视为同意公开)', extension: null },
  { code: 'disclosure.offline_entry', label: '线下申请录入期限', limit: 2, unit: 'working_days', source: '2021年长宁区政务公开工作要点(001 L370)', extension: null },
  { code: 'publication.publish', label: '文件公开期限(自签发之日起)', limit: 20, unit: 'working_days', source: '沪工商办〔2017〕107号,2017年上海市工商局政务公开工作要点(002 L8)', extension: null },
  { code: 'publication.mark_invalid', label: '文件废止、失效标注期限', limit: 20, unit: 'working_days', source: '沪工商办〔2017〕107号,2017年上海市工商局政务公开工作要点(002 L8)', extension: null },
  { code: 'interaction.reply', label: '网上咨询、留言答复期限', limit: 5, unit: 'working_days', source: '2021年长宁区政务公开工作要点(001 L384)', extension: null },
  { code: 'interaction.simple_reply', label: '简单咨询答复期限', limit: 1, unit: 'working_days', source: '2021年长宁区政务公开工作要点(001 L384)', extension: null },
  { code: 'participation.feedback', label: '意见采纳情况公开期限(决策文件印发后)', limit: 10, unit: 'working_days', source: '2021年长宁区政务公开工作要点(001 L392)', extension: null },
  { code: 'assistance.request', label: '提出行政协助请求期限(障碍发生后)', limit: 10, unit: 'working_days', source: '沪府发〔2017〕17号《上海市行政协助管理办法(试行)》第十八条', extension: null },
  { code: 'assistance.handle', label: '行政协助办理期限', limit: 10, unit: 'working_days', source: '沪府发〔2017〕17号《上海市行政协助管理办法(试行)》第十八条', extension: null },
  { code: 'assistance.handle_complex', label: '协助执行、调查、出具意见办理期限', limit: 30, unit: 'working_days', source: '沪府发〔2017〕17号《上海市行政协助管理办法(试行)》第十八条', extension: null },
  { code: 'audit.rectification', label: '审计整改期限', limit: 90, unit: 'calendar_days', source: '静府办发〔2016〕12号《关于进一步建立健全审计整改制度的实施意见》(000 L204-235)', extension: null },
  { code: 'audit.notice', label: '投资审计通知书送达(审计前)', limit: 3, unit: 'working_days', source: '长审规〔2021〕1号《长宁区政府投资项目审计监督办法》(001 L1608-1702)', extension: null },
  { code: 'audit.draft_comment', label: '审计报告征求意见期限', limit: 10, unit: 'working_days', source: '长审规〔2021〕1号《长宁区政府投资项目审计监督办法》(001 L1608-1702)', extension: null },
];
