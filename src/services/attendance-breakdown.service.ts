import { isoWeekday, type IsoDate } from '../domain/calendar/plain-date.ts';
import {
  CATEGORY_APPROVED,
  CATEGORY_AUTHORISED,
  CATEGORY_PRESENT,
  CATEGORY_UNAUTHORISED,
  codeOfId,
} from '../domain/codes/code-registry.ts';
import { findCode } from '../domain/codes/code-tables.ts';
import {
  createAttendanceContext,
  segmentOfSession,
  type AttendanceContext,
} from '../domain/statistics/attendance-context.ts';
import type { SchoolRegister } from './school-register.service.ts';

/** Possible and attended sessions of a stretch of the register. */
export interface SessionTally {
  readonly possible: number;
  readonly attended: number;
  readonly attendanceRate: number | null;
}

export interface WeekTally extends SessionTally {
  /** The Monday of the school week. */
  readonly monday: IsoDate;
}

export interface ReasonTally {
  readonly code: string;
  readonly meaning: string;
  readonly category: 'authorised' | 'unauthorised';
  readonly sessions: number;
}

export interface WeekdayTally {
  /** ISO weekday: 1 = Monday ... 5 = Friday. */
  readonly weekday: number;
  readonly possible: number;
  readonly absent: number;
  readonly absenceRate: number | null;
}

/** Where a group's absence falls: by school week, by code and by day of the week. */
export interface AttendanceBreakdown {
  readonly weeks: WeekTally[];
  readonly reasons: ReasonTally[];
  readonly weekdays: WeekdayTally[];
}

/** The engine's lookups for a register as of a date: code tables per day, the period's start. */
export function prepareBreakdown(register: SchoolRegister, asOf: IsoDate): AttendanceContext {
  return createAttendanceContext(register.calendar, register.jurisdiction, asOf);
}

/**
 * Tally the academic year to as-of for some of a register's pupils, counting sessions as the
 * engine does (possible = attended + absent), so a week's rates add up to the year's.
 */
export function breakDownAttendance(
  context: AttendanceContext,
  register: SchoolRegister,
  pupilIndexes: readonly number[],
): AttendanceBreakdown {
  const { calendar } = context;
  const weekCount = calendar.weeks.length;
  const weekPossible = new Int32Array(weekCount);
  const weekAttended = new Int32Array(weekCount);
  const weekdayPossible = new Int32Array(8);
  const weekdayAbsent = new Int32Array(8);
  const weekdayOfDay = calendar.days.map(isoWeekday);
  const reasons = new Map<string, { category: 'authorised' | 'unauthorised'; sessions: number }>();
  for (const index of pupilIndexes) {
    const attendance = register.pupils[index]?.attendance;
    if (attendance === undefined) continue;
    const first = Math.max(attendance.rollFromDay, context.periodFirstDay) * 2;
    const end = Math.min(attendance.rollToDay, context.asOfDayEnd) * 2;
    for (let session = first; session < end; session++) {
      const id = attendance.marks[session] ?? 0;
      if (id === 0) continue;
      const segment = context.segments[segmentOfSession(context, session)];
      const category = segment?.categories[id];
      const day = session >> 1;
      const week = calendar.dayWeek[day] ?? 0;
      const weekday = weekdayOfDay[day] ?? 0;
      if (category === CATEGORY_PRESENT || category === CATEGORY_APPROVED) {
        weekPossible[week]!++;
        weekAttended[week]!++;
        weekdayPossible[weekday]!++;
      } else if (category === CATEGORY_AUTHORISED || category === CATEGORY_UNAUTHORISED) {
        weekPossible[week]!++;
        weekdayPossible[weekday]!++;
        weekdayAbsent[weekday]!++;
        const code = codeOfId(id);
        const reason = reasons.get(code) ?? {
          category: category === CATEGORY_AUTHORISED ? 'authorised' : 'unauthorised',
          sessions: 0,
        };
        reason.sessions++;
        reasons.set(code, reason);
      }
    }
  }
  const weeks: WeekTally[] = [];
  calendar.weeks.forEach((week, index) => {
    if (week.lastDay < context.periodFirstDay || week.firstDay >= context.asOfDayEnd) return;
    weeks.push({ monday: week.monday, ...tallyOf(weekPossible[index]!, weekAttended[index]!) });
  });
  const table = context.segments.at(-1)?.table;
  return {
    weeks,
    reasons: [...reasons.entries()]
      .map(([code, reason]) => ({
        code,
        meaning: (table && findCode(table, code)?.meaning) ?? code,
        ...reason,
      }))
      .sort((a, b) => b.sessions - a.sessions || a.code.localeCompare(b.code)),
    weekdays: [1, 2, 3, 4, 5].map((weekday) => {
      const possible = weekdayPossible[weekday]!;
      const absent = weekdayAbsent[weekday]!;
      return { weekday, possible, absent, absenceRate: possible === 0 ? null : absent / possible };
    }),
  };
}

/** Possible and attended sessions of one pupil between two school days ([fromDay, endDay)). */
export function tallyPupilSessions(
  context: AttendanceContext,
  register: SchoolRegister,
  pupilIndex: number,
  days: { readonly fromDay: number; readonly endDay: number },
): SessionTally {
  const attendance = register.pupils[pupilIndex]?.attendance;
  if (attendance === undefined) return tallyOf(0, 0);
  const first = Math.max(attendance.rollFromDay, days.fromDay) * 2;
  const end = Math.min(attendance.rollToDay, days.endDay, context.asOfDayEnd) * 2;
  let possible = 0;
  let attended = 0;
  for (let session = first; session < end; session++) {
    const id = attendance.marks[session] ?? 0;
    if (id === 0) continue;
    const category = context.segments[segmentOfSession(context, session)]?.categories[id];
    if (category === CATEGORY_PRESENT || category === CATEGORY_APPROVED) {
      possible++;
      attended++;
    } else if (category === CATEGORY_AUTHORISED || category === CATEGORY_UNAUTHORISED) possible++;
  }
  return tallyOf(possible, attended);
}

function tallyOf(possible: number, attended: number): SessionTally {
  return { possible, attended, attendanceRate: possible === 0 ? null : attended / possible };
}
