import { isoWeekday, type IsoDate } from '../domain/calendar/plain-date.ts';
import { checkRegisterDate, type RegisterDateProblem } from '../domain/register/register-rules.ts';
import {
  explainInvalidLessonCode,
  lessonRunsOn,
  MISSING_FROM_LESSON,
  PRESENT_AT_REGISTRATION,
} from '../domain/register/lesson-rules.ts';
import { err, ok, type Result } from '../domain/result.ts';
import { findLesson, listLessonMarks } from '../store/lesson-register.repository.ts';
import {
  findSuspectedTruancy,
  listLessonsOn,
  recordLessonMarks,
  type Lesson,
  type LessonMark,
  type SuspectedTruancy,
} from '../store/lesson.repository.ts';
import { findRollEnrolments, listRoll } from '../store/pupil.repository.ts';
import { runAtomically, type Executor } from '../store/transaction.ts';
import type { Clock } from './clock.ts';
import { londonWallClock } from './london-time.ts';
import { loadSchoolCalendar, type SchoolCalendarError } from './school-calendar.service.ts';

export type LessonRegisterError =
  | SchoolCalendarError
  | RegisterDateProblem
  | { readonly kind: 'lesson-not-found'; readonly lessonId: number }
  | { readonly kind: 'lesson-not-on-date'; readonly lessonId: number; readonly date: IsoDate }
  | {
      readonly kind: 'invalid-codes';
      readonly problems: readonly { pupilId: number; code: string; message: string }[];
    }
  | { readonly kind: 'not-on-roll'; readonly pupilIds: readonly number[] };

/** The lessons timetabled at a school on a date. */
export async function listLessonsForDay(
  db: Executor,
  query: { schoolId: number; date: IsoDate },
): Promise<Lesson[]> {
  return listLessonsOn(db, { ...query, weekday: isoWeekday(query.date) });
}

/** A lesson's register on a date: the class's pupils on roll with any mark already taken. */
export async function loadLessonRegister(
  db: Executor,
  query: { lessonId: number; date: IsoDate },
): Promise<
  Result<
    {
      lesson: Lesson;
      pupils: {
        pupilId: number;
        firstName: string;
        lastName: string;
        mark: { code: string; version: number } | null;
      }[];
    },
    LessonRegisterError
  >
> {
  const lesson = await findLesson(db, query.lessonId);
  if (!lesson) return err({ kind: 'lesson-not-found', lessonId: query.lessonId });
  if (!lessonRunsOn(lesson, query.date, isoWeekday(query.date)))
    return err({ kind: 'lesson-not-on-date', lessonId: lesson.id, date: query.date });
  const roll = await listRoll(db, {
    schoolId: lesson.schoolId,
    date: query.date,
    classId: lesson.classId,
  });
  const marks = new Map((await listLessonMarks(db, query)).map((mark) => [mark.pupilId, mark]));
  return ok({
    lesson,
    pupils: roll.map((entry) => {
      const mark = marks.get(entry.pupilId);
      return {
        pupilId: entry.pupilId,
        firstName: entry.displayFirstName,
        lastName: entry.displayLastName,
        mark: mark ? { code: mark.code, version: mark.version } : null,
      };
    }),
  });
}

/** Take a lesson's register: every mark checked first, then written in one statement. */
export async function takeLessonRegister(
  deps: { readonly db: Executor; readonly clock: Clock },
  input: {
    lessonId: number;
    date: IsoDate;
    entries: readonly { pupilId: number; code: string }[];
    recordedBy: number;
  },
): Promise<Result<LessonMark[], LessonRegisterError>> {
  const { db, clock } = deps;
  const lesson = await findLesson(db, input.lessonId);
  if (!lesson) return err({ kind: 'lesson-not-found', lessonId: input.lessonId });
  if (!lessonRunsOn(lesson, input.date, isoWeekday(input.date)))
    return err({ kind: 'lesson-not-on-date', lessonId: lesson.id, date: input.date });
  const loaded = await loadSchoolCalendar(db, lesson.schoolId);
  if (!loaded.ok) return loaded;
  const dateProblem = checkRegisterDate(
    loaded.value.calendar,
    input.date,
    londonWallClock(clock.now()).date,
  );
  if (dateProblem) return err(dateProblem);
  const problems = input.entries.flatMap((entry) => {
    const message = explainInvalidLessonCode(entry.code);
    return message === null ? [] : [{ pupilId: entry.pupilId, code: entry.code, message }];
  });
  if (problems.length > 0) return err({ kind: 'invalid-codes', problems });
  const enrolments = await findRollEnrolments(db, {
    schoolId: lesson.schoolId,
    date: input.date,
    classId: lesson.classId,
    pupilIds: input.entries.map((entry) => entry.pupilId),
  });
  const enrolmentOf = new Map(enrolments.map((row) => [row.pupilId, row.enrolmentId]));
  const missing = input.entries
    .filter((entry) => !enrolmentOf.has(entry.pupilId))
    .map((entry) => entry.pupilId);
  if (missing.length > 0) return err({ kind: 'not-on-roll', pupilIds: missing });
  return runAtomically<LessonMark[], LessonRegisterError>(db, async (trx) =>
    ok(
      await recordLessonMarks(trx, {
        lessonId: lesson.id,
        date: input.date,
        entries: input.entries.map((entry) => ({
          ...entry,
          enrolmentId: enrolmentOf.get(entry.pupilId) ?? 0,
        })),
        recordedBy: input.recordedBy,
        at: clock.now(),
      }),
    ),
  );
}

/** Post-registration truancy: present at the session's register, then missing from a lesson. */
export async function findPostRegistrationTruancy(
  db: Executor,
  query: { schoolId: number; date: IsoDate },
): Promise<SuspectedTruancy[]> {
  return findSuspectedTruancy(db, {
    ...query,
    presentCodes: PRESENT_AT_REGISTRATION,
    lessonAbsentCodes: MISSING_FROM_LESSON,
  });
}
