import { chineseDate } from '../../core/calendar/index.ts';
import { AppError } from '../../core/errors.ts';
import type { Publication, PublicationAction, PublicationState } from './publication.types.ts';

/**
 * The publication's state machine: for each state, the actions allowed in it
 * and the states each may lead to (submitting is returned, published or filed
 * by what the draft says; a review keeps it filed or publishes it).
 */
const transitions: Record<PublicationState, Partial<Record<PublicationAction, readonly PublicationState[]>>> = {
  draft: { update: ['draft'], attach: ['draft'], detach: ['draft'], submit: ['returned', 'published', 'filed'] },
  returned: { update: ['returned'], attach: ['returned'], detach: ['returned'], submit: ['returned', 'published', 'filed'] },
  published: { correct: ['published'], mark_invalid: ['published'] },
  filed: { review: ['filed', 'published'] },
};

/** Why each action is refused in a state that does not allow it. */
const refusals: Record<PublicationAction, (state: PublicationState) => string> = {
  update: () => '已公开或已归档的文件不能再修改草稿;如需更正,请发布新版本',
  attach: () => '已公开或已归档的文件不能再修改附件',
  detach: () => '已公开或已归档的文件不能再修改附件',
  submit: (state) => `该文件${state === 'published' ? '已公开' : '已归档'}`,
  correct: () => '只有已公开的文件才需要发布更正版本',
  mark_invalid: () => '只有已公开的文件可以标注废止或失效',
  review: () => '只有未主动公开的文件需要复核',
};

export function allowedPublicationActions(state: PublicationState): PublicationAction[] {
  return Object.keys(transitions[state]) as PublicationAction[];
}

/** The states an action may lead to from this one, or `invalid_transition` with the reason. */
export function publicationTransition(state: PublicationState, action: PublicationAction): readonly PublicationState[] {
  const next = Object.hasOwn(transitions[state], action) ? transitions[state][action] : undefined;
  if (!next) throw new AppError('invalid_transition', refusals[action](state), { state, action });
  return next;
}

/**
 * Why a submission to publish goes back to its drafter (退文, 001 L364): no
 * disclosure attribute decided at source; "not public" without its legal
 * reason; a policy document without the interpretation that must be published
 * with it ("谁起草、谁解读", 001 L376, 002 L8-9). An empty list means it may go.
 */
export function reasonsToReturn(draft: Pick<Publication, 'attribute' | 'notPublicReason' | 'normative' | 'policy' | 'interpretationText'>): string[] {
  const reasons: string[] = [];
  if (!draft.attribute) reasons.push('未确定公开属性(主动公开、依申请公开或不予公开),公开属性应在拟文时源头认定');
  if (draft.attribute === 'not_public' && !draft.notPublicReason?.trim()) reasons.push('确定为不予公开的,须写明法定理由');
  if ((draft.normative || draft.policy) && !draft.interpretationText?.trim()) reasons.push('规范性文件和政策性文件须与解读材料同步报送(谁起草、谁解读)');
  return reasons;
}

/**
 * The published text, laid out as an official document (title, date, number,
 * addressees, body) and followed by its interpretation, so that the library's
 * own ingestion reads it, links the interpretation to its policy and indexes
 * both like any gazette document.
 */
export function publishedText(publication: Pick<Publication, 'title' | 'signedOn' | 'docNumber' | 'addressees' | 'bodyText' | 'interpretationText'>): string {
  const lines = [publication.title, `(${chineseDate(publication.signedOn)})`];
  if (publication.docNumber) lines.push(publication.docNumber);
  // Clerks often type the colon themselves (各街道办事处:): one, as printed.
  const addressees = publication.addressees?.trim().replace(/[:：]+$/, '');
  if (addressees) lines.push(`${addressees}:`);
  lines.push(publication.bodyText.trim());
  if (publication.interpretationText?.trim()) {
    const subject = /《([^》]+)》/.exec(publication.title)?.[1] ?? publication.title;
    lines.push('', `《${subject}》政策解读`, publication.interpretationText.trim());
  }
  return `${lines.join('\n')}\n`;
}

/** How long a document kept from the public may go without being reviewed again. */
export const reviewIntervalDays = 365;

export interface Queues<T> {
  /** Every January: last year's documents that were not published, to be checked again (002 L8). */
  januarySelfCheck: T[];
  /** Documents decided 不予公开 whose last review is over a year old (001 L364). */
  periodicReview: T[];
  /** Normative documents not (yet) published: not usable as a basis of administration (003 L811-813). */
  notUsableAsBasis: T[];
  /** Drafts past their 20 working days from signing. */
  publishOverdue: T[];
}

export function queuesOf<T extends Publication & { clock: { overdue: boolean; status: string } | null }>(publications: T[], today: string): Queues<T> {
  const year = Number(today.slice(0, 4));
  const yearStart = `${year}-01-01`;
  const reviewDue = new Date(Date.parse(today) - reviewIntervalDays * 86_400_000).toISOString().slice(0, 10);
  return {
    januarySelfCheck: publications.filter((p) => p.state === 'filed' && Number(p.signedOn.slice(0, 4)) === year - 1 && !(p.reviewedOn && p.reviewedOn >= yearStart)),
    periodicReview: publications.filter((p) => p.state === 'filed' && p.attribute === 'not_public' && (!p.reviewedOn || p.reviewedOn <= reviewDue)),
    notUsableAsBasis: publications.filter((p) => p.normative && p.state !== 'published'),
    publishOverdue: publications.filter((p) => (p.state === 'draft' || p.state === 'returned') && p.clock?.overdue === true),
  };
}
