import { recordAudit, type Actor } from '../../core/audit/audit.ts';
import type { StaffUser } from '../../core/auth/auth.types.ts';
import { todayInChina } from '../../core/calendar/index.ts';
import type { Database } from '../../core/db/database.ts';
import { AppError } from '../../core/errors.ts';
import { formSchema } from '../../core/forms/form.fields.ts';
import type { Measure, MeasureOccurrence } from '../../core/module.ts';
import { parseInput } from '../../core/validation.ts';
import { readAgency } from '../agencies/index.ts';
import { adjustmentForm, judgementForm, resultsPublishForm, schemeChangeForm, schemeSchema } from './assessment.input.ts';
import { assessmentPolicy } from './assessment.policy.ts';
import * as repository from './assessment.repository.ts';
import { defaultScheme, type Scheme } from './assessment.scheme.ts';
import { scoreAgency, type AgencyScore } from './assessment.scoring.rules.ts';

export interface AssessmentRun {
  year: number;
  root: { id: number; name: string };
  scheme: { version: number; definition: Scheme };
  /** What each computed indicator counts, by measure code. */
  measures: Record<string, { label: string; source: string }>;
  scores: AgencyScore[];
  published: repository.PublishedResults | null;
}

export interface AssessmentService {
  scheme(year: number): Promise<{ version: number; definition: Scheme; versions: Awaited<ReturnType<typeof repository.schemeVersions>> }>;
  changeScheme(year: number, input: unknown, user: StaffUser, actor: Actor): Promise<number>;
  /** Every agency's score under a government (supervisors), or the reader's own agency's (its staff). */
  run(year: number, rootAgencyId: number, user: StaffUser, today?: string): Promise<AssessmentRun>;
  judge(year: number, agencyId: number, input: unknown, user: StaffUser, actor: Actor): Promise<void>;
  adjust(year: number, agencyId: number, input: unknown, user: StaffUser, actor: Actor): Promise<void>;
  publish(year: number, rootAgencyId: number, input: unknown, user: StaffUser, actor: Actor): Promise<repository.PublishedResults>;
  results(year: number, rootAgencyId: number): Promise<repository.PublishedResults | null>;
  resultsList(): ReturnType<typeof repository.listResults>;
  /** Every published result with its scores, oldest year first (the open figures). */
  allResults(): Promise<repository.PublishedResults[]>;
}

const checkYear = (year: number) => {
  if (!Number.isInteger(year) || year < 2008 || year > 2100) throw new AppError('validation_failed', `年份「${year}」无效`);
};

export function createAssessmentService(db: Database, measures: Readonly<Record<string, Measure>>): AssessmentService {
  async function currentScheme(year: number) {
    const stored = await repository.latestScheme(db, year);
    return stored ? { version: stored.version, definition: stored.definition } : { version: 0, definition: defaultScheme };
  }

  /** Every indicator, veto and bonus code a judgement may name, with its maximum. */
  const judgeable = (scheme: Scheme) =>
    new Map<string, number>([
      ...scheme.dimensions.flatMap((d) => d.indicators.filter((i) => i.method === 'judged').map((i) => [i.code, i.points] as [string, number])),
      ...scheme.vetoes.map((v) => [v.code, 1] as [string, number]),
      ['bonus', scheme.bonus.max],
    ]);

  async function compute(year: number, rootAgencyId: number, today: string) {
    const root = await readAgency(db, rootAgencyId);
    if (!root) throw new AppError('not_found', '没有这个机关');
    const scheme = await currentScheme(year);
    const used = [...new Set(scheme.definition.dimensions.flatMap((d) => d.indicators.map((i) => i.measure).filter((m): m is string => m !== undefined)))];
    // The measures are independent queries: run together, not one after another.
    const counted = await Promise.all(used.map((code) => (Object.hasOwn(measures, code) ? measures[code]!.occurrences(db, year, today) : Promise.resolve([]))));
    const agencies = await repository.assessedAgencies(db, rootAgencyId);
    const judgements = await repository.judgementsOf(db, year);
    const adjustments = await repository.adjustmentsOf(db, year);
    // Each agency's occurrences grouped once (not every occurrence filtered again for each agency).
    const byAgency = new Map<number, Map<string, MeasureOccurrence[]>>();
    used.forEach((code, i) => {
      for (const occurrence of counted[i]!) {
        const ofAgency = byAgency.get(occurrence.agencyId) ?? byAgency.set(occurrence.agencyId, new Map()).get(occurrence.agencyId)!;
        (ofAgency.get(code) ?? ofAgency.set(code, []).get(code)!).push(occurrence);
      }
    });
    const scores = agencies
      .map((agency) =>
        scoreAgency(
          scheme.definition,
          agency,
          byAgency.get(agency.id) ?? new Map(),
          judgements.filter((j) => j.agencyId === agency.id),
          adjustments.filter((a) => a.agencyId === agency.id),
        ),
      )
      .sort((a, b) => b.total - a.total || a.agencyName.localeCompare(b.agencyName, 'zh'));
    return { root: { id: root.id, name: root.name }, scheme, scores, used };
  }

  return {
    async scheme(year) {
      checkYear(year);
      return { ...(await currentScheme(year)), versions: await repository.schemeVersions(db, year) };
    },

    async changeScheme(year, input, user, actor) {
      assessmentPolicy.check(user, 'assess');
      checkYear(year);
      const body = (input ?? {}) as { definition?: unknown; reason?: unknown };
      const definition = parseInput(schemeSchema, body.definition) as Scheme;
      const { reason } = parseInput(formSchema(schemeChangeForm), { reason: body.reason });
      const problems: string[] = [];
      const total = definition.dimensions.flatMap((d) => d.indicators).reduce((sum, i) => sum + i.points, 0);
      if (Math.abs(total - 100) > 0.001) problems.push(`各指标分值之和应为 100,现为 ${total}`);
      for (const indicator of definition.dimensions.flatMap((d) => d.indicators)) {
        if (indicator.method === 'computed' && (!indicator.measure || !Object.hasOwn(measures, indicator.measure))) problems.push(`指标「${indicator.label}」的统计口径「${indicator.measure ?? ''}」不存在`);
      }
      const codes = [...definition.dimensions.flatMap((d) => d.indicators.map((i) => i.code)), ...definition.vetoes.map((v) => v.code)];
      const repeated = codes.find((c, i) => codes.indexOf(c) !== i);
      if (repeated) problems.push(`指标代码「${repeated}」重复`);
      if (problems.length > 0) throw new AppError('validation_failed', problems.join(';'));
      return db.transaction(async (tx) => {
        const version = await repository.insertScheme(tx, year, definition, reason, actor.id);
        await recordAudit(tx, actor, { action: 'assessment.scheme_change', subjectType: 'assessment_scheme', subjectId: String(year), after: { version, reason } });
        return version;
      });
    },

    async run(year, rootAgencyId, user, today = todayInChina()) {
      checkYear(year);
      const { root, scheme, scores, used } = await compute(year, rootAgencyId, today);
      const visible = assessmentPolicy.can(user, 'assess') ? scores : scores.filter((score) => assessmentPolicy.can(user, 'read', { agencyId: score.agencyId }));
      if (visible.length === 0) throw new AppError('forbidden', assessmentPolicy.rules.assess.refusal);
      return {
        year,
        root,
        scheme,
        measures: Object.fromEntries(used.filter((code) => Object.hasOwn(measures, code)).map((code) => [code, { label: measures[code]!.label, source: measures[code]!.source }])),
        scores: visible,
        published: await repository.readResults(db, year, rootAgencyId),
      };
    },

    async judge(year, agencyId, input, user, actor) {
      assessmentPolicy.check(user, 'assess');
      checkYear(year);
      const judgement = parseInput(formSchema(judgementForm), input);
      const max = judgeable((await currentScheme(year)).definition).get(judgement.indicator);
      if (max === undefined) throw new AppError('validation_failed', `指标「${judgement.indicator}」不是由评估人员评分的指标`);
      if (judgement.points > max) throw new AppError('validation_failed', `得分不能超过该项的 ${max} 分`);
      if (!(await readAgency(db, agencyId))) throw new AppError('not_found', '没有这个机关');
      await db.transaction(async (tx) => {
        const before = await repository.upsertJudgement(tx, year, agencyId, judgement, actor.id);
        await recordAudit(tx, actor, { action: 'assessment.judge', subjectType: 'agency', subjectId: String(agencyId), before: before ?? undefined, after: { year, ...judgement } });
      });
    },

    async adjust(year, agencyId, input, user, actor) {
      assessmentPolicy.check(user, 'assess');
      checkYear(year);
      const { points, reason } = parseInput(formSchema(adjustmentForm), input);
      if (points === 0) throw new AppError('validation_failed', '调整分值不能为 0');
      if (!(await readAgency(db, agencyId))) throw new AppError('not_found', '没有这个机关');
      await db.transaction(async (tx) => {
        await repository.insertAdjustment(tx, year, agencyId, points, reason, actor.id);
        await recordAudit(tx, actor, { action: 'assessment.adjust', subjectType: 'agency', subjectId: String(agencyId), after: { year, points, reason } });
      });
    },

    async publish(year, rootAgencyId, input, user, actor) {
      assessmentPolicy.check(user, 'assess');
      checkYear(year);
      const { on } = parseInput(formSchema(resultsPublishForm), input);
      const { scores } = await compute(year, rootAgencyId, on);
      const open = scores.filter((score) => score.provisional).map((score) => score.agencyName);
      if (open.length > 0) throw new AppError('validation_failed', `以下机关还有指标未评分,不能发布:${open.slice(0, 10).join('、')}${open.length > 10 ? ` 等 ${open.length} 个` : ''}`);
      const results: repository.PublishedScore[] = scores.map((score) => ({
        agencyId: score.agencyId,
        agencyName: score.agencyName,
        kind: score.kind,
        dimensions: score.dimensions.map((d) => ({ label: d.label, points: d.points, score: d.score })),
        total: score.total,
        grade: score.grade,
      }));
      await db.transaction(async (tx) => {
        const id = await repository.insertResults(tx, year, rootAgencyId, on, actor.id, results);
        if (id === null) throw new AppError('invalid_transition', '本年度的考核评估结果已经发布');
        await recordAudit(tx, actor, { action: 'assessment.publish_results', subjectType: 'assessment_result', subjectId: String(id), after: { year, agencies: results.length, on } });
      });
      return (await repository.readResults(db, year, rootAgencyId))!;
    },

    results: (year, rootAgencyId) => repository.readResults(db, year, rootAgencyId),
    resultsList: () => repository.listResults(db),
    allResults: () => repository.readAllResults(db),
  };
}
