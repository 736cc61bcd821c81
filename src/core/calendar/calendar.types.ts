/** A day that differs from the weekday/weekend rule: a holiday, or a make-up working day (调休上班). */
export interface CalendarException {
  date: string;
  kind: 'holiday' | 'workday';
  /** The holiday it belongs to (春节, 国庆节 …). */
  name: string;
}

/** One year of the official calendar, as loaded, with where it came from. */
export interface CalendarYear {
  year: number;
  /** The notice or package the days were taken from (e.g. 国办发明电〔2024〕12号). */
  source: string;
  days: CalendarException[];
}

export interface DayInfo {
  date: string;
  working: boolean;
  kind: 'weekday' | 'weekend' | 'holiday' | 'workday';
  name: string | null;
  /** The year's holiday notice is not loaded: weekends alone decided. */
  estimated: boolean;
}

export interface DueDate {
  date: string;
  /** Some day counted lies in a year whose holiday notice is not loaded. */
  estimated: boolean;
  unloadedYears: number[];
}
