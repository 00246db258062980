import type { IsoDate } from '../domain/calendar/plain-date.ts';
import { PRESENT_AT_REGISTRATION } from '../domain/register/lesson-rules.ts';
import type { DemoMark } from './demo-school.ts';

/** One period of a secondary school's day, with the session it falls in. */
export interface DemoPeriod {
  readonly period: string;
  readonly session: 'AM' | 'PM';
  readonly startsAt: string;
  readonly endsAt: string;
}

/** A class's weekly lesson: an ISO weekday (1 is Monday), a period and its subject. */
export interface DemoLesson extends DemoPeriod {
  readonly weekday: number;
  readonly subject: string;
}

// Three periods after morning registration, two after afternoon registration.
export const DEMO_PERIODS: readonly DemoPeriod[] = [
  { period: '1', session: 'AM', startsAt: '08:50', endsAt: '09:50' },
  { period: '2', session: 'AM', startsAt: '09:50', endsAt: '10:50' },
  { period: '3', session: 'AM', startsAt: '11:10', endsAt: '12:10' },
  { period: '4', session: 'PM', startsAt: '13:05', endsAt: '14:05' },
  { period: '5', session: 'PM', startsAt: '14:05', endsAt: '15:05' },
];

const SUBJECTS = [
  'English',
  'Maths',
  'Science',
  'History',
  'English',
  'Maths',
  'Geography',
  'Science',
  'French',
  'Computing',
  'Art',
  'PE',
  'Music',
  'Religious Education',
];

/** The weekly timetable of one class: every period of every weekday, subjects in rotation. */
export function planClassTimetable(classIndex: number): DemoLesson[] {
  const lessons: DemoLesson[] = [];
  for (let weekday = 1; weekday <= 5; weekday++) {
    for (const [slot, period] of DEMO_PERIODS.entries()) {
      // Classes start the rotation at different places so no two share a day's subjects.
      const turn = classIndex * 3 + (weekday - 1) * DEMO_PERIODS.length + slot;
      lessons.push({ ...period, weekday, subject: SUBJECTS[turn % SUBJECTS.length] ?? 'English' });
    }
  }
  return lessons;
}

const IN_AT_REGISTRATION: ReadonlySet<string> = new Set(PRESENT_AT_REGISTRATION);

/**
 * One class's lesson marks for a day, as its teachers would have taken them: present in every
 * lesson when in at registration, absent otherwise, except one pupil (the first in at
 * registration in the morning) missing from the second period: a case of post-registration
 * truancy for the office to follow up.
 */
export function planDayOfLessonMarks(input: {
  date: IsoDate;
  /** The class's lessons that day, in period order, each with its key. */
  lessons: readonly { readonly key: number; readonly session: 'AM' | 'PM' }[];
  /** The class's pupils on roll that day, with their marks for the year. */
  pupils: readonly { readonly key: number; readonly marks: readonly DemoMark[] }[];
}): { lessonKey: number; pupilKey: number; code: '/' | 'N' }[] {
  const sessionCodes = input.pupils.map((pupil) => {
    const day = pupil.marks.filter((mark) => mark.date === input.date);
    return {
      key: pupil.key,
      AM: day.find((mark) => mark.session === 'AM')?.code ?? null,
      PM: day.find((mark) => mark.session === 'PM')?.code ?? null,
    };
  });
  const truant = sessionCodes.find((pupil) => IN_AT_REGISTRATION.has(pupil.AM ?? ''))?.key;
  const truantLesson = input.lessons.filter((lesson) => lesson.session === 'AM')[1]?.key;
  return input.lessons.flatMap((lesson) =>
    sessionCodes
      .filter((pupil) => pupil[lesson.session] !== null)
      .map((pupil) => ({
        lessonKey: lesson.key,
        pupilKey: pupil.key,
        code:
          (pupil.key === truant && lesson.key === truantLesson) ||
          !IN_AT_REGISTRATION.has(pupil[lesson.session] ?? '')
            ? ('N' as const)
            : ('/' as const),
      })),
  );
}

/** The last day any pupil has a mark: the most recent register taken. */
export function findLastMarkedDate(
  pupils: readonly { readonly marks: readonly DemoMark[] }[],
): IsoDate | null {
  let last: IsoDate | null = null;
  for (const pupil of pupils) {
    const date = pupil.marks.at(-1)?.date;
    if (date !== undefined && (last === null || date > last)) last = date;
  }
  return last;
}
