import type { IsoDate } from '../domain/calendar/plain-date.ts';
import { toLessonMark, type Lesson, type LessonMark } from './lesson.repository.ts';
import type { Executor } from './transaction.ts';

/** A lesson by id, or undefined. */
export async function findLesson(db: Executor, lessonId: number): Promise<Lesson | undefined> {
  const row = await db
    .selectFrom('lessons')
    .selectAll()
    .where('id', '=', lessonId)
    .executeTakeFirst();
  return row === undefined
    ? undefined
    : {
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

/** The marks of one lesson's register on a date. */
export async function listLessonMarks(
  db: Executor,
  query: { lessonId: number; date: IsoDate },
): Promise<LessonMark[]> {
  const rows = await db
    .selectFrom('lesson_marks')
    .selectAll()
    .where('lesson_id', '=', query.lessonId)
    .where('date', '=', query.date)
    .execute();
  return rows.map(toLessonMark);
}

/**
 * Some pupils' marks in a lesson's register on a date, read after locking the lesson's row until
 * the transaction ends. Taking a lesson's register takes that lock before anything else, so the marks
 * read here stay as they are until this transaction writes; locking the lesson rather than the
 * marks also covers a pupil with no mark yet, which no row lock can.
 */
export async function lockLessonMarks(
  trx: Executor,
  query: { lessonId: number; date: IsoDate; pupilIds: readonly number[] },
): Promise<LessonMark[]> {
  await trx
    .selectFrom('lessons')
    .select('id')
    .where('id', '=', query.lessonId)
    .forNoKeyUpdate()
    .execute();
  if (query.pupilIds.length === 0) return [];
  const rows = await trx
    .selectFrom('lesson_marks')
    .selectAll()
    .where('lesson_id', '=', query.lessonId)
    .where('date', '=', query.date)
    .where('pupil_id', 'in', query.pupilIds)
    .execute();
  return rows.map(toLessonMark);
}
