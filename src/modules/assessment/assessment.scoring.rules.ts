import type { MeasureOccurrence } from '../../core/module.ts';
import type { Indicator, Scheme } from './assessment.scheme.ts';

/** An agency's score on one indicator, with what it is made of. */
export interface IndicatorScore {
  code: string;
  label: string;
  points: number;
  method: Indicator['method'];
  /** null: judged and not judged yet; the total is provisional until every one is. */
  score: number | null;
  /** Computed: every occurrence that cost points. */
  occurrences: MeasureOccurrence[];
  /** Judged: the assessor's evidence. */
  evidence: string | null;
}

export interface AgencyScore {
  agencyId: number;
  agencyName: string;
  kind: 'government' | 'department';
  dimensions: { code: string; label: string; points: number; score: number; indicators: IndicatorScore[] }[];
  /** Out of 100, after rescaling when some indicators do not apply. */
  base: number;
  bonus: number;
  adjustments: { points: number; reason: string }[];
  total: number;
  vetoed: string | null;
  grade: string | null;
  /** Some judged indicator is still open. */
  provisional: boolean;
}

export interface Judgement {
  indicator: string;
  points: number;
  evidence: string;
}

const round = (value: number) => Math.round(value * 100) / 100;

const applies = (indicator: Indicator, kind: AgencyScore['kind']) => !indicator.appliesTo || indicator.appliesTo === 'all' || indicator.appliesTo === kind;

/**
 * One agency's score under a scheme: computed indicators lose `perOccurrence`
 * for each occurrence of their measure, never below zero; judged ones take the
 * assessor's points; indicators that do not apply to the agency's kind are
 * left out and the rest rescaled to 100; bonus points count only when the base
 * reaches the threshold; adjustments are added with their reasons; a veto
 * voids the grade.
 */
export function scoreAgency(
  scheme: Scheme,
  agency: { id: number; name: string; kind: AgencyScore['kind'] },
  occurrencesByMeasure: ReadonlyMap<string, MeasureOccurrence[]>,
  judgements: readonly Judgement[],
  adjustments: readonly { points: number; reason: string }[],
): AgencyScore {
  const judged = new Map(judgements.map((j) => [j.indicator, j]));
  let possible = 0;
  let earned = 0;
  let provisional = false;
  const dimensions = scheme.dimensions.map((dimension) => {
    const indicators = dimension.indicators
      .filter((indicator) => applies(indicator, agency.kind))
      .map((indicator): IndicatorScore => {
        possible += indicator.points;
        if (indicator.method === 'computed') {
          const occurrences = (occurrencesByMeasure.get(indicator.measure ?? '') ?? []).filter((o) => o.agencyId === agency.id);
          const score = Math.max(0, indicator.points - occurrences.length * (indicator.perOccurrence ?? 1));
          earned += score;
          return { code: indicator.code, label: indicator.label, points: indicator.points, method: 'computed', score, occurrences, evidence: null };
        }
        const judgement = judged.get(indicator.code);
        if (!judgement) provisional = true;
        const score = judgement ? Math.min(indicator.points, Math.max(0, judgement.points)) : null;
        earned += score ?? 0;
        return { code: indicator.code, label: indicator.label, points: indicator.points, method: 'judged', score, occurrences: [], evidence: judgement?.evidence ?? null };
      });
    return {
      code: dimension.code,
      label: dimension.label,
      points: indicators.reduce((sum, i) => sum + i.points, 0),
      score: round(indicators.reduce((sum, i) => sum + (i.score ?? 0), 0)),
      indicators,
    };
  });
  const base = possible === 0 ? 0 : round((earned / possible) * 100);
  const bonusJudgement = judged.get('bonus');
  const bonus = bonusJudgement && base >= scheme.bonus.threshold ? Math.min(scheme.bonus.max, Math.max(0, bonusJudgement.points)) : 0;
  const total = round(Math.min(100 + scheme.bonus.max, Math.max(0, base + bonus + adjustments.reduce((sum, a) => sum + a.points, 0))));
  const veto = scheme.vetoes.find((v) => (judged.get(v.code)?.points ?? 0) > 0);
  const grade = veto ? null : (scheme.grades.find((g) => total >= g.min)?.label ?? null);
  return { agencyId: agency.id, agencyName: agency.name, kind: agency.kind, dimensions, base, bonus, adjustments: [...adjustments], total, vetoed: veto?.label ?? null, grade, provisional };
}
