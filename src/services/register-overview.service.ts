import type { IsoDate } from '../domain/calendar/plain-date.ts';
import type { SessionName } from '../domain/calendar/school-calendar.ts';
import { isRegisterClosed } from '../domain/register/register-rules.ts';
import { err, ok, type Result } from '../domain/result.ts';
import {
  listAbsenceReportsCovering,
  type AbsenceReport,
} from '../store/absence-report.repository.ts';
import { listClasses } from '../store/class.repository.ts';
import { listContacts, listRoll, type Contact } from '../store/pupil.repository.ts';
import {
  findClassOfSchool,
  listMarksWithCode,
  listSessionMarks,
  type SessionMarkSummary,
} from '../store/register-view.repository.ts';
import { findSchool, listAcademicYears } from '../store/school.repository.ts';
import type { Executor } from '../store/transaction.ts';
import type { Clock } from './clock.ts';
import { londonWallClock } from './london-time.ts';

export interface RegisterSummary {
  readonly classId: number;
  readonly className: string;
  readonly status: 'taken' | 'partly-taken' | 'not-taken';
  readonly pupils: number;
  readonly marked: number;
  readonly codes: Record<string, number>;
}

/**
 * The registration classes of a school in the academic year holding the date, each with how
 * much of the session's register is taken. `onlyClassIds` narrows it (a teacher's classes).
 */
export async function listSchoolRegisters(
  db: Executor,
  query: {
    schoolId: number;
    date: IsoDate;
    session: SessionName;
    onlyClassIds: readonly number[] | null;
  },
): Promise<RegisterSummary[]> {
  const year = (await listAcademicYears(db, query.schoolId)).find(
    (candidate) => candidate.startsOn <= query.date && query.date <= candidate.endsOn,
  );
  if (year === undefined) return [];
  const classes = (
    await listClasses(db, { schoolId: query.schoolId, academicYearId: year.id })
  ).filter(
    (schoolClass) =>
      schoolClass.kind === 'registration' &&
      (query.onlyClassIds === null || query.onlyClassIds.includes(schoolClass.id)),
  );
  const marks = new Map(
    (await listSessionMarks(db, query)).map((mark) => [mark.pupilId, mark.code]),
  );
  const summaries: RegisterSummary[] = [];
  for (const schoolClass of classes) {
    const roll = await listRoll(db, {
      schoolId: query.schoolId,
      date: query.date,
      classId: schoolClass.id,
    });
    const codes: Record<string, number> = {};
    let marked = 0;
    for (const entry of roll) {
      const code = marks.get(entry.pupilId);
      if (code === undefined) continue;
      marked += 1;
      codes[code] = (codes[code] ?? 0) + 1;
    }
    summaries.push({
      classId: schoolClass.id,
      className: schoolClass.name,
      status: marked === 0 ? 'not-taken' : marked === roll.length ? 'taken' : 'partly-taken',
      pupils: roll.length,
      marked,
      codes,
    });
  }
  return summaries;
}

export interface RegisterRow {
  readonly pupilId: number;
  readonly firstName: string;
  readonly lastName: string;
  readonly mark: {
    readonly markId: number;
    readonly code: string;
    readonly version: number;
  } | null;
  readonly absenceReport: {
    readonly reportId: number;
    readonly reason: string;
    readonly suggestedCode: string | null;
    readonly expectedReturn: IsoDate | null;
  } | null;
}

export interface ClassRegister {
  readonly classId: number;
  readonly className: string;
  readonly schoolId: number;
  readonly date: IsoDate;
  readonly session: SessionName;
  readonly pupils: RegisterRow[];
}

/** Whether a report's span includes a session ('AM' sorts before 'PM'). */
function covers(report: AbsenceReport, date: IsoDate, session: SessionName): boolean {
  const point = `${date}${session}`;
  return (
    `${report.from.date}${report.from.session}` <= point &&
    point <= `${report.to.date}${report.to.session}`
  );
}

/** One class's register for a session: the roll in register order, marks and reported absences. */
export async function loadClassRegister(
  db: Executor,
  query: { classId: number; date: IsoDate; session: SessionName },
): Promise<Result<ClassRegister, { readonly kind: 'class-not-found'; readonly classId: number }>> {
  const schoolClass = await findClassOfSchool(db, query.classId);
  if (schoolClass === undefined) return err({ kind: 'class-not-found', classId: query.classId });
  const schoolId = schoolClass.schoolId;
  const roll = await listRoll(db, { schoolId, date: query.date, classId: query.classId });
  const marks = new Map<number, SessionMarkSummary>(
    (await listSessionMarks(db, { schoolId, date: query.date, session: query.session })).map(
      (mark) => [mark.pupilId, mark],
    ),
  );
  const reports = new Map<number, AbsenceReport>();
  for (const report of await listAbsenceReportsCovering(db, { schoolId, date: query.date })) {
    // The latest report covering the session wins: it is what the family said last.
    if (covers(report, query.date, query.session)) reports.set(report.pupilId, report);
  }
  return ok({
    classId: schoolClass.id,
    className: schoolClass.name,
    schoolId,
    date: query.date,
    session: query.session,
    pupils: roll.map((entry) => {
      const mark = marks.get(entry.pupilId);
      const report = reports.get(entry.pupilId);
      return {
        pupilId: entry.pupilId,
        firstName: entry.displayFirstName,
        lastName: entry.displayLastName,
        mark:
          mark === undefined
            ? null
            : { markId: mark.markId, code: mark.code, version: mark.version },
        absenceReport:
          report === undefined
            ? null
            : {
                reportId: report.id,
                reason: report.reason,
                suggestedCode: report.suggestedCode,
                expectedReturn: report.expectedReturn,
              },
      };
    }),
  });
}

export interface AbsenceBoardEntry {
  readonly pupilId: number;
  readonly firstName: string;
  readonly lastName: string;
  readonly className: string | null;
  readonly unexplained: readonly (SessionMarkSummary & { readonly session: SessionName })[];
  readonly contacts: readonly Contact[];
}

/**
 * Pupils with an unexplained absence (N) on a date, counting a session only once its register
 * has closed: before then N may still become a late arrival. Contacts in calling order.
 */
export async function listAbsenceBoard(
  deps: { readonly db: Executor; readonly clock: Clock },
  query: { schoolId: number; date: IsoDate },
): Promise<
  Result<
    { sessionsClosed: SessionName[]; pupils: AbsenceBoardEntry[] },
    { readonly kind: 'school-not-found'; readonly schoolId: number }
  >
> {
  const { db } = deps;
  const school = await findSchool(db, query.schoolId);
  if (school === undefined) return err({ kind: 'school-not-found', schoolId: query.schoolId });
  const now = londonWallClock(deps.clock.now());
  const sessionsClosed = (['AM', 'PM'] as const).filter(
    (session) =>
      query.date < now.date ||
      (query.date === now.date && isRegisterClosed(school.registerTimes, session, now.time)),
  );
  const marks = (
    await listMarksWithCode(db, { schoolId: query.schoolId, date: query.date, code: 'N' })
  ).filter((mark) => sessionsClosed.includes(mark.session));
  const byPupil = new Map<number, (typeof marks)[number][]>();
  for (const mark of marks) byPupil.set(mark.pupilId, [...(byPupil.get(mark.pupilId) ?? []), mark]);
  if (byPupil.size === 0) return ok({ sessionsClosed, pupils: [] });

  const roll = await listRoll(db, { schoolId: query.schoolId, date: query.date });
  const classNames = new Map<number, string>();
  const year = (await listAcademicYears(db, query.schoolId)).find(
    (candidate) => candidate.startsOn <= query.date && query.date <= candidate.endsOn,
  );
  if (year !== undefined)
    for (const schoolClass of await listClasses(db, {
      schoolId: query.schoolId,
      academicYearId: year.id,
    }))
      classNames.set(schoolClass.id, schoolClass.name);
  const pupils: AbsenceBoardEntry[] = [];
  for (const entry of roll) {
    const unexplained = byPupil.get(entry.pupilId);
    if (unexplained === undefined) continue;
    pupils.push({
      pupilId: entry.pupilId,
      firstName: entry.displayFirstName,
      lastName: entry.displayLastName,
      className: entry.classId === null ? null : (classNames.get(entry.classId) ?? null),
      unexplained,
      contacts: await listContacts(db, entry.pupilId),
    });
  }
  return ok({ sessionsClosed, pupils });
}
