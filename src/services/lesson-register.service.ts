import { isoWeekday, type IsoDate } from '../domain/calendar/plain-date.ts';
import { checkRegisterDate, type RegisterDateProblem } from '../domain/register/register-rules.ts';
import {
  explainInvalidLessonCode,
  lessonRunsOn,
  MISSING_FROM_LESSON,
  PRESENT_AT_REGISTRATION,
} from '../domain/register/lesson-rules.ts';
import { err, ok, type Result } from '../domain/result.ts';
import {
  findLesson,
  listLessonMarks,
  lockLessonMarks,
} from '../store/lesson-register.repository.ts';
import {
  findSuspectedTruancy,
  listLessonsOn,
  recordLessonMarks,
  type Lesson,
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
  | { readonly kind: 'not-on-roll'; readonly pupilIds: readonly number[] }
  | { readonly kind: 'version-conflict'; readonly conflicts: readonly LessonMarkConflict[] };

/** A lesson mark that changed since the submitter saw it, as it is now (null: no mark). */
export interface LessonMarkConflict {
  readonly pupilId: number;
  readonly expectedVersion: number | null;
  readonly current: { readonly code: string; readonly version: number } | null;
}

/** A lesson register taken: every pupil sent, with the mark they now hold. */
export interface LessonRegisterTaken {
  readonly marks: readonly { pupilId: number; code: string; version: number }[];
  /** Marks created or changed; the rest already held the code sent. */
  readonly changed: number;
}

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

/**
 * Take a lesson's register: every mark checked first, then written in one statement.
 *
 * An entry with `expectedVersion` (null: no mark yet) is refused, with nothing written, when the
 * pupil's mark has moved on from that version to a code other than the one sent: a retry that
 * arrives late, or a second device, cannot overwrite a newer mark unseen. A mark that already
 * holds the code sent is left as it is (same version), so sending the same marks again, as the
 * page does when an answer was lost, is not a conflict.
 */
export async function takeLessonRegister(
  deps: { readonly db: Executor; readonly clock: Clock },
  input: {
    lessonId: number;
    date: IsoDate;
    entries: readonly { pupilId: number; code: string; expectedVersion?: number | null }[];
    recordedBy: number;
  },
): Promise<Result<LessonRegisterTaken, LessonRegisterError>> {
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
  return runAtomically<LessonRegisterTaken, LessonRegisterError>(db, async (trx) => {
    const current = new Map(
      (
        await lockLessonMarks(trx, {
          lessonId: lesson.id,
          date: input.date,
          pupilIds: input.entries.map((entry) => entry.pupilId),
        })
      ).map((mark) => [mark.pupilId, mark]),
    );
    const conflicts = input.entries.flatMap((entry): LessonMarkConflict[] => {
      const mark = current.get(entry.pupilId);
      if (entry.expectedVersion === undefined || mark?.code === entry.code) return [];
      if ((mark?.version ?? null) === entry.expectedVersion) return [];
      return [
        {
          pupilId: entry.pupilId,
          expectedVersion: entry.expectedVersion,
          current: mark === undefined ? null : { code: mark.code, version: mark.version },
        },
      ];
    });
    if (conflicts.length > 0) return err({ kind: 'version-conflict', conflicts });
    const written = new Map(
      (
        await recordLessonMarks(trx, {
          lessonId: lesson.id,
          date: input.date,
          entries: input.entries
            .filter((entry) => current.get(entry.pupilId)?.code !== entry.code)
            .map((entry) => ({
              pupilId: entry.pupilId,
              code: entry.code,
              enrolmentId: enrolmentOf.get(entry.pupilId) ?? 0,
            })),
          recordedBy: input.recordedBy,
          at: clock.now(),
        })
      ).map((mark) => [mark.pupilId, mark]),
    );
    return ok({
      marks: input.entries.map((entry) => {
        // Every pupil sent either was written just now or already held the code sent.
        const mark = written.get(entry.pupilId) ?? current.get(entry.pupilId);
        if (mark === undefined) throw new Error('a lesson mark sent was neither kept nor written');
        return { pupilId: entry.pupilId, code: mark.code, version: mark.version };
      }),
      changed: written.size,
    });
  });
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
