export type { ClockSubject } from './clock.repository.ts';
export { appendClockEvent, evaluateClock, explainClock } from './clock.rules.ts';
export { createClockService, type ClockContext, type ClockService } from './clock.service.ts';
export type { ClockDay, ClockEvent, ClockExplanation, ClockExtension, ClockPause, ClockState, ClockStatus, DeadlineRule } from './clock.types.ts';
export { runningClocksDue } from './clock.due.sql.ts';
