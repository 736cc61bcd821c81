export { defaultDeadlineRules } from './clock.defaults.ts';
export { appendClockEvent, evaluateClock, explainClock } from './clock.rules.ts';
export type { ClockDay, ClockEvent, ClockExplanation, ClockExtension, ClockPause, ClockState, ClockStatus, DeadlineRule } from './clock.types.ts';
