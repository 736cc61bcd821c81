import { AppError } from '../../core/errors.ts';
import { messageActionLabels, messageStates, type MessageAction, type MessageState } from './participation.types.ts';

/**
 * A message's state machine, in the same form as a disclosure request's: for
 * each state, the actions allowed and the state each leads to. Marking a
 * message simple and transferring it keep its state (they act on the clock
 * and the handling agency).
 */
const transitions: Record<MessageState, Partial<Record<MessageAction, MessageState>>> = {
  received: { accept: 'accepted', mark_simple: 'accepted', transfer: 'received', merge: 'merged', reply: 'replied' },
  accepted: { mark_simple: 'accepted', transfer: 'received', merge: 'merged', reply: 'replied' },
  replied: { publish: 'published', withhold: 'closed' },
  published: {},
  closed: {},
  merged: {},
};

export function allowedMessageActions(state: MessageState): MessageAction[] {
  return Object.keys(transitions[state]) as MessageAction[];
}

export function nextMessageState(state: MessageState, action: MessageAction): MessageState {
  const next = Object.hasOwn(transitions[state], action) ? transitions[state][action] : undefined;
  if (!next) {
    const allowed = allowedMessageActions(state).map((a) => messageActionLabels[a]).join('、');
    throw new AppError('invalid_transition', `留言当前“${messageStates[state]}”,不能${messageActionLabels[action]}(可以:${allowed || '无'})`, { state, action });
  }
  return next;
}

/** The reply clock's rule: 5 working days, 1 for a simple question (001 L384). */
export const replyRuleOf = (simple: boolean) => (simple ? 'interaction.simple_reply' : 'interaction.reply');
