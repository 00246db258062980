import { sql, type Selectable } from 'kysely';
import { isUniqueViolation } from './database-errors.ts';
import { fail, succeed, type Result } from './result.ts';
import type { UserRole, UsersTable } from './schema.ts';
import { runAtomically, type Executor } from './transaction.ts';

/** A user's reach: one school, a whole trust, one local authority, or (parents) none. */
export type UserScope =
  | { readonly kind: 'school'; readonly schoolId: number }
  | { readonly kind: 'trust'; readonly trustId: number }
  | { readonly kind: 'local-authority'; readonly localAuthorityId: number }
  | { readonly kind: 'none' };

export interface User {
  readonly id: number;
  readonly email: string;
  readonly displayName: string;
  readonly role: UserRole;
  readonly scope: UserScope;
  readonly deactivatedAt: Date | null;
}

/** Only sign-in reads the password hash; everything else gets a User without it. */
export interface UserCredentials {
  readonly user: User;
  readonly passwordHash: string | null;
}

export interface NewUser {
  readonly email: string;
  readonly displayName: string;
  readonly passwordHash: string | null;
  readonly role: UserRole;
  readonly scope: UserScope;
}

export interface AuthSession {
  readonly id: number;
  readonly userId: number;
  readonly expiresAt: Date;
}

export type EmailTaken = { readonly kind: 'email-taken'; readonly email: string };

export async function createUser(db: Executor, user: NewUser): Promise<Result<User, EmailTaken>> {
  const email = normaliseEmail(user.email);
  try {
    const row = await db
      .insertInto('users')
      .values({
        email,
        display_name: user.displayName,
        password_hash: user.passwordHash,
        role: user.role,
        school_id: user.scope.kind === 'school' ? user.scope.schoolId : null,
        trust_id: user.scope.kind === 'trust' ? user.scope.trustId : null,
        local_authority_id:
          user.scope.kind === 'local-authority' ? user.scope.localAuthorityId : null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return succeed(toUser(row));
  } catch (error) {
    if (isUniqueViolation(error, 'users_email_key')) {
      return fail({ kind: 'email-taken', email });
    }
    throw error;
  }
}

export async function findUser(db: Executor, userId: number): Promise<User | undefined> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  return row === undefined ? undefined : toUser(row);
}

export async function findUserCredentials(
  db: Executor,
  email: string,
): Promise<UserCredentials | undefined> {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', normaliseEmail(email))
    .executeTakeFirst();
  return row === undefined ? undefined : { user: toUser(row), passwordHash: row.password_hash };
}

export async function renameUser(
  db: Executor,
  change: { userId: number; displayName: string },
): Promise<User | undefined> {
  const row = await db
    .updateTable('users')
    .set({ display_name: change.displayName })
    .where('id', '=', change.userId)
    .returningAll()
    .executeTakeFirst();
  return row === undefined ? undefined : toUser(row);
}

export async function changeUserPasswordHash(
  db: Executor,
  change: { userId: number; passwordHash: string },
): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ password_hash: change.passwordHash })
    .where('id', '=', change.userId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Users are deactivated, never deleted: the register's history points at them. */
export async function deactivateUser(
  db: Executor,
  change: { userId: number; at: Date },
): Promise<boolean> {
  const outcome = await runAtomically<boolean, never>(db, async (trx) => {
    const result = await trx
      .updateTable('users')
      .set({ deactivated_at: change.at })
      .where('id', '=', change.userId)
      .where('deactivated_at', 'is', null)
      .executeTakeFirst();
    await trx.deleteFrom('auth_sessions').where('user_id', '=', change.userId).execute();
    return succeed(result.numUpdatedRows > 0n);
  });
  return outcome.ok && outcome.value;
}

export async function createAuthSession(
  db: Executor,
  session: { tokenHash: string; userId: number; expiresAt: Date },
): Promise<AuthSession> {
  const row = await db
    .insertInto('auth_sessions')
    .values({
      token_hash: session.tokenHash,
      user_id: session.userId,
      expires_at: session.expiresAt,
    })
    .returning(['id', 'user_id', 'expires_at'])
    .executeTakeFirstOrThrow();
  return { id: row.id, userId: row.user_id, expiresAt: row.expires_at };
}

/**
 * The signed-in user for a session token hash, if the session is live and the user active,
 * with what their permissions hang on (classes taught, children) read in the same query: this
 * runs on every request.
 */
export interface SessionUser {
  readonly session: AuthSession;
  readonly user: User;
  /** Classes the user teaches (class_teachers); empty unless a teacher. */
  readonly taughtClassIds: number[];
  /** Pupils the user is a linked contact of; empty unless a parent. */
  readonly childPupilIds: number[];
}

export async function findSessionUser(
  db: Executor,
  lookup: { tokenHash: string; now: Date },
): Promise<SessionUser | undefined> {
  const found = await findSessionUsers(db, { tokenHashes: [lookup.tokenHash], now: lookup.now });
  return found.get(lookup.tokenHash);
}

/** Several sessions at once, by token hash: requests arriving together share one query. */
export async function findSessionUsers(
  db: Executor,
  lookup: { tokenHashes: readonly string[]; now: Date },
): Promise<Map<string, SessionUser>> {
  if (lookup.tokenHashes.length === 0) return new Map();
  const rows = await db
    .selectFrom('auth_sessions')
    .innerJoin('users', 'users.id', 'auth_sessions.user_id')
    .selectAll('users')
    .select((eb) => [
      'auth_sessions.id as session_id',
      'auth_sessions.token_hash',
      'auth_sessions.expires_at',
      sql<number[]>`case when ${eb.ref('users.role')} = 'teacher' then array(
        select class_teachers.class_id from class_teachers
        where class_teachers.user_id = ${eb.ref('users.id')}
        order by class_teachers.class_id
      ) else '{}' end`.as('taught_class_ids'),
      sql<number[]>`case when ${eb.ref('users.role')} = 'parent' then array(
        select distinct contacts.pupil_id from contacts
        where contacts.user_id = ${eb.ref('users.id')}
        order by contacts.pupil_id
      ) else '{}' end`.as('child_pupil_ids'),
    ])
    .where('auth_sessions.token_hash', 'in', [...lookup.tokenHashes])
    .where('auth_sessions.expires_at', '>', lookup.now)
    .where('users.deactivated_at', 'is', null)
    .execute();
  return new Map(
    rows.map((row) => [
      row.token_hash,
      {
        session: { id: row.session_id, userId: row.id, expiresAt: row.expires_at },
        user: toUser(row),
        taughtClassIds: row.taught_class_ids,
        childPupilIds: row.child_pupil_ids,
      },
    ]),
  );
}

export async function deleteAuthSession(db: Executor, tokenHash: string): Promise<void> {
  await db.deleteFrom('auth_sessions').where('token_hash', '=', tokenHash).execute();
}

export async function deleteExpiredAuthSessions(db: Executor, now: Date): Promise<number> {
  const result = await db
    .deleteFrom('auth_sessions')
    .where('expires_at', '<=', now)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function recordLoginAttempt(
  db: Executor,
  attempt: { email: string; ipAddress: string; succeeded: boolean; at: Date },
): Promise<void> {
  await db
    .insertInto('login_attempts')
    .values({
      email: normaliseEmail(attempt.email),
      ip_address: attempt.ipAddress,
      succeeded: attempt.succeeded,
      attempted_at: attempt.at,
    })
    .execute();
}

/** Failed sign-ins for an email or from an address since a moment, for rate limiting. */
export async function countFailedLoginAttempts(
  db: Executor,
  query: { email: string; ipAddress: string; since: Date },
): Promise<{ forEmail: number; fromAddress: number }> {
  const email = normaliseEmail(query.email);
  const row = await db
    .selectFrom('login_attempts')
    .select((eb) => [
      eb.fn.countAll<number>().filterWhere('email', '=', email).as('for_email'),
      eb.fn.countAll<number>().filterWhere('ip_address', '=', query.ipAddress).as('from_address'),
    ])
    .where('succeeded', '=', false)
    .where('attempted_at', '>=', query.since)
    .where((eb) => eb.or([eb('email', '=', email), eb('ip_address', '=', query.ipAddress)]))
    .executeTakeFirstOrThrow();
  return { forEmail: row.for_email, fromAddress: row.from_address };
}

export async function deleteLoginAttemptsBefore(db: Executor, before: Date): Promise<void> {
  await db.deleteFrom('login_attempts').where('attempted_at', '<', before).execute();
}

function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

function toScope(row: Selectable<UsersTable>): UserScope {
  if (row.school_id !== null) return { kind: 'school', schoolId: row.school_id };
  if (row.trust_id !== null) return { kind: 'trust', trustId: row.trust_id };
  if (row.local_authority_id !== null) {
    return { kind: 'local-authority', localAuthorityId: row.local_authority_id };
  }
  return { kind: 'none' };
}

function toUser(row: Selectable<UsersTable>): User {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    scope: toScope(row),
    deactivatedAt: row.deactivated_at,
  };
}
