import type { InputProblem } from '../domain/problem.ts';
import { err, ok, type Result } from '../domain/result.ts';
import { recordAuditEvent } from '../store/audit.repository.ts';
import {
  changeTeachingClassMembers,
  findClassOfSchool,
  isClassNameTaken,
  listClassSetups,
  listRoll,
  listTeachers,
  renameClass,
  replaceClassTeachers,
  setRegistrationClass,
  type ClassSetup,
  type RollEntry,
  type StaffMember,
} from '../store/class-admin.repository.ts';
import { createClass, listYearGroups, type YearGroup } from '../store/class.repository.ts';
import type { ClassKind } from '../store/schema.ts';
import { lockSchool } from '../store/school-admin.repository.ts';
import { listAcademicYears, type AcademicYear } from '../store/school.repository.ts';
import { runAtomically, type Executor } from '../store/transaction.ts';
import type { Clock } from './clock.ts';
import { londonWallClock } from './london-time.ts';

export interface ClassAdminDeps {
  readonly db: Executor;
  readonly clock: Clock;
}

/** Who is changing which school's classes. */
export interface ClassEditor {
  readonly schoolId: number;
  readonly actorUserId: number;
}

export type ClassAdminError =
  | { readonly kind: 'not-found'; readonly what: 'school' | 'class' }
  | { readonly kind: 'invalid'; readonly problems: readonly InputProblem[] };

export interface ClassSetupView {
  readonly academicYears: readonly AcademicYear[];
  readonly academicYearId: number | null;
  readonly yearGroups: readonly YearGroup[];
  readonly teachers: readonly StaffMember[];
  readonly classes: ClassSetup[];
}

function todayOf(clock: Clock) {
  return londonWallClock(clock.now()).date;
}

function invalid(field: string, message: string): { ok: false; error: ClassAdminError } {
  return err({ kind: 'invalid', problems: [{ field, message }] });
}

async function readClass(
  db: Executor,
  clock: Clock,
  ref: { schoolId: number; classId: number },
): Promise<Result<ClassSetup, ClassAdminError>> {
  const [found] = await listClassSetups(db, { ...ref, onDay: todayOf(clock) });
  return found === undefined ? err({ kind: 'not-found', what: 'class' }) : ok(found);
}

/** The classes of a year (this year's unless another is asked for), for setting them up. */
export async function loadClassSetup(
  deps: ClassAdminDeps,
  query: { schoolId: number; academicYearId: number | null },
): Promise<Result<ClassSetupView, ClassAdminError>> {
  const { db } = deps;
  const today = todayOf(deps.clock);
  const years = await listAcademicYears(db, query.schoolId);
  const chosen =
    query.academicYearId !== null
      ? years.find((year) => year.id === query.academicYearId)
      : (years.find((year) => year.startsOn <= today && today <= year.endsOn) ?? years.at(-1));
  if (query.academicYearId !== null && chosen === undefined)
    return invalid('academicYearId', 'the school has no academic year with that id');
  return ok({
    academicYears: years,
    academicYearId: chosen?.id ?? null,
    yearGroups: await listYearGroups(db, query.schoolId),
    teachers: await listTeachers(db, query.schoolId),
    classes:
      chosen === undefined
        ? []
        : await listClassSetups(db, {
            schoolId: query.schoolId,
            academicYearId: chosen.id,
            onDay: today,
          }),
  });
}

/** The pupils on the school's roll today, with their registration and teaching classes. */
export async function loadRoll(deps: ClassAdminDeps, schoolId: number): Promise<RollEntry[]> {
  return listRoll(deps.db, { schoolId, onDay: todayOf(deps.clock) });
}

async function checkYearGroup(
  db: Executor,
  schoolId: number,
  yearGroupId: number | null,
): Promise<InputProblem[]> {
  if (yearGroupId === null) return [];
  const groups = await listYearGroups(db, schoolId);
  return groups.some((group) => group.id === yearGroupId)
    ? []
    : [{ field: 'yearGroupId', message: 'the school has no year group with that id' }];
}

/** Creates a class in one of the school's academic years. Names are unique within a year. */
export async function createSchoolClass(
  deps: ClassAdminDeps,
  request: ClassEditor & {
    readonly name: string;
    readonly academicYearId: number;
    readonly yearGroupId: number | null;
    readonly kind: ClassKind;
  },
): Promise<Result<ClassSetup, ClassAdminError>> {
  return runAtomically<ClassSetup, ClassAdminError>(deps.db, async (trx) => {
    if (!(await lockSchool(trx, request.schoolId)))
      return err({ kind: 'not-found', what: 'school' });
    const years = await listAcademicYears(trx, request.schoolId);
    if (!years.some((year) => year.id === request.academicYearId))
      return invalid('academicYearId', 'the school has no academic year with that id');
    const problems = await checkYearGroup(trx, request.schoolId, request.yearGroupId);
    if (problems.length > 0) return err({ kind: 'invalid', problems });
    if (await isClassNameTaken(trx, request))
      return invalid(
        'name',
        `there is already a class called "${request.name}" that year; choose another name`,
      );
    const created = await createClass(trx, {
      schoolId: request.schoolId,
      academicYearId: request.academicYearId,
      yearGroupId: request.yearGroupId,
      name: request.name,
      kind: request.kind,
    });
    await recordAuditEvent(trx, {
      actorUserId: request.actorUserId,
      action: 'class.created',
      subjectPupilId: null,
      details: { schoolId: request.schoolId, classId: created.id, name: created.name },
      occurredAt: deps.clock.now(),
    });
    return ok({ ...created, teachers: [], pupilCount: 0 });
  });
}

/** Renames a class or moves it to another year group. */
export async function changeSchoolClass(
  deps: ClassAdminDeps,
  request: ClassEditor & {
    readonly classId: number;
    readonly name: string;
    readonly yearGroupId: number | null;
  },
): Promise<Result<ClassSetup, ClassAdminError>> {
  return runAtomically<ClassSetup, ClassAdminError>(deps.db, async (trx) => {
    if (!(await lockSchool(trx, request.schoolId)))
      return err({ kind: 'not-found', what: 'school' });
    const found = await findClassOfSchool(trx, request);
    if (found === undefined) return err({ kind: 'not-found', what: 'class' });
    const problems = await checkYearGroup(trx, request.schoolId, request.yearGroupId);
    if (problems.length > 0) return err({ kind: 'invalid', problems });
    if (
      await isClassNameTaken(trx, {
        academicYearId: found.academicYearId,
        name: request.name,
        exceptClassId: found.id,
      })
    )
      return invalid(
        'name',
        `there is already a class called "${request.name}" that year; choose another name`,
      );
    await renameClass(trx, request);
    await recordAuditEvent(trx, {
      actorUserId: request.actorUserId,
      action: 'class.changed',
      subjectPupilId: null,
      details: {
        schoolId: request.schoolId,
        classId: found.id,
        before: { name: found.name },
        after: { name: request.name, yearGroupId: request.yearGroupId },
      },
      occurredAt: deps.clock.now(),
    });
    return readClass(trx, deps.clock, request);
  });
}

/** Names exactly these teachers as the class's: each must be an active teacher of the school. */
export async function setClassTeachers(
  deps: ClassAdminDeps,
  request: ClassEditor & { readonly classId: number; readonly userIds: readonly number[] },
): Promise<Result<ClassSetup, ClassAdminError>> {
  return runAtomically<ClassSetup, ClassAdminError>(deps.db, async (trx) => {
    const found = await findClassOfSchool(trx, request);
    if (found === undefined) return err({ kind: 'not-found', what: 'class' });
    const teachers = new Set((await listTeachers(trx, request.schoolId)).map((t) => t.userId));
    const problems = request.userIds.flatMap((userId, index) =>
      teachers.has(userId)
        ? []
        : [
            {
              field: `userIds.${index}`,
              message: `account ${userId} is not an active teacher at this school`,
            },
          ],
    );
    if (problems.length > 0) return err({ kind: 'invalid', problems });
    const userIds = [...new Set(request.userIds)];
    await replaceClassTeachers(trx, { classId: found.id, userIds });
    await recordAuditEvent(trx, {
      actorUserId: request.actorUserId,
      action: 'class.teachers-set',
      subjectPupilId: null,
      details: { schoolId: request.schoolId, classId: found.id, teacherUserIds: userIds },
      occurredAt: deps.clock.now(),
    });
    return readClass(trx, deps.clock, request);
  });
}

/**
 * Makes the class hold exactly these pupils (on roll today). For a registration class a pupil
 * moves in from their old class, and pupils left out have no registration class until placed
 * in another; a teaching group simply gains and loses members.
 */
export async function setClassPupils(
  deps: ClassAdminDeps,
  request: ClassEditor & { readonly classId: number; readonly pupilIds: readonly number[] },
): Promise<Result<ClassSetup, ClassAdminError>> {
  const onDay = todayOf(deps.clock);
  return runAtomically<ClassSetup, ClassAdminError>(deps.db, async (trx) => {
    if (!(await lockSchool(trx, request.schoolId)))
      return err({ kind: 'not-found', what: 'school' });
    const found = await findClassOfSchool(trx, request);
    if (found === undefined) return err({ kind: 'not-found', what: 'class' });
    const roll = await listRoll(trx, { schoolId: request.schoolId, onDay });
    const byPupil = new Map(roll.map((entry) => [entry.pupilId, entry]));
    const problems = request.pupilIds.flatMap((pupilId, index) =>
      byPupil.has(pupilId)
        ? []
        : [
            {
              field: `pupilIds.${index}`,
              message: `pupil ${pupilId} is not on the school's roll today`,
            },
          ],
    );
    if (problems.length > 0) return err({ kind: 'invalid', problems });
    const wanted = new Set(request.pupilIds);
    const isIn = (entry: RollEntry) =>
      found.kind === 'registration'
        ? entry.registrationClassId === found.id
        : entry.teachingClassIds.includes(found.id);
    const joining = roll.filter((entry) => wanted.has(entry.pupilId) && !isIn(entry));
    const leaving = roll.filter((entry) => !wanted.has(entry.pupilId) && isIn(entry));
    const ids = (entries: RollEntry[]) => entries.map((entry) => entry.enrolmentId);
    if (found.kind === 'registration') {
      await setRegistrationClass(trx, { enrolmentIds: ids(joining), classId: found.id });
      await setRegistrationClass(trx, { enrolmentIds: ids(leaving), classId: null });
    } else {
      await changeTeachingClassMembers(trx, {
        classId: found.id,
        joining: ids(joining),
        leaving: ids(leaving),
      });
    }
    await recordAuditEvent(trx, {
      actorUserId: request.actorUserId,
      action: 'class.pupils-set',
      subjectPupilId: null,
      details: {
        schoolId: request.schoolId,
        classId: found.id,
        joinedPupilIds: joining.map((entry) => entry.pupilId),
        leftPupilIds: leaving.map((entry) => entry.pupilId),
        movedFrom: Object.fromEntries(
          joining
            .filter((entry) => found.kind === 'registration' && entry.registrationClassId !== null)
            .map((entry) => [entry.pupilId, entry.registrationClassId]),
        ),
      },
      occurredAt: deps.clock.now(),
    });
    return readClass(trx, deps.clock, request);
  });
}
