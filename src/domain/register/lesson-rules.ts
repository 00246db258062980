/**
 * Lesson registers are the school's own record (the statutory register is taken per session),
 * so they use a small set of marks: present, late, absent.
 */
const LESSON_CODE_MEANINGS: Readonly<Record<string, string>> = {
  '/': 'present',
  L: 'late',
  N: 'absent',
};

export const LESSON_CODES: ReadonlySet<string> = new Set(Object.keys(LESSON_CODE_MEANINGS));

/** "late (L)" for a lesson mark; the code alone for one that is not a lesson mark. */
export function describeLessonCode(code: string): string {
  const meaning = LESSON_CODE_MEANINGS[code];
  return meaning === undefined ? code : `${meaning} (${code})`;
}

/** Session codes meaning the pupil was in school at registration. */
export const PRESENT_AT_REGISTRATION: readonly string[] = ['/', '\\', 'L'];

/** Lesson codes meaning the pupil was missing from the lesson. */
export const MISSING_FROM_LESSON: readonly string[] = ['N'];

/** Why a lesson mark is not allowed, or null when it is. */
export function explainInvalidLessonCode(code: string): string | null {
  return LESSON_CODES.has(code)
    ? null
    : `"${code}" is not a lesson mark; use / (present), L (late) or N (absent)`;
}

/** Whether a weekly lesson runs on a date: its weekday, inside its validity. */
export function lessonRunsOn(
  lesson: { weekday: number; validFrom: string; validTo: string | null },
  date: string,
  weekday: number,
): boolean {
  return (
    lesson.weekday === weekday &&
    date >= lesson.validFrom &&
    (lesson.validTo === null || date <= lesson.validTo)
  );
}
