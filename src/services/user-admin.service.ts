import { randomInt } from 'node:crypto';
import type { InputProblem } from '../domain/problem.ts';
import { err, ok, type Result } from '../domain/result.ts';
import { recordAuditEvent } from '../store/audit.repository.ts';
import type { UserRole } from '../store/schema.ts';
import { lockSchool } from '../store/school-admin.repository.ts';
import { findSchool } from '../store/school.repository.ts';
import { runAtomically, type Executor } from '../store/transaction.ts';
import {
  changeUserRole,
  countActiveAdmins,
  deleteAllAuthSessions,
  isParentOfSchool,
  linkContactToUser,
  listContactAccounts,
  listSchoolAccounts,
  lockContactOfSchool,
  lockUser,
  reactivateUser,
  type AccountSummary,
  type ContactAccount,
} from '../store/user-admin.repository.ts';
import {
  changeUserPasswordHash,
  createUser,
  deactivateUser,
  findUserCredentials,
} from '../store/user.repository.ts';
import type { Clock } from './clock.ts';
import { londonWallClock } from './london-time.ts';
import { hashPassword, type PasswordHashing } from './password.service.ts';

export interface UserAdminDeps {
  readonly db: Executor;
  readonly clock: Clock;
  readonly passwordHashing: PasswordHashing;
}

/** Who is changing which school's accounts. */
export interface AccountEditor {
  readonly schoolId: number;
  readonly actorUserId: number;
}

/** An account as its school's administrator sees it. */
export interface ManagedAccount extends AccountSummary {
  /** Staff of the school itself and parents of its pupils; trust staff are the trust's. */
  readonly managedHere: boolean;
}

export type UserAdminError =
  | { readonly kind: 'not-found'; readonly what: 'school' | 'account' | 'contact' }
  | { readonly kind: 'invalid'; readonly problems: readonly InputProblem[] }
  | { readonly kind: 'email-taken'; readonly email: string }
  | { readonly kind: 'last-admin' }
  | { readonly kind: 'own-account' };

export interface AccountWithPassword {
  readonly account: ManagedAccount;
  /** Made up by Rollcall when none was chosen; shown to the administrator once, never stored. */
  readonly generatedPassword: string | null;
}

// No 0/O, 1/l/I: a password read off a screen and typed in must survive the reading.
const passwordAlphabet = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A random password of four groups of four (about 79 bits), easy to read out and type. */
export function generatePassword(): string {
  const group = () =>
    Array.from({ length: 4 }, () => passwordAlphabet[randomInt(passwordAlphabet.length)]).join('');
  return [group(), group(), group(), group()].join('-');
}

function todayOf(clock: Clock) {
  return londonWallClock(clock.now()).date;
}

function describe(account: AccountSummary, schoolId: number): ManagedAccount {
  return {
    ...account,
    managedHere: account.schoolId === schoolId || account.role === 'parent',
  };
}

/** The school's staff accounts and the parent accounts of pupils on its roll. */
export async function listAccounts(
  deps: UserAdminDeps,
  schoolId: number,
): Promise<ManagedAccount[]> {
  const accounts = await listSchoolAccounts(deps.db, { schoolId, onDay: todayOf(deps.clock) });
  return accounts.map((account) => describe(account, schoolId));
}

async function readAccount(
  db: Executor,
  clock: Clock,
  ref: { schoolId: number; userId: number },
): Promise<ManagedAccount | undefined> {
  const accounts = await listSchoolAccounts(db, { schoolId: ref.schoolId, onDay: todayOf(clock) });
  const found = accounts.find((account) => account.id === ref.userId);
  return found === undefined ? undefined : describe(found, ref.schoolId);
}

/** Locks an account the school manages: its own staff, or a parent of a pupil on its roll. */
async function lockManagedAccount(
  db: Executor,
  clock: Clock,
  ref: { schoolId: number; userId: number },
) {
  const user = await lockUser(db, ref.userId);
  if (user === undefined) return undefined;
  if (user.schoolId === ref.schoolId) return user;
  const isParent =
    user.role === 'parent' && (await isParentOfSchool(db, { ...ref, onDay: todayOf(clock) }));
  return isParent ? user : undefined;
}

/** Whether taking an admin away (demoting or disabling) would leave the school without one. */
async function wouldLeaveNoAdmin(db: Executor, schoolId: number): Promise<boolean> {
  const school = await findSchool(db, schoolId);
  if (school === undefined) return false;
  return (await countActiveAdmins(db, { id: school.id, trustId: school.trustId })) <= 1;
}

async function choosePassword(
  chosen: string | null,
  hashing: PasswordHashing,
): Promise<{ hash: string; generated: string | null }> {
  const password = chosen ?? generatePassword();
  return {
    hash: await hashPassword(password, hashing),
    generated: chosen === null ? password : null,
  };
}

/** Creates a staff account at the school, with the chosen password or a made-up one. */
export async function createStaffAccount(
  deps: UserAdminDeps,
  request: AccountEditor & {
    readonly displayName: string;
    readonly email: string;
    readonly role: Exclude<UserRole, 'parent' | 'la_officer'>;
    readonly password: string | null;
  },
): Promise<Result<AccountWithPassword, UserAdminError>> {
  const password = await choosePassword(request.password, deps.passwordHashing);
  return runAtomically<AccountWithPassword, UserAdminError>(deps.db, async (trx) => {
    if ((await findSchool(trx, request.schoolId)) === undefined)
      return err({ kind: 'not-found', what: 'school' });
    const created = await createUser(trx, {
      email: request.email,
      displayName: request.displayName,
      passwordHash: password.hash,
      role: request.role,
      scope: { kind: 'school', schoolId: request.schoolId },
    });
    if (!created.ok) return err({ kind: 'email-taken', email: created.error.email });
    await recordAuditEvent(trx, {
      actorUserId: request.actorUserId,
      action: 'user.created',
      subjectPupilId: null,
      details: { schoolId: request.schoolId, userId: created.value.id, role: request.role },
      occurredAt: deps.clock.now(),
    });
    const account = await readAccount(trx, deps.clock, {
      schoolId: request.schoolId,
      userId: created.value.id,
    });
    if (account === undefined) return err({ kind: 'not-found', what: 'account' });
    return ok({ account, generatedPassword: password.generated });
  });
}

/** Gives a staff account another role; the school's last active admin keeps theirs. */
export async function changeAccountRole(
  deps: UserAdminDeps,
  request: AccountEditor & {
    readonly userId: number;
    readonly role: Exclude<UserRole, 'parent' | 'la_officer'>;
  },
): Promise<Result<ManagedAccount, UserAdminError>> {
  return runAtomically<ManagedAccount, UserAdminError>(deps.db, async (trx) => {
    // One change to the school's accounts at a time: two admins demoting each other at once
    // queue here, and the second sees that the first left only one admin.
    if (!(await lockSchool(trx, request.schoolId)))
      return err({ kind: 'not-found', what: 'school' });
    const user = await lockManagedAccount(trx, deps.clock, request);
    if (user === undefined) return err({ kind: 'not-found', what: 'account' });
    if (user.role === 'parent')
      return err({
        kind: 'invalid',
        problems: [
          {
            field: 'role',
            message: 'a parent account keeps the parent role; create a staff account instead',
          },
        ],
      });
    if (user.role === request.role) return ok(describeLocked(user, request.schoolId));
    if (user.role === 'admin' && user.active && (await wouldLeaveNoAdmin(trx, request.schoolId)))
      return err({ kind: 'last-admin' });
    await changeUserRole(trx, { userId: user.id, role: request.role });
    // Sessions carry the role they began with; signing in again starts from the new one.
    await deleteAllAuthSessions(trx, user.id);
    await recordAuditEvent(trx, {
      actorUserId: request.actorUserId,
      action: 'user.role-changed',
      subjectPupilId: null,
      details: {
        schoolId: request.schoolId,
        userId: user.id,
        before: user.role,
        after: request.role,
      },
      occurredAt: deps.clock.now(),
    });
    return ok(describeLocked({ ...user, role: request.role }, request.schoolId));
  });
}

function describeLocked(
  user: {
    id: number;
    email: string;
    displayName: string;
    role: UserRole;
    schoolId: number | null;
    active: boolean;
  },
  schoolId: number,
): ManagedAccount {
  return describe({ ...user, childPupilIds: [] }, schoolId);
}

/**
 * Disables an account (it cannot sign in and its sessions end at once) or enables it again.
 * An admin cannot disable their own account, nor the school's last active admin.
 */
export async function setAccountActive(
  deps: UserAdminDeps,
  request: AccountEditor & { readonly userId: number; readonly active: boolean },
): Promise<Result<ManagedAccount, UserAdminError>> {
  const at = deps.clock.now();
  return runAtomically<ManagedAccount, UserAdminError>(deps.db, async (trx) => {
    // One change to the school's accounts at a time: two admins demoting each other at once
    // queue here, and the second sees that the first left only one admin.
    if (!(await lockSchool(trx, request.schoolId)))
      return err({ kind: 'not-found', what: 'school' });
    const user = await lockManagedAccount(trx, deps.clock, request);
    if (user === undefined) return err({ kind: 'not-found', what: 'account' });
    if (user.active === request.active) return ok(describeLocked(user, request.schoolId));
    if (!request.active) {
      if (user.id === request.actorUserId) return err({ kind: 'own-account' });
      if (user.role === 'admin' && (await wouldLeaveNoAdmin(trx, request.schoolId)))
        return err({ kind: 'last-admin' });
      await deactivateUser(trx, { userId: user.id, at });
    } else {
      await reactivateUser(trx, user.id);
    }
    await recordAuditEvent(trx, {
      actorUserId: request.actorUserId,
      action: request.active ? 'user.enabled' : 'user.disabled',
      subjectPupilId: null,
      details: { schoolId: request.schoolId, userId: user.id },
      occurredAt: at,
    });
    return ok(describeLocked({ ...user, active: request.active }, request.schoolId));
  });
}

/** Sets a new password (chosen, or made up and shown once) and ends the account's sessions. */
export async function resetAccountPassword(
  deps: UserAdminDeps,
  request: AccountEditor & { readonly userId: number; readonly password: string | null },
): Promise<Result<AccountWithPassword, UserAdminError>> {
  const password = await choosePassword(request.password, deps.passwordHashing);
  return runAtomically<AccountWithPassword, UserAdminError>(deps.db, async (trx) => {
    const user = await lockManagedAccount(trx, deps.clock, request);
    if (user === undefined) return err({ kind: 'not-found', what: 'account' });
    await changeUserPasswordHash(trx, { userId: user.id, passwordHash: password.hash });
    await deleteAllAuthSessions(trx, user.id);
    await recordAuditEvent(trx, {
      actorUserId: request.actorUserId,
      action: 'user.password-reset',
      subjectPupilId: null,
      details: { schoolId: request.schoolId, userId: user.id },
      occurredAt: deps.clock.now(),
    });
    return ok({
      account: describeLocked(user, request.schoolId),
      generatedPassword: password.generated,
    });
  });
}

/** Contacts of pupils on the roll, to find one to give a parent account. */
export async function findContacts(
  deps: UserAdminDeps,
  query: { schoolId: number; search: string | null },
): Promise<{ contacts: ContactAccount[]; more: boolean }> {
  const limit = 100;
  const found = await listContactAccounts(deps.db, {
    schoolId: query.schoolId,
    onDay: todayOf(deps.clock),
    search: query.search === null || query.search === '' ? null : query.search,
    limit: limit + 1,
  });
  return { contacts: found.slice(0, limit), more: found.length > limit };
}

/**
 * Gives a contact of a pupil on the roll a parent account, so they sign in to see that child.
 * If a parent account already has the email (a parent of a brother or sister), the contact is
 * linked to it instead and no password is set.
 */
export async function createParentAccount(
  deps: UserAdminDeps,
  request: AccountEditor & {
    readonly contactId: number;
    readonly email: string | null;
    readonly password: string | null;
  },
): Promise<Result<AccountWithPassword & { linkedToExisting: boolean }, UserAdminError>> {
  const password = await choosePassword(request.password, deps.passwordHashing);
  type Created = AccountWithPassword & { linkedToExisting: boolean };
  return runAtomically<Created, UserAdminError>(deps.db, async (trx) => {
    const contact = await lockContactOfSchool(trx, {
      contactId: request.contactId,
      schoolId: request.schoolId,
      onDay: todayOf(deps.clock),
    });
    if (contact === undefined) return err({ kind: 'not-found', what: 'contact' });
    const problem = (field: string, message: string) =>
      err({ kind: 'invalid' as const, problems: [{ field, message }] });
    if (contact.userId !== null)
      return problem('contactId', `${contact.name} already has an account`);
    const email = request.email ?? contact.email;
    if (email === null)
      return problem(
        'email',
        `${contact.name} has no email on file; enter the email to sign in with`,
      );
    const existing = await findUserCredentials(trx, email);
    let userId: number;
    if (existing !== undefined) {
      if (existing.user.role !== 'parent')
        return err({ kind: 'email-taken', email: existing.user.email });
      userId = existing.user.id;
    } else {
      const created = await createUser(trx, {
        email,
        displayName: contact.name,
        passwordHash: password.hash,
        role: 'parent',
        scope: { kind: 'none' },
      });
      if (!created.ok) return err({ kind: 'email-taken', email: created.error.email });
      userId = created.value.id;
    }
    await linkContactToUser(trx, { contactId: contact.contactId, userId });
    await recordAuditEvent(trx, {
      actorUserId: request.actorUserId,
      action: existing === undefined ? 'user.parent-created' : 'user.parent-linked',
      subjectPupilId: contact.pupilId,
      details: { schoolId: request.schoolId, userId, contactId: contact.contactId },
      occurredAt: deps.clock.now(),
    });
    const account = await readAccount(trx, deps.clock, { schoolId: request.schoolId, userId });
    if (account === undefined) return err({ kind: 'not-found', what: 'account' });
    return ok({
      account,
      generatedPassword: existing === undefined ? password.generated : null,
      linkedToExisting: existing !== undefined,
    });
  });
}
