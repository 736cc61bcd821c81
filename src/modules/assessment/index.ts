export { assessmentModule } from './assessment.module.ts';
export type { AnnualReportService } from './report.service.ts';
export type { AnnualReportView, ReportCheck, ReportFormat, ReportTable } from './report.types.ts';
