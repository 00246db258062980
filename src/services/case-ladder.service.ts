import { CASE_LADDERS, type CaseLadder } from '../domain/followup/case-ladder.ts';
import { err, ok, type Result } from '../domain/result.ts';
import { findSchool } from '../store/school.repository.ts';
import type { Executor } from '../store/transaction.ts';

/** Every ladder a case can climb, and the one the school's policy preset names, if any. */
export async function listSchoolCaseLadders(
  db: Executor,
  schoolId: number,
): Promise<
  Result<
    { ladders: readonly CaseLadder[]; schoolLadder: string | null },
    { readonly kind: 'school-not-found'; readonly schoolId: number }
  >
> {
  const school = await findSchool(db, schoolId);
  if (!school) return err({ kind: 'school-not-found', schoolId });
  // The Wigston and Roch presets come with their own ladders; other schools choose one.
  const schoolLadder = CASE_LADDERS.find((ladder) => ladder.id === school.policyPreset)?.id ?? null;
  return ok({ ladders: CASE_LADDERS, schoolLadder });
}
