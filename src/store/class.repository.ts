import type { Selectable } from 'kysely';
import type { ClassKind, ClassesTable } from './schema.ts';
import type { Executor } from './transaction.ts';

export interface YearGroup {
  readonly id: number;
  readonly schoolId: number;
  readonly name: string;
  /** 'N1', 'N2', 'R', '1'...'14'. */
  readonly nationalCurriculumYear: string;
  readonly sortOrder: number;
}

export type NewYearGroup = Omit<YearGroup, 'id'>;

/** A registration (form) class, or for secondary schools a teaching group with lessons. */
export interface SchoolClass {
  readonly id: number;
  readonly schoolId: number;
  readonly academicYearId: number;
  readonly yearGroupId: number | null;
  readonly name: string;
  readonly kind: ClassKind;
}

export type NewSchoolClass = Omit<SchoolClass, 'id'>;

export async function createYearGroup(db: Executor, yearGroup: NewYearGroup): Promise<YearGroup> {
  const row = await db
    .insertInto('year_groups')
    .values({
      school_id: yearGroup.schoolId,
      name: yearGroup.name,
      national_curriculum_year: yearGroup.nationalCurriculumYear,
      sort_order: yearGroup.sortOrder,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return {
    id: row.id,
    schoolId: row.school_id,
    name: row.name,
    nationalCurriculumYear: row.national_curriculum_year,
    sortOrder: row.sort_order,
  };
}

export async function listYearGroups(db: Executor, schoolId: number): Promise<YearGroup[]> {
  const rows = await db
    .selectFrom('year_groups')
    .selectAll()
    .where('school_id', '=', schoolId)
    .orderBy('sort_order')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    schoolId: row.school_id,
    name: row.name,
    nationalCurriculumYear: row.national_curriculum_year,
    sortOrder: row.sort_order,
  }));
}

export async function createClass(db: Executor, schoolClass: NewSchoolClass): Promise<SchoolClass> {
  const row = await db
    .insertInto('classes')
    .values({
      school_id: schoolClass.schoolId,
      academic_year_id: schoolClass.academicYearId,
      year_group_id: schoolClass.yearGroupId,
      name: schoolClass.name,
      kind: schoolClass.kind,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toSchoolClass(row);
}

export async function listClasses(
  db: Executor,
  query: { schoolId: number; academicYearId: number },
): Promise<SchoolClass[]> {
  const rows = await db
    .selectFrom('classes')
    .selectAll()
    .where('school_id', '=', query.schoolId)
    .where('academic_year_id', '=', query.academicYearId)
    .orderBy('name')
    .execute();
  return rows.map(toSchoolClass);
}

export async function assignClassTeacher(
  db: Executor,
  assignment: { classId: number; userId: number },
): Promise<void> {
  await db
    .insertInto('class_teachers')
    .values({ class_id: assignment.classId, user_id: assignment.userId })
    .onConflict((conflict) => conflict.columns(['class_id', 'user_id']).doNothing())
    .execute();
}

export async function removeClassTeacher(
  db: Executor,
  assignment: { classId: number; userId: number },
): Promise<void> {
  await db
    .deleteFrom('class_teachers')
    .where('class_id', '=', assignment.classId)
    .where('user_id', '=', assignment.userId)
    .execute();
}

/** The classes a teacher may see and mark. */
export async function listClassesTaughtBy(db: Executor, userId: number): Promise<SchoolClass[]> {
  const rows = await db
    .selectFrom('classes')
    .innerJoin('class_teachers', 'class_teachers.class_id', 'classes.id')
    .selectAll('classes')
    .where('class_teachers.user_id', '=', userId)
    .orderBy('classes.name')
    .execute();
  return rows.map(toSchoolClass);
}

export async function addClassMember(
  db: Executor,
  membership: { classId: number; enrolmentId: number },
): Promise<void> {
  await db
    .insertInto('class_members')
    .values({ class_id: membership.classId, enrolment_id: membership.enrolmentId })
    .onConflict((conflict) => conflict.columns(['class_id', 'enrolment_id']).doNothing())
    .execute();
}

function toSchoolClass(row: Selectable<ClassesTable>): SchoolClass {
  return {
    id: row.id,
    schoolId: row.school_id,
    academicYearId: row.academic_year_id,
    yearGroupId: row.year_group_id,
    name: row.name,
    kind: row.kind,
  };
}
