export { parseCalendarFile } from './calendar.file.rules.ts';
export type { LoadedYear } from './calendar.repository.ts';
export { buildWorkingCalendar, chineseDate, dayNumberOf, isoDateOf, todayInChina, type WorkingCalendar } from './calendar.rules.ts';
export { createCalendarService, type CalendarService } from './calendar.service.ts';
export type { CalendarException, CalendarYear, DayInfo, DueDate } from './calendar.types.ts';
