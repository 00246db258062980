import { academicYearLabel, isoWeekday } from '../domain/calendar/plain-date.ts';
import { composeUpn } from '../domain/pupils/upn.ts';
import { planDemoSchool, type DemoSchoolPlan, type DemoSchoolSpec } from '../demo/demo-school.ts';
import {
  findLastMarkedDate,
  planClassTimetable,
  planDayOfLessonMarks,
} from '../demo/demo-timetable.ts';
import type { SyntheticClass } from '../demo/synthetic-pupils.ts';
import { recordAbsenceReport } from '../store/absence-report.repository.ts';
import { createClass, createYearGroup } from '../store/class.repository.ts';
import {
  insertMarksInBulk,
  skipReferenceChecksForBulkLoad,
} from '../store/bulk-mark.repository.ts';
import type { ImportedMark } from '../store/mark-import.repository.ts';
import { createLessons, recordLessonMarks } from '../store/lesson.repository.ts';
import {
  findTrustIdByName,
  linkContactToUser,
  insertClassTeachers,
  insertContacts,
  insertEnrolments,
  insertPupils,
} from '../store/roll-import.repository.ts';
import type { UserRole } from '../store/schema.ts';
import {
  addClosure,
  createAcademicYear,
  createLocalAuthority,
  createSchool,
  createTrust,
  type RegisterTimes,
  type School,
} from '../store/school.repository.ts';
import type { Executor } from '../store/transaction.ts';
import { createUser, type User, type UserScope } from '../store/user.repository.ts';
import type { Clock } from './clock.ts';
import { londonWallClock } from './london-time.ts';
import { defaultPasswordHashing, hashPassword, type PasswordHashing } from './password.service.ts';

export const DEMO_TRUST_NAME = 'Riverside Learning Trust (demo)';
/** Every demo account signs in with this password; it is printed for anyone to use. */
export const DEMO_PASSWORD = 'rollcall-demo';

/** One demo account, as `rollcall serve --demo` lists them. */
export interface DemoSignIn {
  readonly role: UserRole;
  readonly email: string;
  readonly name: string;
  /** What the account can reach, in words: "Meadowbank Primary School, class 3 Rowan". */
  readonly reach: string;
}

export interface DemoSeedOutcome {
  /** False when the demo trust was already there and nothing was written. */
  readonly created: boolean;
  readonly password: string;
  readonly signIns: readonly DemoSignIn[];
  readonly schools: readonly { readonly name: string; readonly pupils: number }[];
  readonly marks: number;
}

interface DemoSchoolSetup {
  readonly name: string;
  readonly urn: string;
  readonly phase: 'primary' | 'secondary';
  readonly policyPreset: string;
  readonly registerTimes: RegisterTimes;
  readonly spec: DemoSchoolSpec;
}

const PRIMARY_CLASS_NAMES = ['Oak', 'Ash', 'Beech', 'Rowan', 'Willow', 'Hazel', 'Elm'];
const FORM_LETTERS = ['K', 'I', 'N', 'G'];

const PRIMARY: DemoSchoolSetup = {
  name: 'Meadowbank Primary School',
  urn: '990101',
  phase: 'primary',
  policyPreset: 'england-2024',
  registerTimes: { amOpens: '08:40', amCloses: '09:00', pmOpens: '13:00', pmCloses: '13:10' },
  spec: {
    years: ['R', '1', '2', '3', '4', '5', '6'],
    classesPerYear: 1,
    pupilsPerClass: 30,
    nameClass: (year, index) =>
      `${year === 'R' ? 'Reception' : `Year ${year}`} ${PRIMARY_CLASS_NAMES[(Number(year) || 0) + index] ?? 'Oak'}`,
    seed: 20250901,
  },
};

const SECONDARY: DemoSchoolSetup = {
  name: 'Kingsmead Academy',
  urn: '990102',
  phase: 'secondary',
  policyPreset: 'wigston',
  registerTimes: { amOpens: '08:30', amCloses: '08:50', pmOpens: '12:55', pmCloses: '13:05' },
  spec: {
    years: ['7', '8', '9', '10', '11'],
    classesPerYear: 4,
    pupilsPerClass: 30,
    nameClass: (year, index) => `${year}${FORM_LETTERS[index] ?? 'X'}`,
    seed: 20250902,
  },
};

const SETUPS = [PRIMARY, SECONDARY];
const DEMO_TEACHER_NAME = 'Tom Fletcher';
const LOCAL_AUTHORITY = { code: '855', name: 'Leicestershire' };
const EMAIL_DOMAIN = 'rollcall.example';

interface StaffSeat {
  readonly role: UserRole;
  readonly name: string;
  readonly local: string;
  readonly school: 'primary' | 'secondary' | 'trust' | 'authority';
}

// The accounts printed for people to try, one per role.
const STAFF: readonly StaffSeat[] = [
  { role: 'admin', name: 'Alex Morgan', local: 'admin', school: 'trust' },
  { role: 'headteacher', name: 'Helen Carter', local: 'head', school: 'primary' },
  { role: 'attendance_lead', name: 'Priya Shah', local: 'attendance-lead', school: 'secondary' },
  {
    role: 'attendance_officer',
    name: 'Gareth Evans',
    local: 'attendance-officer',
    school: 'secondary',
  },
  { role: 'office', name: 'Kerry Walsh', local: 'office', school: 'primary' },
  { role: 'governor', name: 'Robert Hughes', local: 'governor', school: 'primary' },
  { role: 'la_officer', name: 'Fatima Begum', local: 'la-officer', school: 'authority' },
];

const TEACHER_NAMES = [
  'Sophie Grant',
  'Daniel Okoro',
  'Laura Price',
  'James Whitfield',
  'Amy Chen',
  'Mark Doyle',
  'Rachel Lowe',
  'Imran Qureshi',
  'Claire Dawson',
  'Ben Archer',
  'Natalia Nowak',
  'Simon Reid',
  'Zoe Barrett',
  'Kwame Boateng',
  'Emma Lyons',
  'Craig Moss',
  'Hannah Iqbal',
  'Neil Foster',
  'Gemma Hart',
  'Owen Price',
  'Sian Roberts',
  'Paul Kemp',
  'Lucy Marsh',
  'Adam Pike',
  'Joanne Frost',
  'Rhys Morgan',
];

/** The demo teacher who signs in teaches this primary class. */
const DEMO_TEACHER_CLASS = 3;
/** The secondary's demo teacher teaches its first class (7K) and that class's lessons. */
const DEMO_FORM_TUTOR = { name: 'Daniel Okoro', local: 'form-tutor' } as const;

export interface DemoSeedDeps {
  readonly db: Executor;
  readonly clock: Clock;
  readonly passwordHashing?: PasswordHashing;
}

/**
 * Fills an empty database with a demo trust: a primary and a secondary school in one local
 * authority, this academic year's calendar, synthetic pupils with parents, every register
 * from September up to yesterday, and one account per role. Does nothing if the demo trust
 * already exists, so it is safe to run on every start.
 */
export async function seedDemo(deps: DemoSeedDeps): Promise<DemoSeedOutcome> {
  const { db, clock } = deps;
  const today = londonWallClock(clock.now()).date;
  const plans = [planDemoSchool(PRIMARY.spec, today), planDemoSchool(SECONDARY.spec, today)];
  const signIns = describeSignIns(plans[0]);
  if ((await findTrustIdByName(db, DEMO_TRUST_NAME)) !== undefined)
    return { created: false, password: DEMO_PASSWORD, signIns, schools: [], marks: 0 };

  const passwordHash = await hashPassword(
    DEMO_PASSWORD,
    deps.passwordHashing ?? defaultPasswordHashing,
  );
  const at = clock.now();
  return db.transaction().execute(async (trx) => {
    // Every row below references ids created moments earlier in this transaction.
    await skipReferenceChecksForBulkLoad(trx);
    const trust = await createTrust(trx, { name: DEMO_TRUST_NAME });
    const authority = await createLocalAuthority(trx, LOCAL_AUTHORITY);
    const addUser = async (seat: Omit<StaffSeat, 'school'>, scope: UserScope): Promise<User> => {
      const created = await createUser(trx, {
        email: `${seat.local}@${EMAIL_DOMAIN}`,
        displayName: seat.name,
        passwordHash,
        role: seat.role,
        scope,
      });
      if (!created.ok) throw new Error(`the demo account ${created.error.email} already exists`);
      return created.value;
    };
    const schools: School[] = [];
    for (const setup of SETUPS)
      schools.push(
        await createSchool(trx, {
          trustId: trust.id,
          localAuthorityId: authority.id,
          urn: setup.urn,
          name: setup.name,
          jurisdiction: 'england',
          phase: setup.phase,
          policyPreset: setup.policyPreset,
          policySettings: {},
          customPolicyYaml: null,
          registerTimes: setup.registerTimes,
        }),
      );
    const staff = new Map<UserRole, User>();
    for (const seat of STAFF) {
      const scope: UserScope =
        seat.school === 'trust'
          ? { kind: 'trust', trustId: trust.id }
          : seat.school === 'authority'
            ? { kind: 'local-authority', localAuthorityId: authority.id }
            : { kind: 'school', schoolId: schools[seat.school === 'primary' ? 0 : 1]?.id ?? 0 };
      staff.set(seat.role, await addUser(seat, scope));
    }

    let marks = 0;
    let teacherSerial = 0;
    const pupilIdsBySchool: number[][] = [];
    for (const [index, school] of schools.entries()) {
      const plan = plans[index];
      if (plan === undefined) continue;
      const teachers: User[] = [];
      for (let n = 0; n < plan.classes.length; n++) {
        const isDemoTeacher = index === 0 && n === DEMO_TEACHER_CLASS;
        teacherSerial++;
        const seat =
          index === 1 && n === 0
            ? DEMO_FORM_TUTOR
            : {
                name: isDemoTeacher
                  ? DEMO_TEACHER_NAME
                  : (TEACHER_NAMES[teacherSerial % TEACHER_NAMES.length] ?? 'Class Teacher'),
                local: isDemoTeacher ? 'teacher' : `teacher${teacherSerial}`,
              };
        teachers.push(
          await addUser({ role: 'teacher', ...seat }, { kind: 'school', schoolId: school.id }),
        );
      }
      // Parents ring the office: the primary's office, and the secondary's attendance officer.
      const takesCalls = staff.get(index === 0 ? 'office' : 'attendance_officer');
      const seeded = await seedSchool(trx, { school, plan, teachers, takesCalls, at });
      marks += seeded.marks;
      pupilIdsBySchool.push(seeded.pupilIds);
    }

    const parentPupil = demoParentPupilIndex(plans[0]);
    const parent = await addUser(demoParent(plans[0]), { kind: 'none' });
    const parentPupilId = pupilIdsBySchool[0]?.[parentPupil];
    if (parentPupilId !== undefined)
      await linkContactToUser(trx, { pupilId: parentPupilId, priority: 1, userId: parent.id });
    return {
      created: true,
      password: DEMO_PASSWORD,
      signIns,
      schools: SETUPS.map((setup, i) => ({
        name: setup.name,
        pupils: plans[i]?.pupils.length ?? 0,
      })),
      marks,
    };
  });
}

function demoClassOf(plan: DemoSchoolPlan | undefined): SyntheticClass | undefined {
  return plan === undefined ? undefined : plan.classes[DEMO_TEACHER_CLASS];
}

/** The parent account belongs to the first contact of the first child in the demo class. */
function demoParentPupilIndex(plan: DemoSchoolPlan | undefined): number {
  const className = demoClassOf(plan)?.name;
  return (
    plan?.pupils.findIndex(
      (pupil) => pupil.profile.className === className && pupil.onRollTo === null,
    ) ?? -1
  );
}

function demoParentPupil(plan: DemoSchoolPlan | undefined) {
  return plan?.pupils[demoParentPupilIndex(plan)];
}

function demoParent(plan: DemoSchoolPlan | undefined): Omit<StaffSeat, 'school'> {
  const contact = demoParentPupil(plan)?.profile.contacts[0];
  return { role: 'parent', name: contact?.name ?? 'Demo Parent', local: 'parent' };
}

function describeSignIns(primary: DemoSchoolPlan | undefined): DemoSignIn[] {
  const demoClass = demoClassOf(primary)?.name ?? '';
  const child = demoParentPupil(primary)?.profile;
  const reachOf: Record<StaffSeat['school'], string> = {
    trust: `${DEMO_TRUST_NAME.replace(' (demo)', '')}: both schools`,
    primary: PRIMARY.name,
    secondary: SECONDARY.name,
    authority: `${LOCAL_AUTHORITY.name} local authority`,
  };
  const staff = STAFF.map((seat) => ({
    role: seat.role,
    email: `${seat.local}@${EMAIL_DOMAIN}`,
    name: seat.name,
    reach: reachOf[seat.school],
  }));
  const parent = demoParent(primary);
  return [
    ...staff.slice(0, 5),
    {
      role: 'teacher',
      email: `teacher@${EMAIL_DOMAIN}`,
      name: DEMO_TEACHER_NAME,
      reach: `${PRIMARY.name}, class ${demoClass}`,
    },
    {
      role: 'teacher',
      email: `${DEMO_FORM_TUTOR.local}@${EMAIL_DOMAIN}`,
      name: DEMO_FORM_TUTOR.name,
      reach: `${SECONDARY.name}, class ${SECONDARY.spec.nameClass(SECONDARY.spec.years[0] ?? '7', 0)} and its lessons`,
    },
    ...staff.slice(5, 6),
    {
      role: 'parent',
      email: `parent@${EMAIL_DOMAIN}`,
      name: parent.name,
      reach: `parent of ${child ? `${child.firstName} ${child.lastName}` : 'a pupil'} (${demoClass})`,
    },
    ...staff.slice(6),
  ];
}

async function seedSchool(
  db: Executor,
  input: {
    school: School;
    plan: DemoSchoolPlan;
    teachers: readonly User[];
    takesCalls: User | undefined;
    at: Date;
  },
): Promise<{ marks: number; pupilIds: number[] }> {
  const { school, plan, teachers, takesCalls, at } = input;
  const year = await createAcademicYear(db, {
    schoolId: school.id,
    name: academicYearLabel(plan.academicYear),
    startsOn: `${plan.academicYear}-09-01`,
    endsOn: `${plan.academicYear + 1}-08-31`,
    terms: plan.termDates.terms.map((term) => ({
      name: term.name,
      startsOn: term.start,
      endsOn: term.end,
    })),
  });
  if (!year.ok) throw new Error(`the demo academic year for ${school.name} already exists`);
  for (const closure of plan.termDates.closures)
    await addClosure(db, {
      schoolId: school.id,
      startsOn: closure.date,
      startsSession: 'AM',
      endsOn: closure.to ?? closure.date,
      endsSession: 'PM',
      reason: closure.reason,
    });

  const yearGroupIds = new Map<string, number>();
  const classIds = new Map<string, number>();
  for (const [index, schoolClass] of plan.classes.entries()) {
    let yearGroupId = yearGroupIds.get(schoolClass.year);
    if (yearGroupId === undefined) {
      const yearGroup = await createYearGroup(db, {
        schoolId: school.id,
        name: schoolClass.year === 'R' ? 'Reception' : `Year ${schoolClass.year}`,
        nationalCurriculumYear: schoolClass.year,
        sortOrder: Number(schoolClass.year) || 0,
      });
      yearGroupId = yearGroup.id;
      yearGroupIds.set(schoolClass.year, yearGroupId);
    }
    const created = await createClass(db, {
      schoolId: school.id,
      academicYearId: year.value.id,
      yearGroupId,
      name: schoolClass.name,
      kind: 'registration',
    });
    classIds.set(schoolClass.name, created.id);
    const teacher = teachers[index];
    if (teacher) await insertClassTeachers(db, [{ classId: created.id, userId: teacher.id }]);
  }

  const allocationYear = plan.academicYear % 100;
  const pupilIds = await insertPupils(
    db,
    plan.pupils.map(({ profile }, serial) => ({
      upn: composeUpn(
        Number(LOCAL_AUTHORITY.code),
        Number(school.urn) % 10000,
        allocationYear,
        serial,
      ),
      legalFirstName: profile.firstName,
      legalLastName: profile.lastName,
      preferredFirstName: null,
      preferredLastName: null,
      dateOfBirth: profile.dateOfBirth,
      sex: profile.sex,
      ethnicity: profile.ethnicity,
      senStatus: profile.senStatus,
      freeSchoolMeals: profile.freeSchoolMeals,
      pupilPremium: profile.pupilPremium,
      englishAdditionalLanguage: profile.englishAdditionalLanguage,
      lookedAfter: profile.lookedAfter,
      childInNeed: profile.childInNeed,
      youngCarer: profile.youngCarer,
    })),
  );
  const enrolmentIds = await insertEnrolments(
    db,
    plan.pupils.map((pupil, index) => ({
      schoolId: school.id,
      pupilId: pupilIds[index] ?? 0,
      onRollFrom: pupil.onRollFrom,
      onRollTo: pupil.onRollTo,
      registrationStatus: 'single',
      yearGroupId: yearGroupIds.get(pupil.profile.year) ?? null,
      classId: classIds.get(pupil.profile.className) ?? null,
    })),
  );
  await insertContacts(
    db,
    plan.pupils.flatMap((pupil, index) =>
      pupil.profile.contacts.map((contact) => ({
        pupilId: pupilIds[index] ?? 0,
        userId: null,
        name: contact.name,
        relationship: contact.relationship,
        parentalResponsibility: contact.parentalResponsibility,
        emergencyContact: true,
        phone: contact.phone,
        email: contact.email,
        priority: contact.priority,
      })),
    ),
  );

  // Each class's registers were taken by its teacher.
  let written = 0;
  for (const [index, schoolClass] of plan.classes.entries()) {
    const teacher = teachers[index];
    if (!teacher) continue;
    const marks: ImportedMark[] = plan.pupils.flatMap((pupil, p) =>
      pupil.profile.className !== schoolClass.name
        ? []
        : pupil.marks.map((mark) => ({
            pupilId: pupilIds[p] ?? 0,
            enrolmentId: enrolmentIds[p] ?? 0,
            date: mark.date,
            session: mark.session,
            code: mark.code,
          })),
    );
    written += await insertMarksInBulk(db, {
      schoolId: school.id,
      marks,
      changer: { userId: teacher.id, name: teacher.displayName, role: teacher.role },
      source: 'register',
      at,
    });
  }

  for (const report of plan.absenceReports) {
    const pupilId = pupilIds[report.pupil];
    if (pupilId === undefined || takesCalls === undefined) continue;
    await recordAbsenceReport(db, {
      schoolId: school.id,
      pupilId,
      reportedBy: takesCalls.id,
      contactId: null,
      source: 'office',
      reason: report.reason,
      suggestedCode: report.reason === 'illness' ? 'I' : 'M',
      from: { date: report.from, session: 'AM' },
      to: { date: report.to, session: 'PM' },
      expectedReturn: report.expectedReturn,
      at,
    });
  }
  if (school.phase === 'secondary')
    await seedTimetable(db, { school, plan, teachers, classIds, pupilIds, enrolmentIds, at });
  return { marks: written, pupilIds };
}

/**
 * A secondary's weekly lessons for the year, taught by each class's teacher, and one class's
 * lesson registers for the last day registers were taken, with one pupil missing from a lesson.
 */
async function seedTimetable(
  db: Executor,
  input: {
    school: School;
    plan: DemoSchoolPlan;
    teachers: readonly User[];
    classIds: ReadonlyMap<string, number>;
    pupilIds: readonly number[];
    enrolmentIds: readonly number[];
    at: Date;
  },
): Promise<void> {
  const { school, plan, teachers } = input;
  const created = await createLessons(
    db,
    plan.classes.flatMap((schoolClass, index) => {
      const classId = input.classIds.get(schoolClass.name);
      if (classId === undefined) return [];
      return planClassTimetable(index).map((lesson) => ({
        ...lesson,
        schoolId: school.id,
        classId,
        teacherUserId: teachers[index]?.id ?? null,
        validFrom: `${String(plan.academicYear)}-09-01`,
        validTo: `${String(plan.academicYear + 1)}-08-31`,
      }));
    }),
  );
  const firstClassId = input.classIds.get(plan.classes[0]?.name ?? '');
  const lessonsOfFirstClass = created.filter((lesson) => lesson.classId === firstClassId);

  const date = findLastMarkedDate(plan.pupils);
  const firstClass = plan.classes[0];
  const teacher = teachers[0];
  if (date === null || firstClass === undefined || teacher === undefined) return;
  const lessons = lessonsOfFirstClass.filter((lesson) => lesson.weekday === isoWeekday(date));
  const inClass = plan.pupils.flatMap((pupil, index) =>
    pupil.profile.className === firstClass.name ? [{ key: index, marks: pupil.marks }] : [],
  );
  const marks = planDayOfLessonMarks({
    date,
    lessons: lessons.map((lesson) => ({ key: lesson.id, session: lesson.session })),
    pupils: inClass,
  });
  for (const lesson of lessons)
    await recordLessonMarks(db, {
      lessonId: lesson.id,
      date,
      entries: marks
        .filter((mark) => mark.lessonKey === lesson.id)
        .map((mark) => ({
          pupilId: input.pupilIds[mark.pupilKey] ?? 0,
          enrolmentId: input.enrolmentIds[mark.pupilKey] ?? 0,
          code: mark.code,
        })),
      recordedBy: teacher.id,
      at: input.at,
    });
}
