import { explainInvalidCode, TEACHER_REGISTER_CODES } from '../domain/register/register-rules.ts';
import { err, type Result } from '../domain/result.ts';
import {
  amendMark,
  findMarkById,
  type AmendMarkError,
  type Mark,
} from '../store/mark.repository.ts';
import type { MarkSource } from '../store/schema.ts';
import { findSchool } from '../store/school.repository.ts';
import type { Executor } from '../store/transaction.ts';
import type { Clock } from './clock.ts';

export interface AmendMarkInput {
  readonly markId: number;
  /** The version the person saw; a newer one means someone else changed it meanwhile. */
  readonly expectedVersion: number;
  readonly code: string;
  readonly reason: string;
  readonly changedBy: number;
  readonly teacherCodesOnly: boolean;
  readonly source: MarkSource;
}

export type AmendMarkServiceError =
  | AmendMarkError
  | { readonly kind: 'invalid-code'; readonly code: string; readonly message: string }
  | { readonly kind: 'reason-missing' };

/** Change one mark with a reason; history keeps the original and every amendment. */
export async function amendRegisterMark(
  deps: { readonly db: Executor; readonly clock: Clock },
  input: AmendMarkInput,
): Promise<Result<{ mark: Mark; changed: boolean }, AmendMarkServiceError>> {
  if (input.reason.trim() === '') return err({ kind: 'reason-missing' });
  const current = await findMarkById(deps.db, input.markId);
  if (!current) return err({ kind: 'mark-not-found', markId: input.markId });
  const school = await findSchool(deps.db, current.schoolId);
  if (!school) return err({ kind: 'mark-not-found', markId: input.markId });
  const invalid = explainInvalidCode(school.jurisdiction, current.date, input.code);
  if (invalid) return err({ kind: 'invalid-code', code: input.code, message: invalid });
  if (input.teacherCodesOnly && !TEACHER_REGISTER_CODES.has(input.code))
    return err({
      kind: 'invalid-code',
      code: input.code,
      message: `a class teacher records / \\ L U or N; the office records "${input.code}"`,
    });
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
