import { AppError } from '../../core/errors.ts';
import { actionLabels, channels, replyCategories, requestStates, type Channel, type ReplyCategory, type RequestAction, type RequestState } from './disclosure.types.ts';

/**
 * The request's state machine: for each state, the actions allowed in it and
 * the state each leads to. Anything else is refused with the reason.
 * Consultations, the extension and reviews do not change the state: they act
 * on the clock, or are recorded against the request.
 */
const transitions: Record<RequestState, Partial<Record<RequestAction, RequestState>>> = {
  received: {
    request_correction: 'correction_requested',
    consult: 'received',
    answer_consultation: 'received',
    extend: 'received',
    send_fee_notice: 'awaiting_fee',
    reply: 'replied',
  },
  correction_requested: { receive_correction: 'received', lapse_correction: 'closed' },
  awaiting_fee: { receive_fee: 'received', lapse_fee: 'closed', answer_consultation: 'awaiting_fee' },
  replied: { deliver: 'delivered', record_review: 'replied' },
  delivered: { close: 'closed', record_review: 'delivered' },
  closed: { record_review: 'closed' },
};

export function allowedActions(state: RequestState): RequestAction[] {
  return Object.keys(transitions[state]) as RequestAction[];
}

/** The state an action leads to, or a refusal naming what is allowed instead. */
export function nextState(state: RequestState, action: RequestAction): RequestState {
  const next = Object.hasOwn(transitions[state], action) ? transitions[state][action] : undefined;
  if (!next) {
    const allowed = allowedActions(state).map((a) => actionLabels[a]).join('、');
    throw new AppError('invalid_transition', `申请当前“${requestStates[state]}”,不能${actionLabels[action]}(可以:${allowed || '无'})`, { state, action });
  }
  return next;
}

/**
 * 《条例》第三十一条: the date of receipt by channel. In person and on this
 * platform (whose receipt is the confirmation both sides see): the day it was
 * handed in. Signed-for mail: the day it was signed for. Ordinary mail: the day
 * the agency confirmed it with the applicant. Fax and e-mail: the day both
 * sides confirmed it.
 */
export function receiptDate(channel: Channel, dates: { submittedOn: string; signedOn?: string | null; confirmedOn?: string | null }): string {
  if (channel === 'online' || channel === 'in_person') return dates.submittedOn;
  const date = channel === 'mail_signed' ? dates.signedOn : dates.confirmedOn;
  if (!date) {
    const what = channel === 'mail_signed' ? '签收日期' : '与申请人确认的日期';
    throw new AppError('validation_failed', `${channels[channel]}的申请须填写${what}(《条例》第三十一条)`, { channel });
  }
  if (date < dates.submittedOn) throw new AppError('validation_failed', `${date} 早于申请提交日期 ${dates.submittedOn}`);
  return date;
}

/**
 * 国办函〔2020〕109号, per item (按件): one applicant's requests in a calendar
 * month; the 1st to 10th are free, the 11th to 30th cost 100 yuan each, and
 * each further block of 10 costs 100 yuan more per request.
 */
export function perItemFee(nthInMonth: number): number {
  if (!Number.isInteger(nthInMonth) || nthInMonth < 1) throw new AppError('validation_failed', '件数应为正整数');
  if (nthInMonth <= 10) return 0;
  if (nthInMonth <= 30) return 100;
  return 100 + 100 * Math.ceil((nthInMonth - 30) / 10);
}

/**
 * 国办函〔2020〕109号, per volume (按量), within one request: up to 30 pages
 * free; pages 31-100 at 10 yuan, 101-200 at 20, beyond 200 at 40 (each band
 * charged on the pages within it).
 */
export function perVolumeFee(pages: number): number {
  if (!Number.isInteger(pages) || pages < 0) throw new AppError('validation_failed', '页数应为非负整数');
  const band = (from: number, to: number) => Math.max(0, Math.min(pages, to) - from);
  return band(30, 100) * 10 + band(100, 200) * 20 + band(200, Number.POSITIVE_INFINITY) * 40;
}

/** A reply names its category, the sub-reason where the category has them, and its legal basis. */
export function checkReply(category: string, reason: string | null, basis: string): { category: ReplyCategory; reason: string | null } {
  // Own keys only: `toString` or `constructor` are not categories, whatever the table inherits.
  if (!Object.hasOwn(replyCategories, category)) throw new AppError('validation_failed', `category:未知的答复类型「${category}」`);
  const { label, reasons } = replyCategories[category as ReplyCategory];
  const known = reasons as Record<string, string>;
  const needsReason = Object.keys(known).length > 0;
  if (needsReason && (!reason || !Object.hasOwn(known, reason))) throw new AppError('validation_failed', `「${label}」须选择具体理由`);
  if (!needsReason && reason) throw new AppError('validation_failed', `「${label}」不需要理由`);
  if (!basis.trim()) throw new AppError('validation_failed', '答复须写明法律依据');
  return { category: category as ReplyCategory, reason: needsReason ? reason : null };
}
