export * from './reminders.rules.ts';
export * from './reminders.service.ts';
export * from './reminders.types.ts';
