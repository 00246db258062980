import type { IsoDate } from '../calendar/plain-date.ts';
import {
  explainNonSchoolDay,
  schoolDayIndex,
  type SchoolCalendar,
  type SessionName,
} from '../calendar/school-calendar.ts';
import type { Jurisdiction } from '../codes/code-table.ts';
import { codeTableFor, describeCodes, findCode } from '../codes/code-tables.ts';

/** Register opening and closing times, Europe/London wall clock 'HH:MM'. */
export interface RegisterTimes {
  readonly amOpens: string;
  readonly amCloses: string;
  readonly pmOpens: string;
  readonly pmCloses: string;
}

/** The code a late arrival gets: L up to and including the moment the register closes, U after. */
export function codeForArrival(
  times: RegisterTimes,
  session: SessionName,
  arrivedAt: string,
): '/' | '\\' | 'L' | 'U' {
  const opens = session === 'AM' ? times.amOpens : times.pmOpens;
  const closes = session === 'AM' ? times.amCloses : times.pmCloses;
  if (arrivedAt <= opens) return session === 'AM' ? '/' : '\\';
  return arrivedAt <= closes ? 'L' : 'U';
}

/** The session a wall-clock time falls in: before the afternoon register opens is the morning. */
export function sessionAt(times: RegisterTimes, time: string): SessionName {
  return time < times.pmOpens ? 'AM' : 'PM';
}

/** Whether the register for a session has closed at a wall-clock time on its own day. */
export function isRegisterClosed(
  times: RegisterTimes,
  session: SessionName,
  time: string,
): boolean {
  return time > (session === 'AM' ? times.amCloses : times.pmCloses);
}

/** Register times that make sense: HH:MM, each register opens before it closes, AM before PM. */
export function checkRegisterTimes(times: RegisterTimes): string[] {
  const problems: string[] = [];
  const valid = /^([01]\d|2[0-3]):[0-5]\d$/;
  const entries: [string, string][] = [
    ['amOpens', times.amOpens],
    ['amCloses', times.amCloses],
    ['pmOpens', times.pmOpens],
    ['pmCloses', times.pmCloses],
  ];
  for (const [name, value] of entries)
    if (!valid.test(value)) problems.push(`${name} must be a time HH:MM, not "${value}"`);
  if (problems.length > 0) return problems;
  if (times.amOpens >= times.amCloses)
    problems.push('the morning register must open before it closes');
  if (times.pmOpens >= times.pmCloses)
    problems.push('the afternoon register must open before it closes');
  if (times.amCloses > times.pmOpens)
    problems.push('the morning register must close before the afternoon register opens');
  // The regulations allow a register to stay open at most 30 minutes in England.
  const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  if (minutes(times.amCloses) - minutes(times.amOpens) > 30)
    problems.push('the morning register may stay open for at most 30 minutes');
  if (minutes(times.pmCloses) - minutes(times.pmOpens) > 30)
    problems.push('the afternoon register may stay open for at most 30 minutes');
  return problems;
}

export type RegisterDateProblem =
  | { readonly kind: 'not-a-school-day'; readonly date: IsoDate; readonly why: string }
  | { readonly kind: 'future-date'; readonly date: IsoDate; readonly today: IsoDate };

/** A register can be taken for a school day up to today. */
export function checkRegisterDate(
  calendar: SchoolCalendar,
  date: IsoDate,
  today: IsoDate,
): RegisterDateProblem | null {
  if (schoolDayIndex(calendar, date) < 0)
    return { kind: 'not-a-school-day', date, why: explainNonSchoolDay(calendar, date) ?? 'closed' };
  if (date > today) return { kind: 'future-date', date, today };
  return null;
}

/** Why a code cannot be recorded on a date, or null when it can. */
export function explainInvalidCode(
  jurisdiction: Jurisdiction,
  date: IsoDate,
  code: string,
): string | null {
  const table = codeTableFor(jurisdiction, date);
  if (findCode(table, code)) return null;
  const withdrawn: Record<string, string> = {
    H: 'H (agreed family holiday) was withdrawn in England on 19 August 2024: use C for leave in exceptional circumstances, otherwise G',
    F: 'F (extended family holiday) is not a code in England: use C for leave in exceptional circumstances, otherwise G',
    J: 'J was replaced by J1 (leave for an interview) in England on 19 August 2024',
    Y: 'Y was replaced by Q and Y1 to Y7 in England on 19 August 2024',
  };
  if (jurisdiction === 'england' && table.id === 'england-2024' && withdrawn[code])
    return withdrawn[code];
  return `"${code}" is not an attendance code of ${table.title}; the codes are ${describeCodes(table)}`;
}

/** Codes a class teacher may enter when taking a register; reasons for absence are the office's to record. */
export const TEACHER_REGISTER_CODES: ReadonlySet<string> = new Set(['/', '\\', 'L', 'N', 'U']);
