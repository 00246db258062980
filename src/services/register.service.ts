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
import { findStoredResponse } from '../store/idempotency.repository.ts';
import type { RecordSessionMarksError, Recorder } from '../store/mark.repository.ts';
import {
  writeRegisterSubmission,
  type RegisterSubmission,
  type RegisterSubmissionOutcome,
} from '../store/register-submission.repository.ts';
import type { RegisterWriteQueue } from '../store/register-write-queue.ts';
import type { Executor } from '../store/transaction.ts';
import type { Clock } from './clock.ts';
import { londonWallClock } from './london-time.ts';
import {
  loadSchoolCalendar,
  type LoadedSchoolCalendar,
  type SchoolCalendarCache,
  type SchoolCalendarError,
  type VersionedSchoolCalendar,
} from './school-calendar.service.ts';

export interface RegisterDeps {
  readonly db: Executor;
  readonly clock: Clock;
  /** Reuses compiled calendars between submissions; without it each one reads the calendar. */
  readonly calendars?: SchoolCalendarCache;
  /** Writes submissions that arrive together in one statement; without it each is alone. */
  readonly registerWrites?: RegisterWriteQueue;
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
  if (outcome.error.kind === 'key-used')
    return replayOrRefuse(outcome.error, requestHash, key ?? '');
  if (key !== null) {
    // A submission refused before it reached the database (a date or code it no longer
    // accepts, say) may still be the retry of one stored earlier: the stored answer wins.
    const stored = await findStoredResponse(deps.db, { userId: input.recordedBy, key });
    if (stored) return replayOrRefuse(stored, requestHash, key);
  }
  return err(outcome.error);
}

type KeyUsed = Extract<RegisterSubmissionOutcome, { kind: 'key-used' }>;

async function recordRegister(
  deps: RegisterDeps,
  input: TakeRegisterInput,
  requestHash: string,
): Promise<Result<TakenRegister, TakeRegisterError | KeyUsed>> {
  const duplicates = findDuplicatePupils(input.entries);
  if (duplicates.length > 0) return err({ kind: 'duplicate-pupil', pupilIds: duplicates });
  // The first attempt trusts the calendar compiled in memory, sparing a read per register;
  // the statement that writes checks its version, and a refusal on a calendar that was not
  // checked is tried again on one that is.
  for (let attempt = 1; attempt <= 3; attempt++) {
    const unchecked = attempt === 1 ? await findUncheckedCalendar(deps, input.schoolId) : undefined;
    const calendar = unchecked ?? (await readCalendar(deps, input.schoolId));
    if (!calendar.ok) return calendar;
    const problem = await checkSubmission(deps.db, input, calendar.value.loaded, deps.clock);
    if (problem !== undefined) {
      if (unchecked !== undefined) continue;
      return err(problem);
    }
    const written = await writeSubmission(deps, {
      schoolId: input.schoolId,
      classId: input.classId,
      date: input.date,
      session: input.session,
      entries: input.entries,
      recordedBy: input.recordedBy,
      recorder: input.recorder,
      source: input.teacherCodesOnly ? 'register' : 'office',
      reason: input.reason,
      at: deps.clock.now(),
      idempotency:
        input.idempotencyKey === null ? null : { key: input.idempotencyKey, requestHash },
      calendarVersion: calendar.value.version,
    });
    switch (written.kind) {
      case 'calendar-changed':
        continue;
      case 'written':
        return ok({
          date: input.date,
          session: input.session,
          ...written.register,
          replayed: false,
        });
      case 'key-used':
        return err(written);
      case 'not-on-roll':
        return err({ kind: 'not-on-roll', pupilIds: written.pupilIds, classId: input.classId });
      default:
        return err(written);
    }
  }
  throw new Error('the school calendar kept changing while a register was being taken');
}

function writeSubmission(
  deps: RegisterDeps,
  submission: RegisterSubmission,
): Promise<RegisterSubmissionOutcome> {
  // Inside a caller's transaction the write belongs to that transaction, not to a batch.
  return deps.registerWrites === undefined || deps.db.isTransaction
    ? writeRegisterSubmission(deps.db, submission)
    : deps.registerWrites.write(submission);
}

/** The calendar compiled in memory (read once if none is), or undefined without a cache. */
async function findUncheckedCalendar(
  deps: RegisterDeps,
  schoolId: number,
): Promise<Result<VersionedSchoolCalendar, SchoolCalendarError> | undefined> {
  if (deps.calendars === undefined) return undefined;
  if (deps.db.isTransaction) {
    const cached = deps.calendars.findUncheckedCalendar(schoolId);
    return cached === undefined ? undefined : ok(cached);
  }
  return deps.calendars.findOrLoadUncheckedCalendar(deps.db, schoolId);
}

/** The school's calendar, and its version when a cache keeps versions (else null). */
async function readCalendar(
  deps: RegisterDeps,
  schoolId: number,
): Promise<Result<{ version: number | null; loaded: LoadedSchoolCalendar }, SchoolCalendarError>> {
  if (deps.calendars !== undefined) return deps.calendars.loadVersionedCalendar(deps.db, schoolId);
  const loaded = await loadSchoolCalendar(deps.db, schoolId);
  return loaded.ok ? ok({ version: null, loaded: loaded.value }) : loaded;
}

/** The date and codes of a submission, checked against the school's calendar and rules. */
async function checkSubmission(
  db: Executor,
  input: TakeRegisterInput,
  { school, calendar }: LoadedSchoolCalendar,
  clock: Clock,
): Promise<
  RegisterDateProblem | Extract<TakeRegisterError, { kind: 'invalid-codes' }> | undefined
> {
  const today = londonWallClock(clock.now()).date;
  const dateProblem = checkRegisterDate(calendar, input.date, today);
  if (dateProblem) return dateProblem;

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
  return codeProblems.length > 0 ? { kind: 'invalid-codes', problems: codeProblems } : undefined;
}

function findDuplicatePupils(entries: readonly RegisterEntry[]): number[] {
  const seen = new Set<number>();
  const duplicates = new Set<number>();
  for (const entry of entries) {
    if (seen.has(entry.pupilId)) duplicates.add(entry.pupilId);
    seen.add(entry.pupilId);
  }
  return [...duplicates];
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
