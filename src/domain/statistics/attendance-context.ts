import {
  academicYearDayRange,
  countSchoolDaysThrough,
  type SchoolCalendar,
} from '../calendar/school-calendar.ts';
import { academicYearOf, addDays, type IsoDate } from '../calendar/plain-date.ts';
import { categoriesById, CODE_ID_LIMIT } from '../codes/code-registry.ts';
import type { CodeTable, Jurisdiction } from '../codes/code-table.ts';
import { codeTablesOf } from '../codes/code-tables.ts';

/** One pupil's register over a school calendar, in the compact form the engine reads. */
export interface PupilAttendance {
  readonly id: string;
  /** Code id (code-registry) per session index of the calendar; 0 = no mark. */
  readonly marks: Uint8Array;
  /** First school day index on roll (inclusive) and the index after the last (exclusive). */
  readonly rollFromDay: number;
  readonly rollToDay: number;
  /** School day indices with a contact attempt whose outcome was "reached". */
  readonly reachedContactDays: ReadonlySet<number>;
}

/** A code table with the first school day it governs. */
export interface TableSegment {
  readonly table: CodeTable;
  readonly fromDay: number;
  readonly categories: Uint8Array;
  /** codeKeyOf(index of this segment, 0): add a code id to get the code's key in this table. */
  readonly keyBase: number;
}

/**
 * One number for a code as read under one of the context's code tables, so lookups that differ
 * between tables (code sets, categories) are a single flat array indexed by key.
 */
export function codeKeyOf(segmentIndex: number, codeId: number): number {
  return segmentIndex * CODE_ID_LIMIT + codeId;
}

/** Everything about a calendar and an as-of date that is the same for every pupil. */
export interface AttendanceContext {
  readonly calendar: SchoolCalendar;
  readonly jurisdiction: Jurisdiction;
  readonly asOf: IsoDate;
  /** Index after the last school day on or before as-of. */
  readonly asOfDayEnd: number;
  /** First school day of the evaluation period (the academic year holding as-of). */
  readonly periodFirstDay: number;
  readonly segments: readonly TableSegment[];
  /** For each day: the first school day of its academic year, calendar month and term. */
  readonly yearFirstDay: Int32Array;
  readonly monthFirstDay: Int32Array;
  readonly termFirstDay: Int32Array;
  readonly previousTermFirstDay: Int32Array;
}

/** Prepare the per-calendar lookups for evaluating pupils as of a date. */
export function createAttendanceContext(
  calendar: SchoolCalendar,
  jurisdiction: Jurisdiction,
  asOf: IsoDate,
): AttendanceContext {
  const dayCount = calendar.days.length;
  const segments: TableSegment[] = codeTablesOf(jurisdiction).map((table, index) => ({
    table,
    fromDay:
      table.validFrom === null ? 0 : countSchoolDaysThrough(calendar, addDays(table.validFrom, -1)),
    categories: categoriesById(table),
    keyBase: codeKeyOf(index, 0),
  }));
  const yearFirstDay = new Int32Array(dayCount);
  const monthFirstDay = new Int32Array(dayCount);
  const termFirstDay = new Int32Array(dayCount);
  const previousTermFirstDay = new Int32Array(dayCount);
  for (let d = 0; d < dayCount; d++) {
    const sameYear = d > 0 && calendar.dayAcademicYear[d - 1] === calendar.dayAcademicYear[d];
    yearFirstDay[d] = sameYear ? yearFirstDay[d - 1]! : d;
    const sameMonth = d > 0 && calendar.dayMonth[d - 1] === calendar.dayMonth[d];
    monthFirstDay[d] = sameMonth ? monthFirstDay[d - 1]! : d;
    const term = calendar.dayTerm[d]!;
    termFirstDay[d] = calendar.terms[term]!.firstDay;
    previousTermFirstDay[d] = calendar.terms[Math.max(0, term - 1)]!.firstDay;
  }
  return {
    calendar,
    jurisdiction,
    asOf,
    asOfDayEnd: countSchoolDaysThrough(calendar, asOf),
    periodFirstDay: academicYearDayRange(calendar, academicYearOf(asOf)).first,
    segments,
    yearFirstDay,
    monthFirstDay,
    termFirstDay,
    previousTermFirstDay,
  };
}

/** The index of the segment (code table) governing a session. */
export function segmentOfSession(context: AttendanceContext, session: number): number {
  const day = session >> 1;
  let index = 0;
  for (let i = 1; i < context.segments.length; i++)
    if (day >= context.segments[i]!.fromDay) index = i;
  return index;
}
