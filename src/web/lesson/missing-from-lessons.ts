import type { SchoolLessonsResponse, TruancyResponse } from '../../contracts/lesson.contract.ts';
import { formatPupilName } from '../register/register-sheet.tsx';
import type { ClassRoll } from './use-class-rolls.ts';

type LessonSummary = SchoolLessonsResponse['lessons'][number];

/** One lesson a pupil missed after being marked in at registration, with the lesson itself. */
export interface MissedLesson {
  readonly pupilId: number;
  readonly session: TruancyResponse['suspected'][number]['session'];
  readonly sessionCode: string;
  readonly lessonCode: string;
  readonly period: string;
  readonly lesson: LessonSummary | null;
}

/** The day's suspected cases with their lessons, in the order of the day's periods. */
export function listMissedLessons(
  suspected: TruancyResponse['suspected'],
  lessons: readonly LessonSummary[],
): MissedLesson[] {
  const lessonOf = new Map(lessons.map((lesson) => [lesson.lessonId, lesson]));
  return suspected
    .map((entry) => ({
      pupilId: entry.pupilId,
      session: entry.session,
      sessionCode: entry.sessionCode,
      lessonCode: entry.lessonCode,
      period: entry.period,
      lesson: lessonOf.get(entry.lessonId) ?? null,
    }))
    .sort(
      (a, b) =>
        (a.lesson?.startsAt ?? '').localeCompare(b.lesson?.startsAt ?? '') || a.pupilId - b.pupilId,
    );
}

/** The weekday before a date (Friday for a Monday), for stepping back through school days. */
export function findPreviousWeekday(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  do day.setUTCDate(day.getUTCDate() - 1);
  while (day.getUTCDay() === 0 || day.getUTCDay() === 6);
  return day.toISOString().slice(0, 10);
}

/** The pupil's name ("Surname, Forename") and class, once their lesson's class roll is known. */
export function describeMissedPupil(
  entry: Pick<MissedLesson, 'pupilId' | 'lesson'>,
  rolls: ReadonlyMap<number, ClassRoll>,
): { name: string; className: string } {
  const unnamed = `Pupil ${String(entry.pupilId)}`;
  const roll = entry.lesson === null ? undefined : rolls.get(entry.lesson.classId);
  if (roll === undefined) return { name: unnamed, className: 'Loading…' };
  if (roll.kind === 'failed') return { name: unnamed, className: 'Could not be loaded' };
  const row = roll.register.pupils.find((pupil) => pupil.pupilId === entry.pupilId);
  return {
    name: row === undefined ? unnamed : formatPupilName(row),
    className: roll.register.className,
  };
}
