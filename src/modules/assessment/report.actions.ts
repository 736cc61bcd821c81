import { declareForm, type FormValues } from '../../core/forms/form.fields.ts';

/** The sections of the report the agency writes (一、五、六); the tables are counted or entered (report.formats.ts). */
export const reportTextForm = declareForm({
  overall: { kind: 'text', label: '一、总体情况', max: 20000, multiline: true, optional: true },
  problems: { kind: 'text', label: '五、存在的主要问题及改进情况', max: 20000, multiline: true, optional: true },
  other: { kind: 'text', label: '六、其他需要报告的事项(含信息处理费收取情况)', max: 20000, multiline: true, optional: true },
});
export type ReportTexts = FormValues<typeof reportTextForm>;

export const publishForm = declareForm({ on: { kind: 'date', label: '发布日期' } });
