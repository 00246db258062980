import { sql, type Insertable, type Selectable } from 'kysely';
import type { IsoDate } from '../domain/calendar/plain-date.ts';
import type { LessonMarksTable, LessonsTable, SessionName } from './schema.ts';
import type { Executor } from './transaction.ts';

/** A timetabled lesson that recurs weekly between two dates. */
export interface Lesson {
  readonly id: number;
  readonly schoolId: number;
  readonly classId: number;
  readonly teacherUserId: number | null;
  readonly subject: string | null;
  /** ISO weekday: 1 is Monday. */
  readonly weekday: number;
  readonly period: string;
  readonly session: SessionName;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly validFrom: IsoDate;
  readonly validTo: IsoDate | null;
}

export type NewLesson = Omit<Lesson, 'id'>;

export interface LessonMark {
  readonly id: number;
  readonly lessonId: number;
  readonly enrolmentId: number;
  readonly pupilId: number;
  readonly date: IsoDate;
  readonly code: string;
  readonly version: number;
}

/** Present at the session's register, then absent from a later lesson in the same session. */
export interface SuspectedTruancy {
  readonly pupilId: number;
  readonly date: IsoDate;
  readonly session: SessionName;
  readonly sessionCode: string;
  readonly lessonId: number;
  readonly period: string;
  readonly lessonCode: string;
}

export async function createLesson(db: Executor, lesson: NewLesson): Promise<Lesson> {
  const row = await db
    .insertInto('lessons')
    .values(toLessonRow(lesson))
    .returningAll()
    .executeTakeFirstOrThrow();
  return toLesson(row);
}

// 11 parameters a row: 1,000 rows stay well under PostgreSQL's 65,535 bind parameters.
const LESSONS_PER_INSERT = 1000;

/** Creates a whole timetable with one insert per thousand lessons; returned in the order given. */
export async function createLessons(
  db: Executor,
  lessons: readonly NewLesson[],
): Promise<Lesson[]> {
  const created: Lesson[] = [];
  for (let start = 0; start < lessons.length; start += LESSONS_PER_INSERT) {
    const rows = await db
      .insertInto('lessons')
      .values(lessons.slice(start, start + LESSONS_PER_INSERT).map(toLessonRow))
      .returningAll()
      .execute();
    // Ids come from a sequence in the order of the values; sorting by id keeps that order.
    created.push(...rows.sort((a, b) => a.id - b.id).map(toLesson));
  }
  return created;
}

/** The lessons timetabled at a school on a date (weekday is the date's ISO weekday). */
export async function listLessonsOn(
  db: Executor,
  query: { schoolId: number; date: IsoDate; weekday: number },
): Promise<Lesson[]> {
  const rows = await db
    .selectFrom('lessons')
    .selectAll()
    .where('school_id', '=', query.schoolId)
    .where('weekday', '=', query.weekday)
    .where('valid_from', '<=', query.date)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', query.date)]))
    .orderBy('starts_at')
    .execute();
  return rows.map(toLesson);
}

/** Records a lesson register, replacing earlier marks for the same pupils (one statement). */
export async function recordLessonMarks(
  db: Executor,
  input: {
    lessonId: number;
    date: IsoDate;
    entries: readonly { pupilId: number; enrolmentId: number; code: string }[];
    recordedBy: number;
    at: Date;
  },
): Promise<LessonMark[]> {
  if (input.entries.length === 0) return [];
  const rows = await db
    .insertInto('lesson_marks')
    .values(
      input.entries.map((entry) => ({
        lesson_id: input.lessonId,
        enrolment_id: entry.enrolmentId,
        pupil_id: entry.pupilId,
        date: input.date,
        code: entry.code,
        recorded_at: input.at,
        recorded_by: input.recordedBy,
      })),
    )
    .onConflict((conflict) =>
      conflict.columns(['lesson_id', 'pupil_id', 'date']).doUpdateSet((eb) => ({
        code: eb.ref('excluded.code'),
        version: sql<number>`lesson_marks.version + 1`,
        recorded_at: eb.ref('excluded.recorded_at'),
        recorded_by: eb.ref('excluded.recorded_by'),
      })),
    )
    .returningAll()
    .execute();
  return rows.map(toLessonMark);
}

/**
 * Post-registration truancy on a date: the session mark is one of presentCodes but a lesson
 * in that session, at the pupil's school, carries one of lessonAbsentCodes. Which codes count
 * is the domain's decision, so both lists are parameters.
 */
export async function findSuspectedTruancy(
  db: Executor,
  query: {
    schoolId: number;
    date: IsoDate;
    presentCodes: readonly string[];
    lessonAbsentCodes: readonly string[];
  },
): Promise<SuspectedTruancy[]> {
  if (query.presentCodes.length === 0 || query.lessonAbsentCodes.length === 0) return [];
  const rows = await db
    .selectFrom('lesson_marks')
    .innerJoin('lessons', 'lessons.id', 'lesson_marks.lesson_id')
    .innerJoin('marks', (join) =>
      join
        .onRef('marks.pupil_id', '=', 'lesson_marks.pupil_id')
        .onRef('marks.date', '=', 'lesson_marks.date')
        .onRef('marks.session', '=', 'lessons.session')
        .onRef('marks.school_id', '=', 'lessons.school_id'),
    )
    .select([
      'lesson_marks.pupil_id',
      'lesson_marks.date',
      'lessons.session',
      'marks.code as session_code',
      'lessons.id as lesson_id',
      'lessons.period',
      'lesson_marks.code as lesson_code',
    ])
    .where('lessons.school_id', '=', query.schoolId)
    .where('lesson_marks.date', '=', query.date)
    .where('marks.code', 'in', query.presentCodes)
    .where('lesson_marks.code', 'in', query.lessonAbsentCodes)
    .orderBy('lesson_marks.pupil_id')
    .orderBy('lessons.starts_at')
    .execute();
  return rows.map((row) => ({
    pupilId: row.pupil_id,
    date: row.date,
    session: row.session,
    sessionCode: row.session_code,
    lessonId: row.lesson_id,
    period: row.period,
    lessonCode: row.lesson_code,
  }));
}

function toLessonRow(lesson: NewLesson): Insertable<LessonsTable> {
  return {
    school_id: lesson.schoolId,
    class_id: lesson.classId,
    teacher_user_id: lesson.teacherUserId,
    subject: lesson.subject,
    weekday: lesson.weekday,
    period: lesson.period,
    session: lesson.session,
    starts_at: lesson.startsAt,
    ends_at: lesson.endsAt,
    valid_from: lesson.validFrom,
    valid_to: lesson.validTo,
  };
}

function toLesson(row: Selectable<LessonsTable>): Lesson {
  return {
    id: row.id,
    schoolId: row.school_id,
    classId: row.class_id,
    teacherUserId: row.teacher_user_id,
    subject: row.subject,
    weekday: row.weekday,
    period: row.period,
    session: row.session,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    validFrom: row.valid_from,
    validTo: row.valid_to,
  };
}

export function toLessonMark(row: Selectable<LessonMarksTable>): LessonMark {
  return {
    id: row.id,
    lessonId: row.lesson_id,
    enrolmentId: row.enrolment_id,
    pupilId: row.pupil_id,
    date: row.date,
    code: row.code,
    version: row.version,
  };
}
