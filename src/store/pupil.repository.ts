import {
  sql,
  type Expression,
  type ExpressionBuilder,
  type Insertable,
  type Selectable,
  type SqlBool,
} from 'kysely';
import type { IsoDate } from '../domain/calendar/plain-date.ts';
import { isUniqueViolation } from './database-errors.ts';
import { fail, succeed, type Result } from './result.ts';
import type {
  ContactsTable,
  Database,
  EnrolmentsTable,
  PupilSex,
  PupilsTable,
  RegistrationStatus,
  SenStatus,
} from './schema.ts';
import { runAtomically, type Executor } from './transaction.ts';

export interface Pupil {
  readonly id: number;
  readonly upn: string;
  readonly legalFirstName: string;
  readonly legalLastName: string;
  readonly preferredFirstName: string | null;
  readonly preferredLastName: string | null;
  readonly dateOfBirth: IsoDate;
  readonly sex: PupilSex;
  readonly ethnicity: string | null;
  readonly senStatus: SenStatus;
  readonly freeSchoolMeals: boolean;
  readonly pupilPremium: boolean;
  readonly englishAdditionalLanguage: boolean;
  readonly lookedAfter: boolean;
  readonly childInNeed: boolean;
  readonly youngCarer: boolean;
}

export type NewPupil = Omit<Pupil, 'id'>;

export interface Enrolment {
  readonly id: number;
  readonly schoolId: number;
  readonly pupilId: number;
  readonly onRollFrom: IsoDate;
  readonly onRollTo: IsoDate | null;
  readonly registrationStatus: RegistrationStatus;
  readonly yearGroupId: number | null;
  readonly classId: number | null;
}

export type NewEnrolment = Omit<Enrolment, 'id' | 'onRollTo'> & {
  readonly onRollTo?: IsoDate | null;
};

export interface Contact {
  readonly id: number;
  readonly pupilId: number;
  readonly userId: number | null;
  readonly name: string;
  readonly relationship: string;
  readonly parentalResponsibility: boolean;
  readonly emergencyContact: boolean;
  readonly phone: string | null;
  readonly email: string | null;
  readonly priority: number;
}

export type NewContact = Omit<Contact, 'id'>;

/** A pupil on a school's roll on a given day, with what a register needs to list them. */
export interface RollEntry {
  readonly enrolmentId: number;
  readonly pupilId: number;
  readonly upn: string;
  readonly displayFirstName: string;
  readonly displayLastName: string;
  readonly yearGroupId: number | null;
  readonly classId: number | null;
  readonly registrationStatus: RegistrationStatus;
}

export type UpnTaken = { readonly kind: 'upn-taken'; readonly upn: string };

/** A new pupil as a row of the pupils table. */
export function toPupilRow(pupil: NewPupil): Insertable<PupilsTable> {
  return {
    upn: pupil.upn,
    legal_first_name: pupil.legalFirstName,
    legal_last_name: pupil.legalLastName,
    preferred_first_name: pupil.preferredFirstName,
    preferred_last_name: pupil.preferredLastName,
    date_of_birth: pupil.dateOfBirth,
    sex: pupil.sex,
    ethnicity: pupil.ethnicity,
    sen_status: pupil.senStatus,
    free_school_meals: pupil.freeSchoolMeals,
    pupil_premium: pupil.pupilPremium,
    english_additional_language: pupil.englishAdditionalLanguage,
    looked_after: pupil.lookedAfter,
    child_in_need: pupil.childInNeed,
    young_carer: pupil.youngCarer,
  };
}

export async function createPupil(db: Executor, pupil: NewPupil): Promise<Result<Pupil, UpnTaken>> {
  try {
    const row = await db
      .insertInto('pupils')
      .values(toPupilRow(pupil))
      .returningAll()
      .executeTakeFirstOrThrow();
    return succeed(toPupil(row));
  } catch (error) {
    // The UPN is personal data: callers get it back in the value, it is never logged here.
    if (isUniqueViolation(error, 'pupils_upn_key')) {
      return fail({ kind: 'upn-taken', upn: pupil.upn });
    }
    throw error;
  }
}

export async function findPupil(db: Executor, pupilId: number): Promise<Pupil | undefined> {
  const row = await db
    .selectFrom('pupils')
    .selectAll()
    .where('id', '=', pupilId)
    .executeTakeFirst();
  return row === undefined ? undefined : toPupil(row);
}

export async function findPupilByUpn(db: Executor, upn: string): Promise<Pupil | undefined> {
  const row = await db.selectFrom('pupils').selectAll().where('upn', '=', upn).executeTakeFirst();
  return row === undefined ? undefined : toPupil(row);
}

export async function enrolPupil(db: Executor, enrolment: NewEnrolment): Promise<Enrolment> {
  const row = await db
    .insertInto('enrolments')
    .values({
      school_id: enrolment.schoolId,
      pupil_id: enrolment.pupilId,
      on_roll_from: enrolment.onRollFrom,
      on_roll_to: enrolment.onRollTo ?? null,
      registration_status: enrolment.registrationStatus,
      year_group_id: enrolment.yearGroupId,
      class_id: enrolment.classId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toEnrolment(row);
}

export async function endEnrolment(
  db: Executor,
  change: { enrolmentId: number; onRollTo: IsoDate },
): Promise<Enrolment | undefined> {
  const row = await db
    .updateTable('enrolments')
    .set({ on_roll_to: change.onRollTo })
    .where('id', '=', change.enrolmentId)
    .returningAll()
    .executeTakeFirst();
  return row === undefined ? undefined : toEnrolment(row);
}

export async function listPupilEnrolments(db: Executor, pupilId: number): Promise<Enrolment[]> {
  const rows = await db
    .selectFrom('enrolments')
    .selectAll()
    .where('pupil_id', '=', pupilId)
    .orderBy('on_roll_from')
    .execute();
  return rows.map(toEnrolment);
}

/** Pupils on a school's roll on a date, optionally one class, in register order. */
export async function listRoll(
  db: Executor,
  query: { schoolId: number; date: IsoDate; classId?: number },
): Promise<RollEntry[]> {
  const builder = db
    .selectFrom('enrolments')
    .innerJoin('pupils', 'pupils.id', 'enrolments.pupil_id')
    .select((eb) => [
      'enrolments.id as enrolment_id',
      'pupils.id as pupil_id',
      'pupils.upn',
      eb.fn
        .coalesce('pupils.preferred_first_name', 'pupils.legal_first_name')
        .as('display_first_name'),
      eb.fn
        .coalesce('pupils.preferred_last_name', 'pupils.legal_last_name')
        .as('display_last_name'),
      'enrolments.year_group_id',
      'enrolments.class_id',
      'enrolments.registration_status',
    ])
    .where((eb) => isOnRoll(eb, query));
  const rows = await builder.orderBy('display_last_name').orderBy('display_first_name').execute();
  return rows.map((row) => ({
    enrolmentId: row.enrolment_id,
    pupilId: row.pupil_id,
    upn: row.upn,
    displayFirstName: row.display_first_name,
    displayLastName: row.display_last_name,
    yearGroupId: row.year_group_id,
    classId: row.class_id,
    registrationStatus: row.registration_status,
  }));
}

/**
 * The enrolments by which some pupils are on a school's roll on a date (and in a class, if
 * given): the roll test of listRoll for just those pupils, without names or order.
 */
export async function findRollEnrolments(
  db: Executor,
  query: { schoolId: number; date: IsoDate; classId?: number; pupilIds: readonly number[] },
): Promise<{ pupilId: number; enrolmentId: number }[]> {
  if (query.pupilIds.length === 0) return [];
  return db
    .selectFrom('enrolments')
    .select(['enrolments.pupil_id as pupilId', 'enrolments.id as enrolmentId'])
    .where('enrolments.pupil_id', 'in', query.pupilIds)
    .where((eb) => isOnRoll(eb, query))
    .execute();
}

function isOnRoll(
  eb: ExpressionBuilder<Database, 'enrolments'>,
  query: { schoolId: number; date: IsoDate; classId?: number },
): Expression<SqlBool> {
  const classId = query.classId;
  return eb.and([
    eb('enrolments.school_id', '=', query.schoolId),
    eb('enrolments.on_roll_from', '<=', query.date),
    eb.or([eb('enrolments.on_roll_to', 'is', null), eb('enrolments.on_roll_to', '>=', query.date)]),
    ...(classId === undefined
      ? []
      : [
          eb.or([
            eb('enrolments.class_id', '=', classId),
            eb.exists(
              eb
                .selectFrom('class_members')
                .select('class_members.class_id')
                .whereRef('class_members.enrolment_id', '=', 'enrolments.id')
                .where('class_members.class_id', '=', classId),
            ),
          ]),
        ]),
  ]);
}

export async function addContact(db: Executor, contact: NewContact): Promise<Contact> {
  const row = await db
    .insertInto('contacts')
    .values({
      pupil_id: contact.pupilId,
      user_id: contact.userId,
      name: contact.name,
      relationship: contact.relationship,
      parental_responsibility: contact.parentalResponsibility,
      emergency_contact: contact.emergencyContact,
      phone: contact.phone,
      email: contact.email,
      priority: contact.priority,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toContact(row);
}

/** A pupil's contacts in the order the school should call them. */
export async function listContacts(db: Executor, pupilId: number): Promise<Contact[]> {
  const rows = await db
    .selectFrom('contacts')
    .selectAll()
    .where('pupil_id', '=', pupilId)
    .orderBy('priority')
    .execute();
  return rows.map(toContact);
}

/** Renumbers a pupil's contacts 1, 2, 3... in the given order, in one transaction. */
export async function reorderContacts(
  db: Executor,
  order: { pupilId: number; contactIds: readonly number[] },
): Promise<Result<Contact[], { kind: 'contacts-mismatch'; pupilId: number }>> {
  return runAtomically<Contact[], { kind: 'contacts-mismatch'; pupilId: number }>(
    db,
    async (trx) => {
      // Checked at commit instead, so two contacts can swap priorities in between.
      await sql`set constraints contacts_pupil_priority_key deferred`.execute(trx);
      const existing = await trx
        .selectFrom('contacts')
        .select('id')
        .where('pupil_id', '=', order.pupilId)
        .forUpdate()
        .execute();
      const wanted = new Set(order.contactIds);
      if (existing.length !== wanted.size || existing.some((row) => !wanted.has(row.id))) {
        return fail({ kind: 'contacts-mismatch', pupilId: order.pupilId });
      }
      for (const [index, contactId] of order.contactIds.entries()) {
        await trx
          .updateTable('contacts')
          .set({ priority: index + 1 })
          .where('id', '=', contactId)
          .execute();
      }
      return succeed(await listContacts(trx, order.pupilId));
    },
  );
}

/** The pupils a parent account may see: those naming the account on a contact. */
export async function listPupilsOfParent(db: Executor, userId: number): Promise<Pupil[]> {
  const rows = await db
    .selectFrom('pupils')
    .selectAll('pupils')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('contacts')
          .select('contacts.id')
          .whereRef('contacts.pupil_id', '=', 'pupils.id')
          .where('contacts.user_id', '=', userId),
      ),
    )
    .orderBy('pupils.id')
    .execute();
  return rows.map(toPupil);
}

function toPupil(row: Selectable<PupilsTable>): Pupil {
  return {
    id: row.id,
    upn: row.upn,
    legalFirstName: row.legal_first_name,
    legalLastName: row.legal_last_name,
    preferredFirstName: row.preferred_first_name,
    preferredLastName: row.preferred_last_name,
    dateOfBirth: row.date_of_birth,
    sex: row.sex,
    ethnicity: row.ethnicity,
    senStatus: row.sen_status,
    freeSchoolMeals: row.free_school_meals,
    pupilPremium: row.pupil_premium,
    englishAdditionalLanguage: row.english_additional_language,
    lookedAfter: row.looked_after,
    childInNeed: row.child_in_need,
    youngCarer: row.young_carer,
  };
}

function toEnrolment(row: Selectable<EnrolmentsTable>): Enrolment {
  return {
    id: row.id,
    schoolId: row.school_id,
    pupilId: row.pupil_id,
    onRollFrom: row.on_roll_from,
    onRollTo: row.on_roll_to,
    registrationStatus: row.registration_status,
    yearGroupId: row.year_group_id,
    classId: row.class_id,
  };
}

function toContact(row: Selectable<ContactsTable>): Contact {
  return {
    id: row.id,
    pupilId: row.pupil_id,
    userId: row.user_id,
    name: row.name,
    relationship: row.relationship,
    parentalResponsibility: row.parental_responsibility,
    emergencyContact: row.emergency_contact,
    phone: row.phone,
    email: row.email,
    priority: row.priority,
  };
}
