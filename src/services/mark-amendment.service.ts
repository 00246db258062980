import { explainInvalidCode, TEACHER_REGISTER_CODES } from '../domain/register/register-rules.ts';
import { err, ok, type Result } from '../domain/result.ts';
import {
  amendMark,
  findMarkById,
  lockPupilMarks,
  type AmendMarkError,
  type Mark,
} from '../store/mark.repository.ts';
import type { MarkSource } from '../store/schema.ts';
import { findSchool, type School } from '../store/school.repository.ts';
import { runAtomically, type Executor } from '../store/transaction.ts';
import type { Clock } from './clock.ts';

export interface AmendMarkInput {
  readonly markId: number;
  /** The version the person saw; a newer one means someone else changed it meanwhile. */
  readonly expectedVersion: number;
  readonly code: string;
  readonly reason: string;
  readonly changedBy: number;
  readonly teacherCodesOnly: boolean;
  /** For a role that records reasons but may not amend marks: only N may be replaced. */
  readonly unexplainedOnly?: boolean;
  readonly source: MarkSource;
}

/** Why a change to one mark is refused before anything is written. */
export type MarkChangeRefusal =
  | { readonly kind: 'not-unexplained'; readonly mark: Mark }
  | {
      readonly kind: 'invalid-code';
      readonly code: string;
      readonly message: string;
      readonly mark: Mark;
    };

export type AmendMarkServiceError =
  AmendMarkError | MarkChangeRefusal | { readonly kind: 'reason-missing' };

/** One mark after a change: `changed` is false when it already had the code. */
export interface AmendedMark {
  readonly mark: Mark;
  readonly changed: boolean;
}

/** What the person asks of one mark, whether alone or with others of the pupil's. */
interface MarkChange {
  readonly expectedVersion: number;
  readonly code: string;
  readonly teacherCodesOnly: boolean;
  readonly unexplainedOnly: boolean;
}

/**
 * The rules every change to a mark meets: a role that only records reasons replaces N and
 * nothing else, the code exists in the school's jurisdiction on the mark's date, and a class
 * teacher uses a teacher's codes.
 */
function checkMarkChange(
  current: Mark,
  jurisdiction: School['jurisdiction'],
  change: MarkChange,
): MarkChangeRefusal | undefined {
  // A stale version is answered by the write as a conflict, whatever the code was then.
  if (change.unexplainedOnly && current.version === change.expectedVersion && current.code !== 'N')
    return { kind: 'not-unexplained', mark: current };
  const invalid = explainInvalidCode(jurisdiction, current.date, change.code);
  if (invalid) return { kind: 'invalid-code', code: change.code, message: invalid, mark: current };
  if (change.teacherCodesOnly && !TEACHER_REGISTER_CODES.has(change.code))
    return {
      kind: 'invalid-code',
      code: change.code,
      message: `a class teacher records / \\ L U or N; the office records "${change.code}"`,
      mark: current,
    };
  return undefined;
}

/** Change one mark with a reason; history keeps the original and every amendment. */
export async function amendRegisterMark(
  deps: { readonly db: Executor; readonly clock: Clock },
  input: AmendMarkInput,
): Promise<Result<AmendedMark, AmendMarkServiceError>> {
  if (input.reason.trim() === '') return err({ kind: 'reason-missing' });
  const current = await findMarkById(deps.db, input.markId);
  if (!current) return err({ kind: 'mark-not-found', markId: input.markId });
  const school = await findSchool(deps.db, current.schoolId);
  if (!school) return err({ kind: 'mark-not-found', markId: input.markId });
  const refusal = checkMarkChange(current, school.jurisdiction, {
    ...input,
    unexplainedOnly: input.unexplainedOnly ?? false,
  });
  if (refusal) return err(refusal);
  return amendMark(deps.db, {
    markId: input.markId,
    expectedVersion: input.expectedVersion,
    code: input.code,
    reason: input.reason.trim(),
    changedBy: input.changedBy,
    source: input.source,
    at: deps.clock.now(),
  });
}

export interface ReplacePupilMarksInput {
  readonly pupilId: number;
  /** Each mark with the version the person saw, in the order the answer lists them. */
  readonly marks: readonly { readonly markId: number; readonly expectedVersion: number }[];
  readonly code: string;
  readonly reason: string;
  readonly changedBy: number;
  /** For a role that records reasons but may not amend marks: only N may be replaced. */
  readonly unexplainedOnly: boolean;
  readonly source: MarkSource;
}

/** A mark someone else changed since the person saw it. */
export interface StaleMark {
  readonly expectedVersion: number;
  readonly current: Mark;
}

export type ReplacePupilMarksError =
  | MarkChangeRefusal
  | { readonly kind: 'reason-missing' }
  | { readonly kind: 'duplicate-mark'; readonly markIds: readonly number[] }
  /** Also for a mark of another pupil, which is not named as such. */
  | { readonly kind: 'mark-not-found'; readonly markId: number }
  | { readonly kind: 'version-conflict'; readonly stale: readonly StaleMark[] }
  | { readonly kind: 'unknown-user'; readonly userId: number };

/**
 * Replaces several of one pupil's marks with one code and reason, all or none. Each mark must
 * be the pupil's, still at the version the person saw, and pass the rules of a single
 * amendment; the history gets one entry per mark that changes, as a single amendment writes.
 */
export async function replacePupilMarks(
  deps: { readonly db: Executor; readonly clock: Clock },
  input: ReplacePupilMarksInput,
): Promise<Result<readonly AmendedMark[], ReplacePupilMarksError>> {
  if (input.reason.trim() === '') return err({ kind: 'reason-missing' });
  const duplicates = findDuplicates(input.marks.map((requested) => requested.markId));
  if (duplicates.length > 0) return err({ kind: 'duplicate-mark', markIds: duplicates });
  return runAtomically<readonly AmendedMark[], ReplacePupilMarksError>(deps.db, async (trx) => {
    const locked = await lockPupilMarks(trx, {
      pupilId: input.pupilId,
      markIds: input.marks.map((requested) => requested.markId),
    });
    const byId = new Map(locked.map((mark) => [mark.id, mark]));
    const requests: { current: Mark; expectedVersion: number }[] = [];
    for (const requested of input.marks) {
      const current = byId.get(requested.markId);
      if (current === undefined) return err({ kind: 'mark-not-found', markId: requested.markId });
      requests.push({ current, expectedVersion: requested.expectedVersion });
    }
    const stale = requests.filter(
      ({ current, expectedVersion }) => current.version !== expectedVersion,
    );
    if (stale.length > 0) return err({ kind: 'version-conflict', stale });

    const jurisdictions = new Map<number, School['jurisdiction']>();
    for (const schoolId of new Set(locked.map((mark) => mark.schoolId))) {
      const school = await findSchool(trx, schoolId);
      if (school) jurisdictions.set(schoolId, school.jurisdiction);
    }
    for (const { current, expectedVersion } of requests) {
      const jurisdiction = jurisdictions.get(current.schoolId);
      if (jurisdiction === undefined) return err({ kind: 'mark-not-found', markId: current.id });
      const refusal = checkMarkChange(current, jurisdiction, {
        expectedVersion,
        code: input.code,
        teacherCodesOnly: false,
        unexplainedOnly: input.unexplainedOnly,
      });
      if (refusal) return err(refusal);
    }

    const at = deps.clock.now();
    const amended: AmendedMark[] = [];
    for (const { current, expectedVersion } of requests) {
      // Inside this transaction, so a failure here undoes the marks already changed.
      const outcome = await amendMark(trx, {
        markId: current.id,
        expectedVersion,
        code: input.code,
        reason: input.reason.trim(),
        changedBy: input.changedBy,
        source: input.source,
        at,
      });
      if (!outcome.ok) return err(describeLockedFailure(outcome.error));
      amended.push(outcome.value);
    }
    return ok(amended);
  });
}

/** The failures amendMark can still report on a mark already locked and checked. */
function describeLockedFailure(error: AmendMarkError): ReplacePupilMarksError {
  switch (error.kind) {
    case 'version-conflict':
      return {
        kind: 'version-conflict',
        stale: [{ expectedVersion: error.expectedVersion ?? 0, current: error.current }],
      };
    case 'reason-required':
      return { kind: 'reason-missing' };
    case 'mark-not-found':
    case 'unknown-user':
      return error;
  }
}

function findDuplicates(ids: readonly number[]): number[] {
  const seen = new Set<number>();
  const duplicates = new Set<number>();
  for (const id of ids) {
    if (seen.has(id)) duplicates.add(id);
    seen.add(id);
  }
  return [...duplicates];
}
