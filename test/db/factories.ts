import type { Kysely } from 'kysely';
import type { IsoDate } from '../../src/domain/calendar/plain-date.ts';
import type { Enrolment, NewPupil, Pupil } from '../../src/store/pupil.repository.ts';
import { createPupil, enrolPupil } from '../../src/store/pupil.repository.ts';
import type { Database, UserRole } from '../../src/store/schema.ts';
import { createClass, type SchoolClass } from '../../src/store/class.repository.ts';
import { createLesson, type Lesson, type NewLesson } from '../../src/store/lesson.repository.ts';
import {
  createAcademicYear,
  createLocalAuthority,
  createSchool,
  createTrust,
  type NewSchool,
  type School,
} from '../../src/store/school.repository.ts';
import { createUser, type User, type UserScope } from '../../src/store/user.repository.ts';

type Db = Kysely<Database>;

// Per test file (vitest isolates modules per file), so values stay unique within a database.
let sequence = 0;
function nextNumber(): number {
  sequence += 1;
  return sequence;
}

export async function makeSchool(db: Db, overrides: Partial<NewSchool> = {}): Promise<School> {
  const n = nextNumber();
  const trust =
    overrides.trustId === undefined ? await createTrust(db, { name: `Trust ${n}` }) : null;
  const authority =
    overrides.localAuthorityId === undefined
      ? await createLocalAuthority(db, {
          code: String(n % 1000).padStart(3, '0'),
          name: `Authority ${n}`,
        })
      : null;
  return createSchool(db, {
    trustId: trust?.id ?? null,
    localAuthorityId: authority?.id ?? 0,
    urn: String(100000 + n),
    name: `School ${n}`,
    jurisdiction: 'england',
    phase: 'primary',
    policyPreset: 'england-default',
    policySettings: {},
    customPolicyYaml: null,
    registerTimes: { amOpens: '08:40', amCloses: '09:10', pmOpens: '13:00', pmCloses: '13:15' },
    ...overrides,
  });
}

export async function makeUser(
  db: Db,
  options: { role?: UserRole; scope?: UserScope; displayName?: string } = {},
): Promise<User> {
  const n = nextNumber();
  const result = await createUser(db, {
    email: `user${n}@example.test`,
    displayName: options.displayName ?? `Staff Member ${n}`,
    passwordHash: null,
    role: options.role ?? 'teacher',
    scope: options.scope ?? { kind: 'none' },
  });
  if (!result.ok) throw new Error(`test user email clash: ${result.error.email}`);
  return result.value;
}

export function makeUpn(n: number): string {
  return `A${String(n).padStart(12, '0')}`;
}

export async function makePupil(db: Db, overrides: Partial<NewPupil> = {}): Promise<Pupil> {
  const n = nextNumber();
  const result = await createPupil(db, {
    upn: makeUpn(n),
    legalFirstName: `Pupil${n}`,
    legalLastName: 'Example',
    preferredFirstName: null,
    preferredLastName: null,
    dateOfBirth: '2016-05-01',
    sex: 'F',
    ethnicity: null,
    senStatus: 'N',
    freeSchoolMeals: false,
    pupilPremium: false,
    englishAdditionalLanguage: false,
    lookedAfter: false,
    childInNeed: false,
    youngCarer: false,
    ...overrides,
  });
  if (!result.ok) throw new Error('test pupil UPN clash');
  return result.value;
}

export interface EnrolledPupil {
  readonly pupil: Pupil;
  readonly enrolment: Enrolment;
}

export async function makeEnrolledPupil(
  db: Db,
  schoolId: number,
  onRollFrom: IsoDate = '2024-09-02',
): Promise<EnrolledPupil> {
  const pupil = await makePupil(db);
  const enrolment = await enrolPupil(db, {
    schoolId,
    pupilId: pupil.id,
    onRollFrom,
    registrationStatus: 'single',
    yearGroupId: null,
    classId: null,
  });
  return { pupil, enrolment };
}

/** A school with a teacher, an office user and a class of enrolled pupils. */
export async function makeRegister(db: Db, pupilCount = 3) {
  const school = await makeSchool(db);
  const teacher = await makeUser(db, {
    role: 'teacher',
    scope: { kind: 'school', schoolId: school.id },
  });
  const office = await makeUser(db, {
    role: 'office',
    scope: { kind: 'school', schoolId: school.id },
  });
  const pupils: EnrolledPupil[] = [];
  for (let i = 0; i < pupilCount; i += 1) {
    pupils.push(await makeEnrolledPupil(db, school.id));
  }
  return { school, teacher, office, pupils };
}

/** A secondary teaching group, in a 2024/25 academic year of its own. */
export async function makeTeachingGroup(
  db: Db,
  schoolId: number,
  name: string,
): Promise<SchoolClass> {
  const year = await createAcademicYear(db, {
    schoolId,
    name: '2024/25',
    startsOn: '2024-09-01',
    endsOn: '2025-08-31',
    terms: [],
  });
  if (!year.ok) throw new Error(year.error.kind);
  return createClass(db, {
    schoolId,
    academicYearId: year.value.id,
    yearGroupId: null,
    name,
    kind: 'teaching',
  });
}

/**
 * A weekly lesson of a class, Wednesday mornings 10:00–11:00 from 2 September 2024 unless
 * `lesson` says otherwise.
 */
export async function makeLesson(
  db: Db,
  lesson: Pick<NewLesson, 'schoolId' | 'classId'> & Partial<NewLesson>,
): Promise<Lesson> {
  return createLesson(db, {
    teacherUserId: null,
    subject: 'Mathematics',
    weekday: 3,
    period: 'P2',
    session: 'AM',
    startsAt: '10:00',
    endsAt: '11:00',
    validFrom: '2024-09-02',
    validTo: null,
    ...lesson,
  });
}
