import { sql } from 'kysely';
import type { IsoDate } from '../domain/calendar/plain-date.ts';
import type { ClassKind, UserRole } from './schema.ts';
import type { Executor } from './transaction.ts';

/** A class as the administration pages show it: its teachers and how many pupils it holds. */
export interface ClassSetup {
  readonly id: number;
  readonly academicYearId: number;
  readonly yearGroupId: number | null;
  readonly name: string;
  readonly kind: ClassKind;
  readonly teachers: { userId: number; displayName: string }[];
  readonly pupilCount: number;
}

/** A pupil on the roll on a day, with the enrolment that holds them and their classes. */
export interface RollEntry {
  readonly pupilId: number;
  readonly enrolmentId: number;
  readonly firstName: string;
  readonly lastName: string;
  readonly yearGroupId: number | null;
  readonly registrationClassId: number | null;
  readonly teachingClassIds: number[];
}

/** A staff account of a school that may be named as a class's teacher. */
export interface StaffMember {
  readonly userId: number;
  readonly email: string;
  readonly displayName: string;
  readonly role: UserRole;
}

export async function findClassOfSchool(
  db: Executor,
  ref: { schoolId: number; classId: number },
): Promise<{ id: number; name: string; kind: ClassKind; academicYearId: number } | undefined> {
  return db
    .selectFrom('classes')
    .select(['id', 'name', 'kind', 'academic_year_id as academicYearId'])
    .where('id', '=', ref.classId)
    .where('school_id', '=', ref.schoolId)
    .executeTakeFirst();
}

export async function isClassNameTaken(
  db: Executor,
  query: { academicYearId: number; name: string; exceptClassId?: number },
): Promise<boolean> {
  let builder = db
    .selectFrom('classes')
    .select('id')
    .where('academic_year_id', '=', query.academicYearId)
    .where(sql<boolean>`lower(name) = lower(${query.name})`);
  if (query.exceptClassId !== undefined) builder = builder.where('id', '<>', query.exceptClassId);
  return (await builder.executeTakeFirst()) !== undefined;
}

/** The classes of one academic year with their teachers and the pupils in them on a day. */
export async function listClassSetups(
  db: Executor,
  query: { schoolId: number; academicYearId?: number; classId?: number; onDay: IsoDate },
): Promise<ClassSetup[]> {
  let builder = db
    .selectFrom('classes')
    .select((eb) => [
      'classes.id',
      'classes.academic_year_id',
      'classes.year_group_id',
      'classes.name',
      'classes.kind',
      sql<{ userId: number; displayName: string }[]>`coalesce((
        select json_agg(json_build_object('userId', users.id, 'displayName', users.display_name)
          order by users.display_name)
        from class_teachers join users on users.id = class_teachers.user_id
        where class_teachers.class_id = ${eb.ref('classes.id')}
      ), '[]')`.as('teachers'),
      sql<number>`(
        select count(*)::integer from enrolments
        where ${onRollOn(query.onDay)}
          and (enrolments.class_id = ${eb.ref('classes.id')} or exists (
            select 1 from class_members
            where class_members.enrolment_id = enrolments.id
              and class_members.class_id = ${eb.ref('classes.id')}))
      )`.as('pupil_count'),
    ])
    .where('classes.school_id', '=', query.schoolId);
  if (query.academicYearId !== undefined)
    builder = builder.where('classes.academic_year_id', '=', query.academicYearId);
  if (query.classId !== undefined) builder = builder.where('classes.id', '=', query.classId);
  const rows = await builder.orderBy('classes.name').execute();
  return rows.map((row) => ({
    id: row.id,
    academicYearId: row.academic_year_id,
    yearGroupId: row.year_group_id,
    name: row.name,
    kind: row.kind,
    teachers: row.teachers,
    pupilCount: row.pupil_count,
  }));
}

function onRollOn(day: IsoDate) {
  return sql<boolean>`enrolments.on_roll_from <= ${day}
    and (enrolments.on_roll_to is null or enrolments.on_roll_to >= ${day})`;
}

/** Every pupil on the school's roll on a day, by surname. */
export async function listRoll(
  db: Executor,
  query: { schoolId: number; onDay: IsoDate },
): Promise<RollEntry[]> {
  const rows = await db
    .selectFrom('enrolments')
    .innerJoin('pupils', 'pupils.id', 'enrolments.pupil_id')
    .select((eb) => [
      'pupils.id as pupil_id',
      'enrolments.id as enrolment_id',
      sql<string>`coalesce(pupils.preferred_first_name, pupils.legal_first_name)`.as('first_name'),
      sql<string>`coalesce(pupils.preferred_last_name, pupils.legal_last_name)`.as('last_name'),
      'enrolments.year_group_id',
      'enrolments.class_id',
      sql<number[]>`array(
        select class_members.class_id from class_members
        where class_members.enrolment_id = ${eb.ref('enrolments.id')}
        order by class_members.class_id
      )`.as('teaching_class_ids'),
    ])
    .where('enrolments.school_id', '=', query.schoolId)
    .where(onRollOn(query.onDay))
    .orderBy('last_name')
    .orderBy('first_name')
    .orderBy('pupils.id')
    .execute();
  return rows.map((row) => ({
    pupilId: row.pupil_id,
    enrolmentId: row.enrolment_id,
    firstName: row.first_name,
    lastName: row.last_name,
    yearGroupId: row.year_group_id,
    registrationClassId: row.class_id,
    teachingClassIds: row.teaching_class_ids,
  }));
}

export async function renameClass(
  db: Executor,
  change: { classId: number; name: string; yearGroupId: number | null },
): Promise<void> {
  await db
    .updateTable('classes')
    .set({ name: change.name, year_group_id: change.yearGroupId })
    .where('id', '=', change.classId)
    .execute();
}

/** Replaces a class's teachers with exactly these accounts. */
export async function replaceClassTeachers(
  db: Executor,
  change: { classId: number; userIds: readonly number[] },
): Promise<void> {
  await db.deleteFrom('class_teachers').where('class_id', '=', change.classId).execute();
  if (change.userIds.length === 0) return;
  await db
    .insertInto('class_teachers')
    .values(change.userIds.map((userId) => ({ class_id: change.classId, user_id: userId })))
    .execute();
}

/** Sets the registration class of these enrolments (null: none), moving them from any other. */
export async function setRegistrationClass(
  db: Executor,
  change: { enrolmentIds: readonly number[]; classId: number | null },
): Promise<void> {
  if (change.enrolmentIds.length === 0) return;
  await db
    .updateTable('enrolments')
    .set({ class_id: change.classId })
    .where('id', 'in', change.enrolmentIds)
    .execute();
}

/** Adds enrolments to a teaching group and takes others out (a pupil may be in several). */
export async function changeTeachingClassMembers(
  db: Executor,
  change: { classId: number; joining: readonly number[]; leaving: readonly number[] },
): Promise<void> {
  if (change.leaving.length > 0)
    await db
      .deleteFrom('class_members')
      .where('class_id', '=', change.classId)
      .where('enrolment_id', 'in', change.leaving)
      .execute();
  if (change.joining.length === 0) return;
  await db
    .insertInto('class_members')
    .values(change.joining.map((id) => ({ class_id: change.classId, enrolment_id: id })))
    .onConflict((conflict) => conflict.columns(['class_id', 'enrolment_id']).doNothing())
    .execute();
}

/**
 * The school's active teacher accounts: class_teachers is what gives a teacher their classes
 * (other staff roles reach every class already).
 */
export async function listTeachers(db: Executor, schoolId: number): Promise<StaffMember[]> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'email', 'display_name', 'role'])
    .where('school_id', '=', schoolId)
    .where('deactivated_at', 'is', null)
    .where('role', '=', 'teacher')
    .orderBy('display_name')
    .execute();
  return rows.map((row) => ({
    userId: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
  }));
}
