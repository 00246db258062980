import { isLongEnoughPassword, minimumPasswordLength } from '../contracts/auth.contract.ts';
import type { Actor } from '../domain/access/access-policy.ts';
import { err, ok, type Result } from '../domain/result.ts';
import type { Executor } from '../store/transaction.ts';
import {
  changeUserPasswordHash,
  countFailedLoginAttempts,
  createAuthSession,
  deleteAuthSession,
  findSessionUsers,
  findUserCredentials,
  recordLoginAttempt,
  type User,
} from '../store/user.repository.ts';
import { deleteOtherAuthSessions } from './auth-session.query.ts';
import type { Clock } from './clock.ts';
import {
  hashPassword,
  needsRehash,
  verifyPassword,
  type PasswordHashing,
} from './password.service.ts';
import { createSessionToken, deriveCsrfToken, hashSessionToken } from './session-token.ts';

export interface AuthSettings {
  readonly sessionTtlHours: number;
  readonly passwordHashing: PasswordHashing;
}

/** What the authentication use cases need: the database, the time, and the settings. */
export interface AuthContext {
  readonly db: Executor;
  readonly clock: Clock;
  readonly settings: AuthSettings;
}

/** Failed sign-ins counted over this window decide whether another attempt is refused. */
export const loginWindowMinutes = 15;
export const maximumFailuresPerEmail = 5;
export const maximumFailuresPerAddress = 20;

export interface SignedIn {
  readonly user: User;
  /** Goes into the cookie and nowhere else; the database holds only its hash. */
  readonly sessionToken: string;
  readonly csrfToken: string;
  readonly expiresAt: Date;
}

export interface LiveSession {
  readonly user: User;
  /** The user as the permission model sees them, read with the session in one query. */
  readonly actor: Actor;
  readonly tokenHash: string;
  readonly csrfToken: string;
  readonly expiresAt: Date;
}

export type TooManyAttempts = {
  readonly kind: 'too-many-attempts';
  readonly retryAfterSeconds: number;
};
export type SignInFailure = { readonly kind: 'invalid-credentials' } | TooManyAttempts;
export type PasswordChangeFailure =
  | { readonly kind: 'wrong-password' }
  | { readonly kind: 'password-too-short'; readonly minimumLength: number }
  | { readonly kind: 'user-not-found' }
  | TooManyAttempts;

/**
 * Signs a user in with email and password. Unknown emails, wrong passwords and deactivated
 * accounts fail alike and take as long, so the answer never tells which emails exist.
 */
export async function signIn(
  context: AuthContext,
  attempt: { email: string; password: string; ipAddress: string },
): Promise<Result<SignedIn, SignInFailure>> {
  const now = context.clock.now();
  const refusal = await checkAttemptLimit(context.db, { ...attempt, now });
  if (refusal !== undefined) return err(refusal);

  const credentials = await findUserCredentials(context.db, attempt.email);
  const passwordHash =
    credentials?.passwordHash ?? (await findDummyHash(context.settings.passwordHashing));
  const passwordMatches = await verifyPassword(passwordHash, attempt.password);
  const user = credentials?.user;
  const succeeded =
    passwordMatches &&
    user !== undefined &&
    credentials?.passwordHash !== null &&
    user.deactivatedAt === null;
  await recordLoginAttempt(context.db, {
    email: attempt.email,
    ipAddress: attempt.ipAddress,
    succeeded,
    at: now,
  });
  if (!succeeded) return err({ kind: 'invalid-credentials' });

  if (needsRehash(passwordHash, context.settings.passwordHashing)) {
    // Hashes made under older settings are upgraded while the password is at hand.
    await changeUserPasswordHash(context.db, {
      userId: user.id,
      passwordHash: await hashPassword(attempt.password, context.settings.passwordHashing),
    });
  }
  const sessionToken = createSessionToken();
  const session = await createAuthSession(context.db, {
    tokenHash: hashSessionToken(sessionToken),
    userId: user.id,
    expiresAt: new Date(now.getTime() + context.settings.sessionTtlHours * 3_600_000),
  });
  return ok({
    user,
    sessionToken,
    csrfToken: deriveCsrfToken(sessionToken),
    expiresAt: session.expiresAt,
  });
}

/**
 * The live sessions of several tokens, in their order, read in one query. Read from the
 * database on every request, never cached: a logout, password change or deactivation stops a
 * session at once, in every process.
 */
export async function findLiveSessions(
  context: AuthContext,
  sessionTokens: readonly string[],
): Promise<(LiveSession | undefined)[]> {
  const tokenHashes = sessionTokens.map(hashSessionToken);
  const found = await findSessionUsers(context.db, { tokenHashes, now: context.clock.now() });
  return sessionTokens.map((sessionToken, index) => {
    const tokenHash = tokenHashes[index] ?? '';
    const sessionUser = found.get(tokenHash);
    if (sessionUser === undefined) return undefined;
    const { user, taughtClassIds, childPupilIds } = sessionUser;
    return {
      user,
      actor: {
        userId: user.id,
        role: user.role,
        reach: user.scope,
        classIds: taughtClassIds,
        pupilIds: childPupilIds,
      },
      tokenHash,
      csrfToken: deriveCsrfToken(sessionToken),
      expiresAt: sessionUser.session.expiresAt,
    };
  });
}

export async function signOut(context: AuthContext, sessionToken: string): Promise<void> {
  await deleteAuthSession(context.db, hashSessionToken(sessionToken));
}

/**
 * Changes a signed-in user's password after checking the current one, and ends their other
 * sessions: whoever else knew the old password is signed out.
 */
export async function changePassword(
  context: AuthContext,
  change: {
    session: LiveSession;
    currentPassword: string;
    newPassword: string;
    ipAddress: string;
  },
): Promise<Result<void, PasswordChangeFailure>> {
  if (!isLongEnoughPassword(change.newPassword)) {
    return err({ kind: 'password-too-short', minimumLength: minimumPasswordLength });
  }
  const now = context.clock.now();
  const email = change.session.user.email;
  // Guessing the current password from a stolen session counts against the same limit.
  const refusal = await checkAttemptLimit(context.db, { email, ipAddress: change.ipAddress, now });
  if (refusal !== undefined) return err(refusal);

  const credentials = await findUserCredentials(context.db, email);
  if (credentials === undefined) return err({ kind: 'user-not-found' });
  const matches =
    credentials.passwordHash !== null &&
    (await verifyPassword(credentials.passwordHash, change.currentPassword));
  if (!matches) {
    await recordLoginAttempt(context.db, {
      email,
      ipAddress: change.ipAddress,
      succeeded: false,
      at: now,
    });
    return err({ kind: 'wrong-password' });
  }
  await changeUserPasswordHash(context.db, {
    userId: credentials.user.id,
    passwordHash: await hashPassword(change.newPassword, context.settings.passwordHashing),
  });
  await deleteOtherAuthSessions(context.db, {
    userId: credentials.user.id,
    tokenHash: change.session.tokenHash,
  });
  return ok(undefined);
}

async function checkAttemptLimit(
  db: Executor,
  attempt: { email: string; ipAddress: string; now: Date },
): Promise<TooManyAttempts | undefined> {
  const windowMs = loginWindowMinutes * 60_000;
  const failures = await countFailedLoginAttempts(db, {
    email: attempt.email,
    ipAddress: attempt.ipAddress,
    since: new Date(attempt.now.getTime() - windowMs),
  });
  const isLimited =
    failures.forEmail >= maximumFailuresPerEmail ||
    failures.fromAddress >= maximumFailuresPerAddress;
  // Refused attempts are not recorded, so the lock lifts one window after the last real try.
  return isLimited ? { kind: 'too-many-attempts', retryAfterSeconds: windowMs / 1000 } : undefined;
}

const dummyHashes = new WeakMap<PasswordHashing, Promise<string>>();

// Verifying against a real hash of the same cost keeps "no such user" as slow as "wrong
// password", so response times do not reveal which emails have accounts.
function findDummyHash(hashing: PasswordHashing): Promise<string> {
  let dummy = dummyHashes.get(hashing);
  if (dummy === undefined) {
    dummy = hashPassword('not anyone’s password', hashing);
    dummyHashes.set(hashing, dummy);
  }
  return dummy;
}
