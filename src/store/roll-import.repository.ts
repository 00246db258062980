import type { IsoDate } from '../domain/calendar/plain-date.ts';
import {
  toPupilRow,
  type NewContact,
  type NewEnrolment,
  type NewPupil,
} from './pupil.repository.ts';
import type { SessionName, UserRole } from './schema.ts';
import type { Executor } from './transaction.ts';

/** Rows per INSERT, well under PostgreSQL's 65,535 parameters at the widest table here. */
const CHUNK = 1000;

function chunksOf<T>(rows: readonly T[]): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < rows.length; start += CHUNK)
    chunks.push(rows.slice(start, start + CHUNK));
  return chunks;
}

/**
 * Creates many pupils in a few statements, for imports and the demo; returns their ids in
 * the order given. A UPN already on file makes the insert fail, so run it in the caller's
 * transaction after checking UPNs.
 */
export async function insertPupils(db: Executor, pupils: readonly NewPupil[]): Promise<number[]> {
  const ids: number[] = [];
  for (const chunk of chunksOf(pupils)) {
    const rows = await db
      .insertInto('pupils')
      .values(chunk.map(toPupilRow))
      .returning(['id', 'upn'])
      .execute();
    // RETURNING follows the VALUES order for a plain INSERT, but matching by UPN says so.
    const idByUpn = new Map(rows.map((row) => [row.upn, row.id]));
    for (const pupil of chunk) ids.push(idByUpn.get(pupil.upn) ?? 0);
  }
  return ids;
}

/** Enrols many pupils; returns the enrolment ids in the order given. */
export async function insertEnrolments(
  db: Executor,
  enrolments: readonly NewEnrolment[],
): Promise<number[]> {
  const ids: number[] = [];
  for (const chunk of chunksOf(enrolments)) {
    const rows = await db
      .insertInto('enrolments')
      .values(
        chunk.map((enrolment) => ({
          school_id: enrolment.schoolId,
          pupil_id: enrolment.pupilId,
          on_roll_from: enrolment.onRollFrom,
          on_roll_to: enrolment.onRollTo ?? null,
          registration_status: enrolment.registrationStatus,
          year_group_id: enrolment.yearGroupId,
          class_id: enrolment.classId,
        })),
      )
      .returning(['id', 'pupil_id'])
      .execute();
    const idByPupil = new Map(rows.map((row) => [row.pupil_id, row.id]));
    for (const enrolment of chunk) ids.push(idByPupil.get(enrolment.pupilId) ?? 0);
  }
  return ids;
}

/** Adds many contacts; priorities must not clash with a pupil's existing contacts. */
export async function insertContacts(db: Executor, contacts: readonly NewContact[]): Promise<void> {
  for (const chunk of chunksOf(contacts)) {
    await db
      .insertInto('contacts')
      .values(
        chunk.map((contact) => ({
          pupil_id: contact.pupilId,
          user_id: contact.userId,
          name: contact.name,
          relationship: contact.relationship,
          parental_responsibility: contact.parentalResponsibility,
          emergency_contact: contact.emergencyContact,
          phone: contact.phone,
          email: contact.email,
          priority: contact.priority,
        })),
      )
      .execute();
  }
}

/** A school's pupils by UPN, with each enrolment's roll dates (a rejoiner has several). */
export interface PupilOnFile {
  readonly pupilId: number;
  readonly upn: string;
  readonly enrolments: readonly {
    readonly enrolmentId: number;
    readonly onRollFrom: IsoDate;
    readonly onRollTo: IsoDate | null;
  }[];
}

/** Every pupil ever enrolled at a school, keyed by UPN. */
export async function listSchoolPupilsByUpn(
  db: Executor,
  schoolId: number,
): Promise<Map<string, PupilOnFile>> {
  const rows = await db
    .selectFrom('enrolments')
    .innerJoin('pupils', 'pupils.id', 'enrolments.pupil_id')
    .select([
      'pupils.id as pupil_id',
      'pupils.upn',
      'enrolments.id as enrolment_id',
      'enrolments.on_roll_from',
      'enrolments.on_roll_to',
    ])
    .where('enrolments.school_id', '=', schoolId)
    .orderBy('enrolments.on_roll_from')
    .execute();
  const pupils = new Map<string, PupilOnFile>();
  for (const row of rows) {
    const enrolment = {
      enrolmentId: row.enrolment_id,
      onRollFrom: row.on_roll_from,
      onRollTo: row.on_roll_to,
    };
    const known = pupils.get(row.upn);
    pupils.set(row.upn, {
      pupilId: row.pupil_id,
      upn: row.upn,
      enrolments: [...(known?.enrolments ?? []), enrolment],
    });
  }
  return pupils;
}

/** Which of these UPNs are already on file anywhere (a UPN is unique nationally). */
export async function listKnownUpns(db: Executor, upns: readonly string[]): Promise<Set<string>> {
  const known = new Set<string>();
  for (const chunk of chunksOf(upns)) {
    if (chunk.length === 0) continue;
    const rows = await db.selectFrom('pupils').select('upn').where('upn', 'in', chunk).execute();
    for (const row of rows) known.add(row.upn);
  }
  return known;
}

/** The sessions already marked at a school between two dates, as "pupilId date session". */
export async function listMarkedSessions(
  db: Executor,
  range: { schoolId: number; from: IsoDate; to: IsoDate },
): Promise<Set<string>> {
  const rows = await db
    .selectFrom('marks')
    .select(['pupil_id', 'date', 'session'])
    .where('school_id', '=', range.schoolId)
    .where('date', '>=', range.from)
    .where('date', '<=', range.to)
    .execute();
  return new Set(rows.map((row) => markedSessionKey(row.pupil_id, row.date, row.session)));
}

export function markedSessionKey(pupilId: number, date: IsoDate, session: SessionName): string {
  return `${pupilId} ${date} ${session}`;
}

/** Each pupil's highest contact priority so far, for appending contacts after them. */
export async function listHighestContactPriorities(
  db: Executor,
  pupilIds: readonly number[],
): Promise<Map<number, number>> {
  const highest = new Map<number, number>();
  for (const chunk of chunksOf(pupilIds)) {
    if (chunk.length === 0) continue;
    const rows = await db
      .selectFrom('contacts')
      .select((eb) => ['pupil_id', eb.fn.max('priority').as('priority')])
      .where('pupil_id', 'in', chunk)
      .groupBy('pupil_id')
      .execute();
    for (const row of rows) highest.set(row.pupil_id, row.priority);
  }
  return highest;
}

/** Assigns teachers to classes in one statement. */
export async function insertClassTeachers(
  db: Executor,
  assignments: readonly { readonly classId: number; readonly userId: number }[],
): Promise<void> {
  if (assignments.length === 0) return;
  await db
    .insertInto('class_teachers')
    .values(assignments.map((a) => ({ class_id: a.classId, user_id: a.userId })))
    .onConflict((conflict) => conflict.columns(['class_id', 'user_id']).doNothing())
    .execute();
}

/** A trust by its name, for seeding that must not run twice. */
export async function findTrustIdByName(db: Executor, name: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('trusts')
    .select('id')
    .where('name', '=', name)
    .executeTakeFirst();
  return row?.id;
}

/** A local authority by its three-digit code. */
export async function findLocalAuthorityIdByCode(
  db: Executor,
  code: string,
): Promise<number | undefined> {
  const row = await db
    .selectFrom('local_authorities')
    .select('id')
    .where('code', '=', code)
    .executeTakeFirst();
  return row?.id;
}

/** Links a pupil's contact to the user account that parent signs in with. */
export async function linkContactToUser(
  db: Executor,
  link: { pupilId: number; priority: number; userId: number },
): Promise<boolean> {
  const result = await db
    .updateTable('contacts')
    .set({ user_id: link.userId })
    .where('pupil_id', '=', link.pupilId)
    .where('priority', '=', link.priority)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The longest-standing active account in one of these roles at a school or its trust. */
export async function findSchoolStaffMember(
  db: Executor,
  query: { schoolId: number; trustId: number | null; roles: readonly UserRole[] },
): Promise<{ id: number; displayName: string; role: UserRole } | undefined> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'display_name', 'role'])
    .where('role', 'in', query.roles)
    .where('deactivated_at', 'is', null)
    .where((eb) =>
      query.trustId === null
        ? eb('school_id', '=', query.schoolId)
        : eb.or([eb('school_id', '=', query.schoolId), eb('trust_id', '=', query.trustId)]),
    )
    .orderBy('id')
    .executeTakeFirst();
  return row === undefined
    ? undefined
    : { id: row.id, displayName: row.display_name, role: row.role };
}
