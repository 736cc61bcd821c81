import { recordAudit, type Actor } from '../../core/audit/audit.ts';
import type { StaffUser } from '../../core/auth/auth.types.ts';
import type { Database } from '../../core/db/database.ts';
import { AppError } from '../../core/errors.ts';
import { formSchema } from '../../core/forms/form.fields.ts';
import { parseInput } from '../../core/validation.ts';
import { findAgencyByName, readAgency } from '../agencies/index.ts';
import { applicantTypes, reviewOutcomes, type DisclosureService } from '../disclosure/index.ts';
import { publishForm, reportTextForm } from './report.actions.ts';
import { documentsCounted, libraryCounts, publicationsByMonth, type DocumentCounts } from './report.active.queries.ts';
import { carriedForwardOf, reportChecks } from './report.checks.rules.ts';
import { activeTables, enteredForm, formatOfYear } from './report.formats.ts';
import { assessmentPolicy } from './assessment.policy.ts';
import * as repository from './report.repository.ts';
import { scopeOf } from './report.scope.queries.ts';
import { requestsTable, reviewTable } from './report.tables.rules.ts';
import { outcomeLabel, replyRates } from './report.tables.rules.ts';
import { formatSources, reportTextSections, type AnnualReportView, type CountedCase, type ReportTextSection, type ReportTrends } from './report.types.ts';

export interface AnnualReportService {
  /** The report as it stands: the published one frozen, a draft with live figures. Staff of the agency, or supervisors. */
  view(agencyId: number, year: number, user: StaffUser): Promise<AnnualReportView & { dueOn: string; abilities: Record<string, boolean> }>;
  /** Saves the texts and entered figures of a draft. */
  save(agencyId: number, year: number, input: unknown, user: StaffUser, actor: Actor): Promise<AnnualReportView>;
  /** The documents behind a cell of 第二十条第(一)项: the drill-down from the figure to what it counts. */
  countedDocuments(agencyId: number, year: number, kind: string, measure: string, user: StaffUser): Promise<{ id: number; title: string; docNumber: string | null; signedOn: string | null }[]>;
  /** The cases behind a cell of table 三 or 四 (drill kind `requests:<bucket>` or `review:<kind>`, measure the column), with the agency that handled each. */
  countedCases(agencyId: number, year: number, kind: string, measure: string, user: StaffUser): Promise<CountedCase[]>;
  /** The figures charted beside the report, live (also for a published report: they are not part of what is frozen). */
  trends(agencyId: number, year: number, user: StaffUser): Promise<ReportTrends>;
  /** Publishes: refused while an identity does not hold or section 一 is empty; the report is frozen as published. */
  publish(agencyId: number, year: number, input: unknown, user: StaffUser, actor: Actor): Promise<AnnualReportView>;
  /** A published report, for anyone; null when there is none. */
  published(agencyId: number, year: number): Promise<AnnualReportView | null>;
  publishedList(): Promise<repository.PublishedEntry[]>;
  /** Every published report in full, oldest year first (the open figures). */
  publishedReports(): Promise<AnnualReportView[]>;
  /** `gongkai report annual`: an agency named in full (or an alias), or every agency; live figures. */
  computeByName(year: number, agencyName: string | null): Promise<AnnualReportView>;
}

const emptyTexts = (): Record<ReportTextSection, string> => ({ overall: '', problems: '', other: '' });

export function createAnnualReportService(db: Database, disclosure: DisclosureService): AnnualReportService {
  /** Live figures for an agency and those under it (or for all agencies when `agency` is null). */
  async function compute(year: number, agency: { id: number; name: string } | null, stored: repository.StoredReport | null, lastYear: repository.StoredReport | null): Promise<AnnualReportView> {
    const format = formatOfYear(year);
    const scope = agency ? await scopeOf(db, agency.id) : null;
    // The library's counts and the requests' tables are independent: on PostgreSQL they run side by side.
    const [counts, requestTables] = await Promise.all([
      libraryCounts(db, year, scope?.issuerNames ?? null),
      scope ? disclosure.annualReportCovering(year, { agencyIds: scope.agencyIds, name: agency!.name }) : disclosure.annualReport(year),
    ]);
    const requests = requestsTable(format, requestTables);
    const review = reviewTable(requestTables);
    const entered = stored?.entered ?? {};
    const lastYearRequests = lastYear?.published?.tables.requests ?? null;
    return {
      year,
      format,
      formatSource: formatSources[format],
      agency: agency ?? { id: 0, name: '全部机关' },
      covers: scope?.covers ?? [],
      state: 'draft',
      publishedOn: null,
      texts: { ...emptyTexts(), ...(stored?.texts ?? {}) },
      lastYearTexts: lastYear ? { ...emptyTexts(), ...lastYear.texts } : null,
      entered,
      tables: { active: activeTables(format, counts, entered), requests, review },
      checks: reportChecks(requests, review, lastYearRequests ? carriedForwardOf(lastYearRequests) : null),
    };
  }

  async function agencyOf(agencyId: number) {
    const agency = await readAgency(db, agencyId);
    if (!agency) throw new AppError('not_found', '没有这个机关');
    return { id: agency.id, name: agency.name };
  }

  async function current(agencyId: number, year: number): Promise<AnnualReportView> {
    formatOfYear(year);
    const stored = await repository.readReport(db, agencyId, year);
    if (stored?.state === 'published' && stored.published) return stored.published;
    return compute(year, await agencyOf(agencyId), stored, await repository.readReport(db, agencyId, year - 1));
  }

  return {
    async view(agencyId, year, user) {
      assessmentPolicy.check(user, 'read', { agencyId });
      const report = await current(agencyId, year);
      // 《政府信息公开条例》第四十九条: departments by 31 January, governments by 31 March of the next year.
      const dueOn = (await repository.hasSubordinates(db, agencyId)) ? `${year + 1}-03-31` : `${year + 1}-01-31`;
      return { ...report, dueOn, abilities: assessmentPolicy.abilities(user, { agencyId }) };
    },

    async save(agencyId, year, input, user, actor) {
      assessmentPolicy.check(user, 'edit', { agencyId });
      const format = formatOfYear(year);
      const body = (input ?? {}) as { texts?: unknown; entered?: unknown };
      const texts = parseInput(formSchema(reportTextForm), body.texts ?? {});
      const entered = parseInput(formSchema(enteredForm(format)), body.entered ?? {}) as Record<string, number | undefined>;
      await agencyOf(agencyId);
      await db.transaction(async (tx) => {
        const before = await repository.readReport(tx, agencyId, year, { lock: true });
        if (before?.state === 'published') throw new AppError('invalid_transition', '年度报告已发布,不能修改');
        const kept = Object.fromEntries(Object.entries(entered).filter((entry): entry is [string, number] => entry[1] !== undefined));
        const cleanTexts = Object.fromEntries(Object.keys(reportTextSections).map((key) => [key, texts[key as ReportTextSection] ?? '']));
        const id = await repository.saveDraft(tx, { agencyId, year, format, texts: cleanTexts, entered: kept });
        await recordAudit(tx, actor, { action: 'assessment.report_save', subjectType: 'annual_report', subjectId: String(id), before: before ? { entered: before.entered } : undefined, after: { entered: kept, textLengths: Object.fromEntries(Object.entries(cleanTexts).map(([k, v]) => [k, v.length])) } });
      });
      return current(agencyId, year);
    },

    async countedDocuments(agencyId, year, kind, measure, user) {
      assessmentPolicy.check(user, 'read', { agencyId });
      formatOfYear(year);
      const measures: (keyof DocumentCounts)[] = ['made', 'published', 'repealed', 'inForce'];
      if ((kind !== 'rules' && kind !== 'normative') || !measures.includes(measure as keyof DocumentCounts)) throw new AppError('validation_failed', '统计项无效');
      const scope = await scopeOf(db, (await agencyOf(agencyId)).id);
      return documentsCounted(db, year, scope.issuerNames, kind, measure as keyof DocumentCounts);
    },

    async countedCases(agencyId, year, kind, measure, user) {
      assessmentPolicy.check(user, 'read', { agencyId });
      formatOfYear(year);
      const agency = await agencyOf(agencyId);
      const scope = await scopeOf(db, agency.id);
      const separator = kind.indexOf(':');
      const table = kind.slice(0, separator);
      if (separator < 0 || (table !== 'requests' && table !== 'review')) throw new AppError('validation_failed', '统计项无效');
      const cases = await disclosure.casesInReportCell(year, { agencyIds: scope.agencyIds, name: agency.name }, { table, row: kind.slice(separator + 1), column: measure });
      return cases.map((item) => ({
        id: item.id,
        trackingCode: item.trackingCode,
        receivedOn: item.receivedOn,
        finishedOn: item.finishedOn,
        decidedOn: item.decidedOn,
        agency: scope.covers[scope.agencyIds.indexOf(item.agencyId)] ?? '',
        applicant: applicantTypes[item.applicantType],
        outcome: item.finishedOn === null ? '办理中' : outcomeLabel(item.replyCategory, item.replyReason),
        review: item.reviewOutcome === undefined ? undefined : reviewOutcomes[item.reviewOutcome as keyof typeof reviewOutcomes],
      }));
    },

    async trends(agencyId, year, user) {
      assessmentPolicy.check(user, 'read', { agencyId });
      formatOfYear(year);
      const agency = await agencyOf(agencyId);
      const scope = await scopeOf(db, agency.id);
      const [replies, publishedByMonth] = await Promise.all([
        disclosure.repliesByMonth(year, { agencyIds: scope.agencyIds, name: agency.name }),
        publicationsByMonth(db, year, scope.issuerNames),
      ]);
      return { ...replyRates(replies, scope), publishedByMonth };
    },

    async publish(agencyId, year, input, user, actor) {
      assessmentPolicy.check(user, 'publish', { agencyId });
      const { on } = parseInput(formSchema(publishForm), input);
      const report = await current(agencyId, year);
      if (report.state === 'published') throw new AppError('invalid_transition', '年度报告已发布');
      const failing = report.checks.filter((check) => !check.ok);
      if (failing.length > 0) throw new AppError('validation_failed', `年度报告的数据不平衡,不能发布:${failing.map((check) => `${check.name}(${check.detail ?? ''})`).join(';')}`, { checks: failing });
      if (report.texts.overall.trim() === '') throw new AppError('validation_failed', '请先填写「一、总体情况」');
      const missing = report.tables.active.flatMap((table) => table.rows.filter((row) => row.cells.some((cell) => cell === null)).map((row) => row.label));
      if (missing.length > 0) throw new AppError('validation_failed', `请先填写第二部分的数字:${missing.join('、')}(没有的填 0)`);
      await db.transaction(async (tx) => {
        const stored = await repository.readReport(tx, agencyId, year, { lock: true });
        if (!stored) throw new AppError('invalid_transition', '请先保存年度报告');
        if (stored.state === 'published') throw new AppError('invalid_transition', '年度报告已发布');
        const published: AnnualReportView = { ...report, state: 'published', publishedOn: on, lastYearTexts: null };
        await repository.markPublished(tx, stored.id, on, actor.id, published);
        await recordAudit(tx, actor, { action: 'assessment.report_publish', subjectType: 'annual_report', subjectId: String(stored.id), after: { on, checks: report.checks.length } });
      });
      return current(agencyId, year);
    },

    async published(agencyId, year) {
      const stored = await repository.readReport(db, agencyId, year);
      return stored?.state === 'published' ? stored.published : null;
    },

    publishedList: () => repository.listPublished(db),
    publishedReports: () => repository.readAllPublished(db),

    async computeByName(year, agencyName) {
      if (agencyName === null) return compute(year, null, null, null);
      const id = await findAgencyByName(db, agencyName);
      if (id === null) throw new AppError('not_found', `机关名录中没有「${agencyName}」`);
      return current(id, year);
    },
  };
}
