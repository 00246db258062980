import { sql } from 'kysely';
import type { IsoDate } from '../domain/calendar/plain-date.ts';
import type { UserRole } from './schema.ts';
import type { Executor } from './transaction.ts';

/** An account as the administration pages list it; never its password hash. */
export interface AccountSummary {
  readonly id: number;
  readonly email: string;
  readonly displayName: string;
  readonly role: UserRole;
  readonly active: boolean;
  /** Whether the account belongs to the school itself (not to its trust, nor a parent's). */
  readonly schoolId: number | null;
  /** A parent's children at the school, by pupil id. */
  readonly childPupilIds: number[];
}

/** A contact of a pupil on the school's roll, and the parent account it is linked to, if any. */
export interface ContactAccount {
  readonly contactId: number;
  readonly pupilId: number;
  readonly pupilName: string;
  readonly name: string;
  readonly relationship: string;
  readonly email: string | null;
  readonly userId: number | null;
}

function onRollOn(day: IsoDate) {
  return sql<boolean>`enrolments.on_roll_from <= ${day}
    and (enrolments.on_roll_to is null or enrolments.on_roll_to >= ${day})`;
}

/**
 * The school's own staff accounts, then the parent accounts linked to contacts of pupils on
 * its roll on a day: the accounts the school's administrator looks after.
 */
export async function listSchoolAccounts(
  db: Executor,
  query: { schoolId: number; onDay: IsoDate },
): Promise<AccountSummary[]> {
  const staff = await db
    .selectFrom('users')
    .select(['id', 'email', 'display_name', 'role', 'deactivated_at', 'school_id'])
    .where('school_id', '=', query.schoolId)
    .orderBy('display_name')
    .orderBy('id')
    .execute();
  const parents = await db
    .selectFrom('users')
    .innerJoin('contacts', 'contacts.user_id', 'users.id')
    .innerJoin('enrolments', 'enrolments.pupil_id', 'contacts.pupil_id')
    .select([
      'users.id',
      'users.email',
      'users.display_name',
      'users.role',
      'users.deactivated_at',
      'users.school_id',
      sql<number[]>`array_agg(distinct contacts.pupil_id order by contacts.pupil_id)`.as(
        'child_pupil_ids',
      ),
    ])
    .where('users.role', '=', 'parent')
    .where('enrolments.school_id', '=', query.schoolId)
    .where(onRollOn(query.onDay))
    .groupBy('users.id')
    .orderBy('users.display_name')
    .orderBy('users.id')
    .execute();
  return [
    ...staff.map((row) => ({ ...toSummary(row), childPupilIds: [] })),
    ...parents.map((row) => ({ ...toSummary(row), childPupilIds: row.child_pupil_ids })),
  ];
}

function toSummary(row: {
  id: number;
  email: string;
  display_name: string;
  role: UserRole;
  deactivated_at: Date | null;
  school_id: number | null;
}) {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    active: row.deactivated_at === null,
    schoolId: row.school_id,
  };
}

/** Reads and locks a user row, so two changes to one account happen one after the other. */
export async function lockUser(
  db: Executor,
  userId: number,
): Promise<
  | {
      id: number;
      email: string;
      displayName: string;
      role: UserRole;
      schoolId: number | null;
      active: boolean;
    }
  | undefined
> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'email', 'display_name', 'role', 'school_id', 'deactivated_at'])
    .where('id', '=', userId)
    .forUpdate()
    .executeTakeFirst();
  if (row === undefined) return undefined;
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    schoolId: row.school_id,
    active: row.deactivated_at === null,
  };
}

/** Whether a parent account is linked to a contact of a pupil on the school's roll. */
export async function isParentOfSchool(
  db: Executor,
  query: { userId: number; schoolId: number; onDay: IsoDate },
): Promise<boolean> {
  const row = await db
    .selectFrom('contacts')
    .innerJoin('enrolments', 'enrolments.pupil_id', 'contacts.pupil_id')
    .select('contacts.id')
    .where('contacts.user_id', '=', query.userId)
    .where('enrolments.school_id', '=', query.schoolId)
    .where(onRollOn(query.onDay))
    .executeTakeFirst();
  return row !== undefined;
}

/** Counts (and locks) the active admins who reach a school: its own and its trust's. */
export async function countActiveAdmins(
  db: Executor,
  school: { id: number; trustId: number | null },
): Promise<number> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'admin')
    .where('deactivated_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('school_id', '=', school.id),
        ...(school.trustId === null ? [] : [eb('trust_id', '=', school.trustId)]),
      ]),
    )
    .forUpdate()
    .execute();
  return rows.length;
}

export async function changeUserRole(
  db: Executor,
  change: { userId: number; role: UserRole },
): Promise<void> {
  await db
    .updateTable('users')
    .set({ role: change.role })
    .where('id', '=', change.userId)
    .execute();
}

/** Lets a deactivated account sign in again (deactivateUser in user.repository disables). */
export async function reactivateUser(db: Executor, userId: number): Promise<void> {
  await db.updateTable('users').set({ deactivated_at: null }).where('id', '=', userId).execute();
}

export async function deleteAllAuthSessions(db: Executor, userId: number): Promise<void> {
  await db.deleteFrom('auth_sessions').where('user_id', '=', userId).execute();
}

/** Contacts of pupils on the roll on a day, optionally those whose or whose pupil's name matches. */
export async function listContactAccounts(
  db: Executor,
  query: { schoolId: number; onDay: IsoDate; search: string | null; limit: number },
): Promise<ContactAccount[]> {
  let builder = db
    .selectFrom('contacts')
    .innerJoin('pupils', 'pupils.id', 'contacts.pupil_id')
    .innerJoin('enrolments', 'enrolments.pupil_id', 'pupils.id')
    .select([
      'contacts.id as contact_id',
      'contacts.pupil_id',
      sql<string>`coalesce(pupils.preferred_first_name, pupils.legal_first_name) || ' ' ||
        coalesce(pupils.preferred_last_name, pupils.legal_last_name)`.as('pupil_name'),
      'contacts.name',
      'contacts.relationship',
      'contacts.email',
      'contacts.user_id',
    ])
    .where('enrolments.school_id', '=', query.schoolId)
    .where(onRollOn(query.onDay));
  if (query.search !== null) {
    const pattern = `%${query.search.replace(/[\\%_]/g, (match) => `\\${match}`)}%`;
    builder = builder.where(
      sql<boolean>`(contacts.name ilike ${pattern}
        or pupils.legal_first_name || ' ' || pupils.legal_last_name ilike ${pattern}
        or coalesce(pupils.preferred_first_name, '') || ' ' || coalesce(pupils.preferred_last_name, '') ilike ${pattern}
        or contacts.email ilike ${pattern})`,
    );
  }
  const rows = await builder
    .orderBy('pupil_name')
    .orderBy('contacts.priority')
    .limit(query.limit)
    .execute();
  return rows.map((row) => ({
    contactId: row.contact_id,
    pupilId: row.pupil_id,
    pupilName: row.pupil_name,
    name: row.name,
    relationship: row.relationship,
    email: row.email,
    userId: row.user_id,
  }));
}

/** A contact of a pupil on the school's roll on a day, locked for linking to an account. */
export async function lockContactOfSchool(
  db: Executor,
  query: { contactId: number; schoolId: number; onDay: IsoDate },
): Promise<
  | {
      contactId: number;
      pupilId: number;
      name: string;
      email: string | null;
      userId: number | null;
    }
  | undefined
> {
  const row = await db
    .selectFrom('contacts')
    .select([
      'contacts.id',
      'contacts.pupil_id',
      'contacts.name',
      'contacts.email',
      'contacts.user_id',
    ])
    .where('contacts.id', '=', query.contactId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('enrolments')
          .select('enrolments.id')
          .whereRef('enrolments.pupil_id', '=', 'contacts.pupil_id')
          .where('enrolments.school_id', '=', query.schoolId)
          .where(onRollOn(query.onDay)),
      ),
    )
    .forUpdate()
    .executeTakeFirst();
  if (row === undefined) return undefined;
  return {
    contactId: row.id,
    pupilId: row.pupil_id,
    name: row.name,
    email: row.email,
    userId: row.user_id,
  };
}

export async function linkContactToUser(
  db: Executor,
  link: { contactId: number; userId: number },
): Promise<void> {
  await db
    .updateTable('contacts')
    .set({ user_id: link.userId })
    .where('id', '=', link.contactId)
    .execute();
}
