import { sql } from 'kysely';
import type { IsoDate } from '../domain/calendar/plain-date.ts';
import { toClosure, type Closure, type RegisterTimes } from './school.repository.ts';
import type { SessionName } from './schema.ts';
import type { Executor } from './transaction.ts';

export async function updateSchoolName(
  db: Executor,
  change: { schoolId: number; name: string },
): Promise<void> {
  await db
    .updateTable('schools')
    .set({ name: change.name })
    .where('id', '=', change.schoolId)
    .execute();
}

export async function updateRegisterTimes(
  db: Executor,
  change: { schoolId: number; times: RegisterTimes },
): Promise<void> {
  await db
    .updateTable('schools')
    .set({
      am_register_opens: change.times.amOpens,
      am_register_closes: change.times.amCloses,
      pm_register_opens: change.times.pmOpens,
      pm_register_closes: change.times.pmCloses,
    })
    .where('id', '=', change.schoolId)
    .execute();
}

/** Every closure of a school, earliest first. */
export async function listAllClosures(db: Executor, schoolId: number): Promise<Closure[]> {
  const rows = await db
    .selectFrom('closures')
    .selectAll()
    .where('school_id', '=', schoolId)
    .orderBy('starts_on')
    .orderBy('starts_session')
    .execute();
  return rows.map(toClosure);
}

export async function insertAcademicYear(
  db: Executor,
  year: { schoolId: number; name: string; startsOn: IsoDate; endsOn: IsoDate },
): Promise<number> {
  const row = await db
    .insertInto('academic_years')
    .values({
      school_id: year.schoolId,
      name: year.name,
      starts_on: year.startsOn,
      ends_on: year.endsOn,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateAcademicYear(
  db: Executor,
  year: { id: number; name: string; startsOn: IsoDate; endsOn: IsoDate },
): Promise<void> {
  await db
    .updateTable('academic_years')
    .set({ name: year.name, starts_on: year.startsOn, ends_on: year.endsOn })
    .where('id', '=', year.id)
    .execute();
}

/** Removes an academic year; its terms go with it (on delete cascade). */
export async function deleteAcademicYear(db: Executor, yearId: number): Promise<void> {
  await db.deleteFrom('academic_years').where('id', '=', yearId).execute();
}

/** How many classes belong to an academic year (they would block its removal). */
export async function countClassesInYear(db: Executor, yearId: number): Promise<number> {
  const row = await db
    .selectFrom('classes')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('academic_year_id', '=', yearId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function insertTerm(
  db: Executor,
  term: { academicYearId: number; name: string; startsOn: IsoDate; endsOn: IsoDate },
): Promise<number> {
  const row = await db
    .insertInto('terms')
    .values({
      academic_year_id: term.academicYearId,
      name: term.name,
      starts_on: term.startsOn,
      ends_on: term.endsOn,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateTerm(
  db: Executor,
  term: { id: number; name: string; startsOn: IsoDate; endsOn: IsoDate },
): Promise<void> {
  await db
    .updateTable('terms')
    .set({ name: term.name, starts_on: term.startsOn, ends_on: term.endsOn })
    .where('id', '=', term.id)
    .execute();
}

export async function deleteTerm(db: Executor, termId: number): Promise<void> {
  await db.deleteFrom('terms').where('id', '=', termId).execute();
}

export async function updateClosure(db: Executor, closure: Closure): Promise<void> {
  await db
    .updateTable('closures')
    .set({
      starts_on: closure.startsOn,
      starts_session: closure.startsSession,
      ends_on: closure.endsOn,
      ends_session: closure.endsSession,
      reason: closure.reason,
    })
    .where('id', '=', closure.id)
    .where('school_id', '=', closure.schoolId)
    .execute();
}

export async function deleteClosure(db: Executor, closureId: number): Promise<void> {
  await db.deleteFrom('closures').where('id', '=', closureId).execute();
}

/** A span of register sessions, from one session to another, both included. */
export interface SessionSpan {
  readonly startsOn: IsoDate;
  readonly startsSession: SessionName;
  readonly endsOn: IsoDate;
  readonly endsSession: SessionName;
}

/**
 * How many register marks (session marks and lesson marks) a school holds in a span of
 * sessions. 'AM' sorts before 'PM', so (date, session) pairs compare in time order.
 */
export async function countMarksInSpan(
  db: Executor,
  query: { schoolId: number; span: SessionSpan },
): Promise<number> {
  const { span } = query;
  const from = sql`(${span.startsOn}::date, ${span.startsSession}::text)`;
  const to = sql`(${span.endsOn}::date, ${span.endsSession}::text)`;
  const sessionMarks = await db
    .selectFrom('marks')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('school_id', '=', query.schoolId)
    .where('date', '>=', span.startsOn)
    .where('date', '<=', span.endsOn)
    .where(sql<boolean>`(date, session::text) between ${from} and ${to}`)
    .executeTakeFirstOrThrow();
  const lessonMarks = await db
    .selectFrom('lesson_marks')
    .innerJoin('lessons', 'lessons.id', 'lesson_marks.lesson_id')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('lessons.school_id', '=', query.schoolId)
    .where('lesson_marks.date', '>=', span.startsOn)
    .where('lesson_marks.date', '<=', span.endsOn)
    .where(sql<boolean>`(lesson_marks.date, lessons.session::text) between ${from} and ${to}`)
    .executeTakeFirstOrThrow();
  return Number(sessionMarks.count) + Number(lessonMarks.count);
}

/**
 * Locks a school's row for the rest of the transaction, so two administrators changing the
 * calendar at once are checked one after the other rather than both against the old state.
 */
export async function lockSchool(db: Executor, schoolId: number): Promise<boolean> {
  const row = await db
    .selectFrom('schools')
    .select('id')
    .where('id', '=', schoolId)
    .forUpdate()
    .executeTakeFirst();
  return row !== undefined;
}
