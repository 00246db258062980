import {
  addDays,
  fromDayNumber,
  toDayNumber,
  type IsoDate,
} from '../domain/calendar/plain-date.ts';
import {
  countSchoolDaysThrough,
  schoolDayIndex,
  sessionIndex,
  type ClosureInput,
  type SchoolCalendar,
  type TermInput,
} from '../domain/calendar/school-calendar.ts';
import { codeId } from '../domain/codes/code-registry.ts';
import type { Jurisdiction } from '../domain/codes/code-table.ts';
import { ok, type Result } from '../domain/result.ts';
import type { PupilAttendance } from '../domain/statistics/attendance-context.ts';
import {
  forEachEncodedMark,
  listReachedContactDates,
  listSchoolEnrolments,
  listSchoolMarksByPupil,
  type EnrolledPupil,
} from '../store/register-snapshot.repository.ts';
import type { School } from '../store/school.repository.ts';
import { londonWallClock } from './london-time.ts';
import { loadSchoolCalendar, type SchoolCalendarError } from './school-calendar.service.ts';
import type { Executor } from '../store/transaction.ts';

/** A pupil's register at one school, with what groupings and exports need. */
export interface RegisterPupil {
  readonly pupilId: number;
  readonly upn: string;
  readonly displayName: string;
  readonly dateOfBirth: IsoDate;
  readonly yearGroupId: number | null;
  readonly nationalCurriculumYear: string | null;
  readonly classId: number | null;
  readonly className: string | null;
  /** Cohort flags, lower-case, as in scenario files: fsm, pp, sen, eal, lac, cin, young-carer. */
  readonly groups: readonly string[];
  readonly attendance: PupilAttendance;
}

/** Everything the engine needs about one school, loaded from the database. */
export interface SchoolRegister {
  readonly school: School;
  readonly jurisdiction: Jurisdiction;
  readonly terms: readonly TermInput[];
  /** Whole-day closures; half-day closures are carried as '#' marks on the closed session. */
  readonly closures: readonly ClosureInput[];
  readonly calendar: SchoolCalendar;
  readonly pupils: readonly RegisterPupil[];
}

export type LoadRegisterError = SchoolCalendarError;

/** How many date ranges a school's marks are read in at once. */
const MARK_QUERY_PARTS = 2;

/** `parts` consecutive date ranges covering from..to, as even as whole days allow. */
function splitDateRange(
  from: IsoDate,
  to: IsoDate,
  parts: number,
): { from: IsoDate; to: IsoDate }[] {
  const first = toDayNumber(from);
  const days = toDayNumber(to) - first + 1;
  if (days <= parts) return [{ from, to }];
  return Array.from({ length: parts }, (_, part) => ({
    from: fromDayNumber(first + Math.floor((part * days) / parts)),
    to: fromDayNumber(first + Math.floor(((part + 1) * days) / parts) - 1),
  }));
}

function groupsOf(pupil: EnrolledPupil): string[] {
  const groups: string[] = [];
  if (pupil.freeSchoolMeals) groups.push('fsm');
  if (pupil.pupilPremium) groups.push('pp');
  if (pupil.senStatus !== 'N') groups.push('sen');
  if (pupil.englishAdditionalLanguage) groups.push('eal');
  if (pupil.lookedAfter) groups.push('lac');
  if (pupil.childInNeed) groups.push('cin');
  if (pupil.youngCarer) groups.push('young-carer');
  return groups;
}

/** Load a school's calendar, roll and every mark into the engine's compact form. */
export async function loadSchoolRegister(
  db: Executor,
  schoolId: number,
): Promise<Result<SchoolRegister, LoadRegisterError>> {
  const loaded = await loadSchoolCalendar(db, schoolId);
  if (!loaded.ok) return loaded;
  const { school, terms, closures, calendar } = loaded.value;
  const first = terms[0]?.start ?? '1900-01-01';
  const last = terms.at(-1)?.end ?? '1900-01-01';
  const sessionCount = calendar.days.length * 2;
  const closedSessions = loaded.value.closedSessions.flatMap(({ date, session }) => {
    const day = schoolDayIndex(calendar, date);
    return day < 0 ? [] : [sessionIndex(day, session)];
  });
  const closedCode = codeId('#');

  // Marks are read in a few date ranges at once: string_agg runs in one backend per query
  // (PostgreSQL parallelises it only from version 16), so a server spreads the work over
  // several; the embedded database runs them in turn at no extra cost.
  const [enrolments, contacts, ...markParts] = await Promise.all([
    listSchoolEnrolments(db, schoolId),
    listReachedContactDates(db, schoolId),
    ...splitDateRange(first, last, MARK_QUERY_PARTS).map((part) =>
      listSchoolMarksByPupil(db, { schoolId, origin: first, ...part }),
    ),
  ]);
  const byPupil = new Map<number, { pupil: EnrolledPupil; from: IsoDate; to: IsoDate | null }>();
  for (const enrolment of enrolments) {
    const known = byPupil.get(enrolment.pupilId);
    // A pupil who left and rejoined keeps one register from first joining to last leaving.
    if (!known)
      byPupil.set(enrolment.pupilId, {
        pupil: enrolment,
        from: enrolment.onRollFrom,
        to: enrolment.onRollTo,
      });
    else {
      known.pupil = enrolment;
      known.to =
        known.to === null || enrolment.onRollTo === null
          ? null
          : enrolment.onRollTo > known.to
            ? enrolment.onRollTo
            : known.to;
    }
  }
  const registers = new Map<number, Uint8Array>();
  const reached = new Map<number, Set<number>>();
  for (const pupilId of byPupil.keys()) {
    const row = new Uint8Array(sessionCount);
    for (const session of closedSessions) row[session] = closedCode;
    registers.set(pupilId, row);
    reached.set(pupilId, new Set());
  }
  // The school day of each half-day offset from `first`; -1 where there is none.
  const firstDayNumber = toDayNumber(first);
  const dayOfOffset = new Int32Array(toDayNumber(last) - firstDayNumber + 1).fill(-1);
  calendar.dayNumbers.forEach((dayNumber, index) => {
    const offset = dayNumber - firstDayNumber;
    if (offset >= 0 && offset < dayOfOffset.length) dayOfOffset[offset] = index;
  });
  const codeIds = new Map<string, number>();
  for (const part of markParts)
    for (const pupil of part) {
      const row = registers.get(pupil.pupilId);
      if (!row) continue;
      forEachEncodedMark(pupil.marks, (halfDay, code) => {
        const day = dayOfOffset[halfDay >> 1] ?? -1;
        if (day < 0) return;
        let id = codeIds.get(code);
        if (id === undefined) {
          id = codeId(code);
          codeIds.set(code, id);
        }
        row[day * 2 + (halfDay & 1)] = id;
      });
    }
  for (const contact of contacts) {
    const day = schoolDayIndex(calendar, londonWallClock(contact.instant).date);
    if (day >= 0) reached.get(contact.pupilId)?.add(day);
  }

  const pupils: RegisterPupil[] = [...byPupil.values()].map(({ pupil, from, to }) => ({
    pupilId: pupil.pupilId,
    upn: pupil.upn,
    displayName: pupil.displayName,
    dateOfBirth: pupil.dateOfBirth,
    yearGroupId: pupil.yearGroupId,
    nationalCurriculumYear: pupil.nationalCurriculumYear,
    classId: pupil.classId,
    className: pupil.className,
    groups: groupsOf(pupil),
    attendance: {
      id: String(pupil.pupilId),
      marks: registers.get(pupil.pupilId) ?? new Uint8Array(sessionCount),
      rollFromDay: countSchoolDaysThrough(calendar, addDays(from, -1)),
      rollToDay: to === null ? calendar.days.length : countSchoolDaysThrough(calendar, to),
      reachedContactDays: reached.get(pupil.pupilId) ?? new Set(),
    },
  }));
  return ok({
    school,
    jurisdiction: school.jurisdiction,
    terms,
    closures,
    calendar: calendar,
    pupils,
  });
}
