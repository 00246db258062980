import type { LessonRegisterResponse } from '../../contracts/lesson.contract.ts';
import type { ShownError } from '../components/problem-alert.tsx';
import { formatPupilName } from '../register/register-sheet.tsx';

export type LessonRow = LessonRegisterResponse['pupils'][number];
export type LessonSummary = LessonRegisterResponse['lesson'];

/** Whether a lesson's register is taken, as the list of today's registers shows it. */
export interface LessonRegisterState {
  readonly status: 'taken' | 'partly-taken' | 'not-taken';
  readonly marked: number;
  readonly pupils: number;
}

/** How far a lesson's register is taken: every pupil, some, or none marked. */
export function summarizeLessonRegister(rows: readonly LessonRow[]): LessonRegisterState {
  const marked = rows.filter((row) => row.mark !== null).length;
  const status = marked === 0 ? 'not-taken' : marked === rows.length ? 'taken' : 'partly-taken';
  return { status, marked, pupils: rows.length };
}

/** A lesson mark to send, with the version of the mark it replaces (null: there was none). */
export interface LessonEntry {
  readonly pupilId: number;
  readonly code: string;
  readonly expectedVersion: number | null;
}

/**
 * The marks to send: each pupil whose chosen mark differs from the one recorded, with the
 * version seen, so the server refuses to overwrite a mark someone changed meanwhile.
 */
export function listChangedEntries(
  rows: readonly LessonRow[],
  choices: ReadonlyMap<number, string | null>,
): LessonEntry[] {
  return rows.flatMap((row) => {
    const chosen = choices.get(row.pupilId) ?? null;
    return chosen === null || chosen === (row.mark?.code ?? null)
      ? []
      : [{ pupilId: row.pupilId, code: chosen, expectedVersion: row.mark?.version ?? null }];
  });
}

/** The rows after the server recorded marks: each holds the mark the server answered with. */
export function applyRecordedEntries(
  rows: readonly LessonRow[],
  marks: readonly { pupilId: number; code: string; version: number }[],
): LessonRow[] {
  const recorded = new Map(marks.map((mark) => [mark.pupilId, mark]));
  return rows.map((row) => {
    const mark = recorded.get(row.pupilId);
    return mark === undefined ? row : { ...row, mark: { code: mark.code, version: mark.version } };
  });
}

/** Counts of the chosen marks, for the line above the register. */
export function countLessonChoices(
  rows: readonly LessonRow[],
  choices: ReadonlyMap<number, string | null>,
): { present: number; late: number; absent: number; unmarked: number } {
  const counts = { present: 0, late: 0, absent: 0, unmarked: 0 };
  for (const row of rows) {
    const code = choices.get(row.pupilId) ?? null;
    if (code === null) counts.unmarked += 1;
    else if (code === 'L') counts.late += 1;
    else if (code === 'N') counts.absent += 1;
    else counts.present += 1;
  }
  return counts;
}

/** "Maths, period 2" for a lesson; a lesson without a subject is named by its period. */
export function describeLesson(lesson: Pick<LessonSummary, 'subject' | 'period'>): string {
  return lesson.subject === null
    ? `Period ${lesson.period}`
    : `${lesson.subject}, period ${lesson.period}`;
}

/**
 * Field errors name an entry by position ("body.entries.3.code") or by pupil id
 * ("body.entries (pupil 42)"); say which pupil by name instead.
 */
export function namePupilsInFields(
  error: ShownError,
  entries: readonly { readonly pupilId: number }[],
  rows: readonly Pick<LessonRow, 'pupilId' | 'firstName' | 'lastName'>[],
): ShownError {
  return {
    detail: error.detail,
    fields: error.fields.map((field) => {
      const byId = /\(pupil (\d+)\)/.exec(field.field)?.[1];
      const position = /entries\.(\d+)/.exec(field.field)?.[1];
      const pupilId =
        byId !== undefined
          ? Number(byId)
          : position === undefined
            ? undefined
            : entries[Number(position)]?.pupilId;
      const row = rows.find((candidate) => candidate.pupilId === pupilId);
      return row === undefined ? field : { field: formatPupilName(row), message: field.message };
    }),
  };
}
