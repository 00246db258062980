import { createHash } from 'node:crypto';
import type { IsoDate } from '../domain/calendar/plain-date.ts';
import type { SessionName } from '../domain/calendar/school-calendar.ts';
import {
  checkRegisterDate,
  explainInvalidCode,
  TEACHER_REGISTER_CODES,
  type RegisterDateProblem,
} from '../domain/register/register-rules.ts';
import { err, ok, type Result } from '../domain/result.ts';
import { listAbsenceReportsCovering } from '../store/absence-report.repository.ts';
import { findStoredResponse, saveStoredResponse } from '../store/idempotency.repository.ts';
import {
  writeSessionMarks,
  type RecordSessionMarksError,
  type Recorder,
} from '../store/mark.repository.ts';
import { findRollEnrolments } from '../store/pupil.repository.ts';
import { runAtomically, type Executor } from '../store/transaction.ts';
import type { Clock } from './clock.ts';
import { londonWallClock } from './london-time.ts';
import {
  loadSchoolCalendar,
  type SchoolCalendarCache,
  type SchoolCalendarError,
} from './school-calendar.service.ts';

export interface RegisterDeps {
  readonly db: Executor;
  readonly clock: Clock;
  /** Reuses compiled calendars between submissions; without it each one reads the calendar. */
  readonly calendars?: SchoolCalendarCache;
}

export interface RegisterEntry {
  readonly pupilId: number;
  readonly code: string;
  /** The version the person saw (null: no mark yet); omit to overwrite whatever is there. */
  readonly expectedVersion?: number | null | undefined;
}

export interface TakeRegisterInput {
  readonly schoolId: number;
  /** The class whose register this is; null for a whole-school register (office). */
  readonly classId: number | null;
  readonly date: IsoDate;
  readonly session: SessionName;
  readonly entries: readonly RegisterEntry[];
  readonly recordedBy: number;
  /** recordedBy's name and role when the caller knows them (the signed-in user); else read. */
  readonly recorder?: Recorder;
  /** Class teachers record presence, lateness and N; reasons come from reports or the office. */
  readonly teacherCodesOnly: boolean;
  /** Required for a change to an existing mark. */
  readonly reason: string | null;
  readonly idempotencyKey: string | null;
}

export interface TakenRegister {
  readonly date: IsoDate;
  readonly session: SessionName;
  readonly created: number;
  readonly changed: number;
  readonly unchanged: number;
  readonly marks: readonly { pupilId: number; markId: number; code: string; version: number }[];
  /** True when this is the stored answer to an earlier submission with the same key. */
  readonly replayed: boolean;
}

export interface CodeProblem {
  readonly pupilId: number;
  readonly code: string;
  readonly message: string;
}

export type TakeRegisterError =
  | SchoolCalendarError
  | RegisterDateProblem
  | { readonly kind: 'invalid-codes'; readonly problems: readonly CodeProblem[] }
  | {
      readonly kind: 'not-on-roll';
      readonly pupilIds: readonly number[];
      readonly classId: number | null;
    }
  | { readonly kind: 'idempotency-key-reused'; readonly key: string }
  | RecordSessionMarksError;

function hashRequest(input: TakeRegisterInput): string {
  const canonical = JSON.stringify([
    input.schoolId,
    input.classId,
    input.date,
    input.session,
    input.reason,
    [...input.entries]
      .sort((a, b) => a.pupilId - b.pupilId)
      .map((e) => [e.pupilId, e.code, e.expectedVersion ?? null]),
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * Take (or retake) one session's register. Everything is checked before anything is written;
 * the marks, their history and the idempotency record commit together or not at all.
 */
export async function takeRegister(
  deps: RegisterDeps,
  input: TakeRegisterInput,
): Promise<Result<TakenRegister, TakeRegisterError>> {
  const requestHash = hashRequest(input);
  const outcome = await recordRegister(deps, input, requestHash);
  if (outcome.ok) return outcome;
  const key = input.idempotencyKey;
  if (key !== null) {
    // Nothing looks for an earlier submission up front (the rush would pay a read for every
    // register): saving the key inside the transaction fails if it was used, and so may the
    // checks before it. Either way a stored response answers, exactly as a look-up first would.
    const stored = await findStoredResponse(deps.db, { userId: input.recordedBy, key });
    if (stored) return replayOrRefuse(stored, requestHash, key);
  }
  if (outcome.error.kind === 'key-taken')
    return err({ kind: 'idempotency-key-reused', key: key ?? '' });
  return err(outcome.error);
}

async function recordRegister(
  deps: RegisterDeps,
  input: TakeRegisterInput,
  requestHash: string,
): Promise<Result<TakenRegister, TakeRegisterError | { readonly kind: 'key-taken' }>> {
  const { db, clock } = deps;
  const loaded = await (deps.calendars?.loadSchoolCalendar(db, input.schoolId) ??
    loadSchoolCalendar(db, input.schoolId));
  if (!loaded.ok) return loaded;
  const { school, calendar } = loaded.value;
  const today = londonWallClock(clock.now()).date;
  const dateProblem = checkRegisterDate(calendar, input.date, today);
  if (dateProblem) return err(dateProblem);

  // Reported absences matter only to a class register carrying a code beyond / \ L U N.
  const suggested = new Set<string>();
  if (input.teacherCodesOnly && input.entries.some((e) => !TEACHER_REGISTER_CODES.has(e.code))) {
    for (const report of await listAbsenceReportsCovering(db, {
      schoolId: input.schoolId,
      date: input.date,
    })) {
      if (report.suggestedCode !== null) suggested.add(`${report.pupilId}:${report.suggestedCode}`);
    }
  }
  const codeProblems: CodeProblem[] = [];
  for (const entry of input.entries) {
    const invalid = explainInvalidCode(school.jurisdiction, input.date, entry.code);
    if (invalid) codeProblems.push({ pupilId: entry.pupilId, code: entry.code, message: invalid });
    else if (
      input.teacherCodesOnly &&
      !TEACHER_REGISTER_CODES.has(entry.code) &&
      !suggested.has(`${entry.pupilId}:${entry.code}`)
    )
      codeProblems.push({
        pupilId: entry.pupilId,
        code: entry.code,
        message: `a class register records / \\ L U or N; the office records "${entry.code}" once the reason is known`,
      });
  }
  if (codeProblems.length > 0) return err({ kind: 'invalid-codes', problems: codeProblems });

  const onRoll = await findRollEnrolments(db, {
    schoolId: input.schoolId,
    date: input.date,
    ...(input.classId === null ? {} : { classId: input.classId }),
    pupilIds: input.entries.map((entry) => entry.pupilId),
  });
  const enrolmentOf = new Map(onRoll.map((entry) => [entry.pupilId, entry.enrolmentId]));
  const notOnRoll = input.entries
    .filter((entry) => !enrolmentOf.has(entry.pupilId))
    .map((entry) => entry.pupilId);
  if (notOnRoll.length > 0)
    return err({ kind: 'not-on-roll', pupilIds: notOnRoll, classId: input.classId });

  const at = clock.now();
  const key = input.idempotencyKey;
  return runAtomically<TakenRegister, TakeRegisterError | { readonly kind: 'key-taken' }>(
    db,
    async (trx) => {
      // This transaction rolls back whenever the marks fail, so they need no savepoint.
      const recorded = await writeSessionMarks(trx, {
        schoolId: input.schoolId,
        date: input.date,
        session: input.session,
        entries: input.entries.map((entry) => ({
          pupilId: entry.pupilId,
          enrolmentId: enrolmentOf.get(entry.pupilId) ?? 0,
          code: entry.code,
          ...(entry.expectedVersion === undefined
            ? {}
            : { expectedVersion: entry.expectedVersion }),
        })),
        recordedBy: input.recordedBy,
        ...(input.recorder === undefined ? {} : { recorder: input.recorder }),
        source: input.teacherCodesOnly ? 'register' : 'office',
        reason: input.reason,
        at,
      });
      if (!recorded.ok) return recorded;
      const response: TakenRegister = {
        date: input.date,
        session: input.session,
        created: recorded.value.created,
        changed: recorded.value.changed,
        unchanged: recorded.value.unchanged,
        marks: recorded.value.marks.map((mark) => ({
          pupilId: mark.pupilId,
          markId: mark.id,
          code: mark.code,
          version: mark.version,
        })),
        replayed: false,
      };
      if (key === null) return ok(response);
      const saved = await saveStoredResponse(trx, {
        userId: input.recordedBy,
        key,
        requestHash,
        response: { ...response },
        at,
      });
      return saved.ok ? ok(response) : err({ kind: 'key-taken' });
    },
  );
}

function replayOrRefuse(
  stored: { readonly requestHash: string; readonly response: Readonly<Record<string, unknown>> },
  requestHash: string,
  key: string,
): Result<TakenRegister, TakeRegisterError> {
  if (stored.requestHash !== requestHash) return err({ kind: 'idempotency-key-reused', key });
  // Stored by this function from a TakenRegister, so the shape is known.
  return ok({ ...(stored.response as unknown as TakenRegister), replayed: true });
}
