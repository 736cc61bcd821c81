export { createDisclosureService, type CaseFile, type Deadlines, type DisclosureService, type Receipt, type Tracking } from './disclosure.service.ts';
export type { AgencyDeadlines, DeadlineCounts, DeadlineItem, ListedRequest } from './disclosure.queries.ts';
export { perItemFee, perVolumeFee, allowedActions } from './disclosure.rules.ts';
export * from './disclosure.types.ts';
export { noticeKinds, type Notice, type NoticeKind } from './disclosure.notices.rules.ts';
export { reportColumnLabels, reportColumns, reportCsv, type AnnualReport, type CountedRequest, type MonthlyReplies, type ReportCell, type ReportRow } from './disclosure.report.queries.ts';
export { idTypeLabel, idTypes, type IdType } from './disclosure.identity.rules.ts';
export { maxReplyFileBytes, replyFileTypes, disclosesInformation } from './disclosure.reply.rules.ts';
