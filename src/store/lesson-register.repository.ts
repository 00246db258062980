import type { IsoDate } from '../domain/calendar/plain-date.ts';
import type { Lesson, LessonMark } from './lesson.repository.ts';
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
    .select(['id', 'lesson_id', 'enrolment_id', 'pupil_id', 'date', 'code', 'version'])
    .where('lesson_id', '=', query.lessonId)
    .where('date', '=', query.date)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    lessonId: row.lesson_id,
    enrolmentId: row.enrolment_id,
    pupilId: row.pupil_id,
    date: row.date,
    code: row.code,
    version: row.version,
  }));
}
