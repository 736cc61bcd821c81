/**
 * A scoring scheme as data: dimensions of indicators, each with its points and
 * how it is measured — counted from the records (a deduction per occurrence of
 * a module's measure, capped at the indicator's points) or judged by an
 * assessor with evidence. Veto items void the grade; bonus points count only
 * above a threshold; grades by thresholds. Editable by a supervisor, versioned
 * per year (003 L931-945; the State Council's website checklist model, anchors.md).
 */
export interface Indicator {
  code: string;
  label: string;
  points: number;
  method: 'computed' | 'judged';
  /** A measure's code (src/core/module.ts) for a computed indicator. */
  measure?: string;
  /** Points deducted per occurrence ("超期办理每条扣6分"). */
  perOccurrence?: number;
  /** Which agencies it applies to: a government has agencies under it, a department has none. */
  appliesTo?: 'all' | 'government' | 'department';
}

export interface Dimension {
  code: string;
  label: string;
  indicators: Indicator[];
}

export interface Scheme {
  dimensions: Dimension[];
  /** Items that void the grade when judged to have happened (e.g. leaking a state secret). */
  vetoes: { code: string; label: string }[];
  /** Points an assessor may add for outstanding work, counted only when the rest reaches the threshold. */
  bonus: { label: string; max: number; threshold: number };
  /** Highest first. */
  grades: { label: string; min: number }[];
}

/** The seeds' scheme: four dimensions, 100 points (003 L935: 组织和渠道、推进“五公开”、依申请公开办理、监督和救济). */
export const defaultScheme: Scheme = {
  dimensions: [
    {
      code: 'organisation',
      label: '组织和渠道',
      indicators: [
        { code: 'organisation.bodies', label: '政务公开工作机构、人员和制度', points: 8, method: 'judged' },
        { code: 'organisation.channels', label: '政府网站、公开指南和公开目录', points: 12, method: 'judged' },
      ],
    },
    {
      code: 'five',
      label: '推进“五公开”',
      indicators: [
        { code: 'five.publish_on_time', label: '文件签发后20个工作日内公开', points: 12, method: 'computed', measure: 'publication.late_publish', perOccurrence: 3 },
        { code: 'five.mark_on_time', label: '废止、失效文件20个工作日内标注', points: 4, method: 'computed', measure: 'publication.late_mark', perOccurrence: 2 },
        { code: 'five.interpretation', label: '规范性文件与政策解读同步发布', points: 8, method: 'computed', measure: 'documents.missing_interpretation', perOccurrence: 2 },
        { code: 'five.interaction', label: '网上留言、咨询按时答复', points: 6, method: 'computed', measure: 'participation.late_replies', perOccurrence: 2 },
        { code: 'five.feedback', label: '征求意见采纳情况按时公开', points: 4, method: 'computed', measure: 'participation.late_feedback', perOccurrence: 2 },
        { code: 'five.decisions', label: '重大决策预公开、执行和结果公开', points: 6, method: 'judged' },
      ],
    },
    {
      code: 'requests',
      label: '依申请公开办理',
      indicators: [
        { code: 'requests.on_time', label: '依申请公开按时答复', points: 15, method: 'computed', measure: 'disclosure.late_replies', perOccurrence: 6 },
        { code: 'requests.corrected', label: '答复被行政复议、行政诉讼纠错', points: 10, method: 'computed', measure: 'disclosure.corrected_reviews', perOccurrence: 5 },
      ],
    },
    {
      code: 'supervision',
      label: '监督和救济',
      indicators: [
        { code: 'supervision.annual_report', label: '年度报告按时发布、内容完整', points: 5, method: 'judged' },
        { code: 'supervision.assistance', label: '行政协助按时办理', points: 4, method: 'computed', measure: 'assistance.late_handling', perOccurrence: 2 },
        { code: 'supervision.catalogue', label: '公共数据资源按更新频率更新', points: 2, method: 'computed', measure: 'catalogue.stale_entries', perOccurrence: 1 },
        { code: 'supervision.training', label: '监督考核、培训和责任追究', points: 4, method: 'judged' },
      ],
    },
  ],
  vetoes: [{ code: 'veto.secret', label: '发生泄露国家秘密或因公开不当造成严重不良影响的事件' }],
  bonus: { label: '创新做法和突出成效(加分)', max: 5, threshold: 80 },
  grades: [
    { label: '优秀', min: 90 },
    { label: '良好', min: 80 },
  ],
};
