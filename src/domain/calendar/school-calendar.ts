import { err, ok, type Result } from '../result.ts';
import {
  academicYearOf,
  fromDayNumber,
  isIsoDate,
  toDayNumber,
  weekdayOfDayNumber,
  type IsoDate,
} from './plain-date.ts';

export type SessionName = 'AM' | 'PM';
export const SESSIONS: readonly SessionName[] = ['AM', 'PM'];

export interface TermInput {
  readonly name: string;
  readonly start: IsoDate;
  readonly end: IsoDate;
}

export interface ClosureInput {
  readonly date: IsoDate;
  /** Last closed day, inclusive; absent for a single day. */
  readonly to?: IsoDate | undefined;
  readonly reason: string;
}

export interface CalendarInput {
  readonly terms: readonly TermInput[];
  readonly closures: readonly ClosureInput[];
}

export interface Term {
  readonly name: string;
  readonly start: IsoDate;
  readonly end: IsoDate;
  /** Year in which the term's academic year starts (2024 for 2024/25). */
  readonly academicYear: number;
  /** Index of the term's first and last school day; firstDay > lastDay when it has none. */
  readonly firstDay: number;
  readonly lastDay: number;
}

/** A Monday-to-Sunday week that holds at least one school day. */
export interface SchoolWeek {
  readonly monday: IsoDate;
  readonly firstDay: number;
  readonly lastDay: number;
}

/**
 * A school's calendar compiled for fast lookups. School days are numbered 0..n-1 in date order;
 * session index = day index * 2 + (PM ? 1 : 0).
 */
export interface SchoolCalendar {
  readonly terms: readonly Term[];
  readonly closures: readonly ClosureInput[];
  readonly days: readonly IsoDate[];
  readonly dayNumbers: Int32Array;
  /** School-week ordinal of each day (weeks without school days are skipped). */
  readonly dayWeek: Int32Array;
  /** Term ordinal of each day. */
  readonly dayTerm: Int32Array;
  /** Academic year (start year) of each day. */
  readonly dayAcademicYear: Int32Array;
  /** Calendar month of each day as year * 12 + (month - 1). */
  readonly dayMonth: Int32Array;
  readonly weeks: readonly SchoolWeek[];
  readonly dayIndexByDate: ReadonlyMap<IsoDate, number>;
}

export interface CalendarProblem {
  readonly field: string;
  readonly message: string;
}

/** Compile terms and closures into a school calendar, or list every problem with them. */
export function buildSchoolCalendar(
  input: CalendarInput,
): Result<SchoolCalendar, CalendarProblem[]> {
  const problems: CalendarProblem[] = [];
  input.terms.forEach((term, i) => {
    const field = `calendar.terms[${i}]`;
    if (!isIsoDate(term.start))
      problems.push({
        field: `${field}.start`,
        message: `"${term.start}" is not a valid date (YYYY-MM-DD)`,
      });
    if (!isIsoDate(term.end))
      problems.push({
        field: `${field}.end`,
        message: `"${term.end}" is not a valid date (YYYY-MM-DD)`,
      });
    if (isIsoDate(term.start) && isIsoDate(term.end) && term.end < term.start)
      problems.push({
        field,
        message: `term "${term.name}" ends (${term.end}) before it starts (${term.start})`,
      });
  });
  input.closures.forEach((closure, i) => {
    const field = `calendar.closures[${i}]`;
    if (!isIsoDate(closure.date))
      problems.push({
        field: `${field}.date`,
        message: `"${closure.date}" is not a valid date (YYYY-MM-DD)`,
      });
    if (closure.to !== undefined && !isIsoDate(closure.to))
      problems.push({
        field: `${field}.to`,
        message: `"${closure.to}" is not a valid date (YYYY-MM-DD)`,
      });
    if (
      closure.to !== undefined &&
      isIsoDate(closure.to) &&
      isIsoDate(closure.date) &&
      closure.to < closure.date
    )
      problems.push({
        field,
        message: `closure "${closure.reason}" ends (${closure.to}) before it starts (${closure.date})`,
      });
  });
  if (input.terms.length === 0)
    problems.push({ field: 'calendar.terms', message: 'the calendar needs at least one term' });
  if (problems.length > 0) return err(problems);

  const sorted = [...input.terms].sort((a, b) =>
    a.start < b.start ? -1 : a.start > b.start ? 1 : 0,
  );
  for (let i = 1; i < sorted.length; i++) {
    const previous = sorted[i - 1]!;
    const current = sorted[i]!;
    if (current.start <= previous.end)
      problems.push({
        field: 'calendar.terms',
        message: `terms "${previous.name}" and "${current.name}" overlap`,
      });
  }
  if (problems.length > 0) return err(problems);

  const closed = new Set<number>();
  for (const closure of input.closures) {
    const from = toDayNumber(closure.date);
    const to = toDayNumber(closure.to ?? closure.date);
    for (let d = from; d <= to; d++) closed.add(d);
  }

  const days: IsoDate[] = [];
  const numbers: number[] = [];
  const termOfDay: number[] = [];
  const terms: Term[] = [];
  sorted.forEach((term, termIndex) => {
    const firstDay = days.length;
    for (let d = toDayNumber(term.start), end = toDayNumber(term.end); d <= end; d++) {
      if (weekdayOfDayNumber(d) > 5 || closed.has(d)) continue;
      days.push(fromDayNumber(d));
      numbers.push(d);
      termOfDay.push(termIndex);
    }
    terms.push({
      name: term.name,
      start: term.start,
      end: term.end,
      academicYear: academicYearOf(term.start),
      firstDay,
      lastDay: days.length - 1,
    });
  });

  const count = days.length;
  const dayNumbers = Int32Array.from(numbers);
  const dayWeek = new Int32Array(count);
  const dayTerm = Int32Array.from(termOfDay);
  const dayAcademicYear = new Int32Array(count);
  const dayMonth = new Int32Array(count);
  const weeks: SchoolWeek[] = [];
  let currentMonday = Number.NaN;
  for (let i = 0; i < count; i++) {
    const dayNumber = dayNumbers[i]!;
    const monday = dayNumber - (weekdayOfDayNumber(dayNumber) - 1);
    if (monday !== currentMonday) {
      weeks.push({ monday: fromDayNumber(monday), firstDay: i, lastDay: i });
      currentMonday = monday;
    } else {
      const last = weeks[weeks.length - 1]!;
      weeks[weeks.length - 1] = { ...last, lastDay: i };
    }
    dayWeek[i] = weeks.length - 1;
    const date = days[i]!;
    dayAcademicYear[i] = academicYearOf(date);
    dayMonth[i] = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
  }

  return ok({
    terms,
    closures: input.closures,
    days,
    dayNumbers,
    dayWeek,
    dayTerm,
    dayAcademicYear,
    dayMonth,
    weeks,
    dayIndexByDate: new Map(days.map((date, i) => [date, i])),
  });
}

/** Index of `date` among the school days, or -1 when it is not a school day. */
export function schoolDayIndex(calendar: SchoolCalendar, date: IsoDate): number {
  return calendar.dayIndexByDate.get(date) ?? -1;
}

/** Number of school days on or before `date` (so the index of the first day after it). */
export function countSchoolDaysThrough(calendar: SchoolCalendar, date: IsoDate): number {
  const target = toDayNumber(date);
  let low = 0;
  let high = calendar.dayNumbers.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (calendar.dayNumbers[mid]! <= target) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Why `date` is not a school day (for error messages), or null when it is one. */
export function explainNonSchoolDay(calendar: SchoolCalendar, date: IsoDate): string | null {
  if (calendar.dayIndexByDate.has(date)) return null;
  const weekday = weekdayOfDayNumber(toDayNumber(date));
  if (weekday === 6) return 'a Saturday';
  if (weekday === 7) return 'a Sunday';
  const closure = calendar.closures.find((c) => date >= c.date && date <= (c.to ?? c.date));
  if (closure) return `a closure (${closure.reason})`;
  return 'outside every term';
}

/** Session index of a day's session. */
export function sessionIndex(dayIndex: number, session: SessionName): number {
  return dayIndex * 2 + (session === 'PM' ? 1 : 0);
}

/** The index of the first and (exclusive) end school day of an academic year. */
export function academicYearDayRange(
  calendar: SchoolCalendar,
  academicYear: number,
): { first: number; end: number } {
  return {
    first: countSchoolDaysThrough(calendar, `${academicYear}-08-31`),
    end: countSchoolDaysThrough(calendar, `${academicYear + 1}-08-31`),
  };
}
