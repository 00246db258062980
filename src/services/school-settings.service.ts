import { can, type Actor } from '../domain/access/access-policy.ts';
import type { InputProblem } from '../domain/problem.ts';
import { checkRegisterTimes } from '../domain/register/register-rules.ts';
import { err, ok, type Result } from '../domain/result.ts';
import { recordAuditEvent } from '../store/audit.repository.ts';
import { findLetterhead, saveLetterhead } from '../store/letter.repository.ts';
import {
  lockSchool,
  updateRegisterTimes,
  updateSchoolName,
} from '../store/school-admin.repository.ts';
import {
  findSchool,
  listSchoolsInLocalAuthority,
  listSchoolsInTrust,
  type RegisterTimes,
  type School,
} from '../store/school.repository.ts';
import { runAtomically, type Executor } from '../store/transaction.ts';
import type { Clock } from './clock.ts';

export interface SchoolSettingsDeps {
  readonly db: Executor;
  readonly clock: Clock;
}

/** The school's address and contacts, printed at the head of its letters. */
export interface Letterhead {
  readonly address: string;
  readonly phone: string | null;
  readonly email: string | null;
  readonly signatory: string | null;
}

export interface SchoolSettings {
  readonly school: School;
  readonly letterhead: Letterhead;
}

export type SchoolSettingsError =
  | { readonly kind: 'school-not-found' }
  | { readonly kind: 'register-times-invalid'; readonly problems: readonly InputProblem[] };

const blankLetterhead: Letterhead = { address: '', phone: null, email: null, signatory: null };

/** The schools an actor may manage, by name. */
export async function listManagedSchools(db: Executor, actor: Actor): Promise<School[]> {
  const { reach } = actor;
  const candidates =
    reach.kind === 'school'
      ? [await findSchool(db, reach.schoolId)].filter((school) => school !== undefined)
      : reach.kind === 'trust'
        ? await listSchoolsInTrust(db, reach.trustId)
        : reach.kind === 'local-authority'
          ? await listSchoolsInLocalAuthority(db, reach.localAuthorityId)
          : [];
  return candidates.filter((school) =>
    can(actor, 'manage-school', {
      school: { id: school.id, trustId: school.trustId, localAuthorityId: school.localAuthorityId },
    }),
  );
}

export async function loadSchoolSettings(
  db: Executor,
  schoolId: number,
): Promise<SchoolSettings | undefined> {
  const school = await findSchool(db, schoolId);
  if (school === undefined) return undefined;
  const stored = await findLetterhead(db, schoolId);
  return { school, letterhead: stored ?? blankLetterhead };
}

/** Renames the school and sets its letterhead, in one change with one audit entry. */
export async function changeSchoolDetails(
  deps: SchoolSettingsDeps,
  change: {
    readonly schoolId: number;
    readonly actorUserId: number;
    readonly name: string;
    readonly letterhead: Letterhead;
  },
): Promise<Result<SchoolSettings, SchoolSettingsError>> {
  const at = deps.clock.now();
  return runAtomically<SchoolSettings, SchoolSettingsError>(deps.db, async (trx) => {
    if (!(await lockSchool(trx, change.schoolId))) return err({ kind: 'school-not-found' });
    const before = await loadSchoolSettings(trx, change.schoolId);
    if (before === undefined) return err({ kind: 'school-not-found' });
    await updateSchoolName(trx, { schoolId: change.schoolId, name: change.name });
    await saveLetterhead(trx, { schoolId: change.schoolId, ...change.letterhead }, at);
    await recordAuditEvent(trx, {
      actorUserId: change.actorUserId,
      action: 'school.details-changed',
      subjectPupilId: null,
      details: {
        schoolId: change.schoolId,
        before: { name: before.school.name, letterhead: before.letterhead },
        after: { name: change.name, letterhead: change.letterhead },
      },
      occurredAt: at,
    });
    return ok({ school: { ...before.school, name: change.name }, letterhead: change.letterhead });
  });
}

// checkRegisterTimes words each problem about one register; name the field it points at.
function fieldOfTimesProblem(message: string): string {
  const named = /^(amOpens|amCloses|pmOpens|pmCloses) /.exec(message);
  if (named?.[1] !== undefined) return named[1];
  if (message.includes('morning register must close before the afternoon')) return 'pmOpens';
  return message.includes('afternoon') ? 'pmCloses' : 'amCloses';
}

/**
 * Sets the times the morning and afternoon registers open and close, which decide L (late,
 * before the register closes) or U (after) at reception.
 */
export async function changeRegisterTimes(
  deps: SchoolSettingsDeps,
  change: {
    readonly schoolId: number;
    readonly actorUserId: number;
    readonly times: RegisterTimes;
  },
): Promise<Result<RegisterTimes, SchoolSettingsError>> {
  const problems = checkRegisterTimes(change.times);
  if (problems.length > 0)
    return err({
      kind: 'register-times-invalid',
      problems: problems.map((message) => ({ field: fieldOfTimesProblem(message), message })),
    });
  const at = deps.clock.now();
  return runAtomically<RegisterTimes, SchoolSettingsError>(deps.db, async (trx) => {
    if (!(await lockSchool(trx, change.schoolId))) return err({ kind: 'school-not-found' });
    const before = await findSchool(trx, change.schoolId);
    if (before === undefined) return err({ kind: 'school-not-found' });
    await updateRegisterTimes(trx, { schoolId: change.schoolId, times: change.times });
    await recordAuditEvent(trx, {
      actorUserId: change.actorUserId,
      action: 'school.register-times-changed',
      subjectPupilId: null,
      details: { schoolId: change.schoolId, before: before.registerTimes, after: change.times },
      occurredAt: at,
    });
    return ok(change.times);
  });
}
