import type { DeadlineRule } from '../../core/clock/index.ts';
import { AppError } from '../../core/errors.ts';
import { requestActionLabels, requestStates, type AssistanceForm, type RequestAction, type RequestState } from './assistance.types.ts';

const measures = '沪府发〔2017〕17号《上海市行政协助管理办法(试行)》';

/** The time limits of Art. 18 (003 L190-194), each with its source line. */
export const assistanceDeadlineRules: readonly DeadlineRule[] = [
  { code: 'assistance.request', label: '提出行政协助请求期限(障碍发生后)', limit: 10, unit: 'working_days', source: `${measures}第十八条第一款(003 L192)`, extension: null },
  { code: 'assistance.request_emergency', label: '紧急情形下提出协助请求期限(障碍发生当日)', limit: 0, unit: 'working_days', source: `${measures}第十八条第一款(003 L192)`, extension: null },
  {
    code: 'assistance.handle',
    label: '行政协助办理期限(自受理之日起)',
    limit: 10,
    unit: 'working_days',
    source: `${measures}第十八条第二款(003 L194)`,
    extension: { times: 1, maxDays: 30, source: `${measures}第十八条第二款“法律、法规另有规定的,依照其规定”(003 L194):延长须注明所依据的法律、法规` },
  },
  {
    code: 'assistance.handle_complex',
    label: '协助执行、调查、出具意见办理期限(自受理之日起)',
    limit: 30,
    unit: 'working_days',
    source: `${measures}第十八条第二款(003 L194)`,
    extension: { times: 1, maxDays: 30, source: `${measures}第十八条第二款“法律、法规另有规定的,依照其规定”(003 L194):延长须注明所依据的法律、法规` },
  },
];

/** Execution, investigation and opinions have 30 working days; the other forms 10 (Art. 18). */
export const handleRuleOf = (form: AssistanceForm) => (form === 'execution' || form === 'investigation' || form === 'opinion' ? 'assistance.handle_complex' : 'assistance.handle');
/** The request is due within 10 working days of the obstacle, on the same day in an emergency (Art. 18). */
export const requestRuleOf = (emergency: boolean) => (emergency ? 'assistance.request_emergency' : 'assistance.request');

/** Early warning (Art. 24): an open clock due within this many working days. */
export const warningWorkingDays = 3;

/**
 * A request's state machine: for each state, the actions allowed and the
 * state each leads to. Forwarding, extending, completing the formalities and
 * changing the requested agency keep the state; the rating follows completion.
 */
const transitions: Record<RequestState, Partial<Record<RequestAction, RequestState>>> = {
  submitted: { accept: 'accepted', refuse: 'refused', forward: 'submitted', complete: 'completed', complete_formalities: 'submitted', change_agency: 'submitted', withdraw: 'withdrawn' },
  accepted: { complete: 'completed', extend: 'accepted', complete_formalities: 'accepted', withdraw: 'withdrawn' },
  refused: { dispute: 'disputed' },
  disputed: { escalate: 'disputed', resolve_assist: 'accepted', resolve_uphold: 'upheld' },
  completed: { rate: 'completed' },
  upheld: {},
  withdrawn: {},
};

/**
 * Who acts: the requested agency, the requesting agency, either party, or
 * whoever settles the dispute at its current stage (the parties when
 * negotiating; the superior or the staffing office after).
 */
export const actionSides: Record<RequestAction, 'requested' | 'requesting' | 'party' | 'arbiter'> = {
  accept: 'requested',
  refuse: 'requested',
  forward: 'requested',
  complete: 'requested',
  extend: 'requested',
  complete_formalities: 'requesting',
  change_agency: 'requesting',
  withdraw: 'requesting',
  dispute: 'requesting',
  escalate: 'party',
  resolve_assist: 'arbiter',
  resolve_uphold: 'arbiter',
  rate: 'requesting',
};

export function allowedRequestActions(state: RequestState): RequestAction[] {
  return Object.keys(transitions[state]) as RequestAction[];
}

export function nextRequestState(state: RequestState, action: RequestAction): RequestState {
  const next = Object.hasOwn(transitions[state], action) ? transitions[state][action] : undefined;
  if (!next) {
    const allowed = allowedRequestActions(state).map((a) => requestActionLabels[a]).join('、');
    throw new AppError('invalid_transition', `协助请求当前“${requestStates[state]}”,不能${requestActionLabels[action]}(可以:${allowed || '无'})`, { state, action });
  }
  return next;
}

/** A non-written request is an emergency one, whose formalities are completed afterwards (Art. 9). */
export function checkChannel(channel: string, emergency: boolean): void {
  if (channel !== 'written' && !emergency) throw new AppError('validation_failed', '非紧急情形应当提交书面请求(第九条);口头、电话、传真、电子邮件方式仅限紧急情形');
}

/** Where a clock stands for the monitor: overdue, due within the warning window, or on time. */
export function warningOf(dueOn: string | null, today: string, warnUntil: string): 'overdue' | 'due_soon' | 'normal' | null {
  if (dueOn === null) return null;
  if (dueOn < today) return 'overdue';
  return dueOn <= warnUntil ? 'due_soon' : 'normal';
}

/** The median of some numbers, null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
