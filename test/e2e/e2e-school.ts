import type { Kysely } from 'kysely';
import { fastPasswordHashing, hashPassword } from '../../src/services/password.service.ts';
import { recordAbsenceReport } from '../../src/store/absence-report.repository.ts';
import { assignClassTeacher, createClass } from '../../src/store/class.repository.ts';
import type { Database } from '../../src/store/schema.ts';
import { changeUserPasswordHash, type User } from '../../src/store/user.repository.ts';
import { makeEnrolledPupil, makeUser } from '../db/factories.ts';
import { makeSchoolWithClass } from '../db/school-fixture.ts';
import { testPassword } from '../http/test-app.ts';
import { e2eNow } from './e2e-server.ts';

export { testPassword };

// Register order is by surname; these read like a real class in the screenshots.
const classList = [
  ['Amelia', 'Ahmed'],
  ['Noah', 'Bennett'],
  ['Isla', 'Campbell'],
  ['Oliver', 'Davies'],
  ['Freya', 'Evans'],
  ['Mohammed', 'Hussain'],
  ['Ava', 'Kowalski'],
  ['Leo', 'Murphy'],
] as const;

/** The pupil a parent has reported ill today, so the register suggests I. */
export const reportedPupil = { firstName: 'Freya', lastName: 'Evans' } as const;

/**
 * A primary school in England on 4 September 2024: class 3B of eight pupils taught by Ms
 * Okafor (one pupil reported ill by a parent), class 4C taught by someone else, an office
 * user and the school's administrator. Every user signs in with `testPassword`.
 */
export async function seedE2eSchool(db: Kysely<Database>) {
  const setup = await makeSchoolWithClass(db);
  const { school, schoolClass, teacher, office } = setup;
  await db
    .updateTable('schools')
    .set({ name: 'Hillside Primary School' })
    .where('id', '=', school.id)
    .execute();
  await db.updateTable('classes').set({ name: '3B' }).where('id', '=', schoolClass.id).execute();

  const pupilIds = [...setup.pupilIds];
  while (pupilIds.length < classList.length) {
    const { enrolment, pupil } = await makeEnrolledPupil(db, school.id);
    await db
      .updateTable('enrolments')
      .set({ class_id: schoolClass.id })
      .where('id', '=', enrolment.id)
      .execute();
    pupilIds.push(pupil.id);
  }
  for (const [index, [firstName, lastName]] of classList.entries()) {
    await db
      .updateTable('pupils')
      .set({ legal_first_name: firstName, legal_last_name: lastName })
      .where('id', '=', pupilIds[index]!)
      .execute();
  }
  await assignClassTeacher(db, { classId: schoolClass.id, userId: teacher.id });
  await db
    .updateTable('users')
    .set({ display_name: 'Amara Okafor' })
    .where('id', '=', teacher.id)
    .execute();

  const otherTeacher = await makeUser(db, {
    role: 'teacher',
    scope: { kind: 'school', schoolId: school.id },
    displayName: 'Tom Price',
  });
  const otherClass = await createClass(db, {
    schoolId: school.id,
    academicYearId: schoolClass.academicYearId,
    yearGroupId: null,
    name: '4C',
    kind: 'registration',
  });
  await assignClassTeacher(db, { classId: otherClass.id, userId: otherTeacher.id });
  const otherPupil = await makeEnrolledPupil(db, school.id);
  await db
    .updateTable('enrolments')
    .set({ class_id: otherClass.id })
    .where('id', '=', otherPupil.enrolment.id)
    .execute();

  const reportedPupilId =
    pupilIds[classList.findIndex(([first]) => first === reportedPupil.firstName)]!;
  await recordAbsenceReport(db, {
    schoolId: school.id,
    pupilId: reportedPupilId,
    reportedBy: office.id,
    contactId: null,
    source: 'parent',
    reason: 'illness',
    suggestedCode: 'I',
    from: { date: '2024-09-04', session: 'AM' },
    to: { date: '2024-09-04', session: 'PM' },
    expectedReturn: '2024-09-05',
    at: e2eNow,
  });

  const admin = await makeUser(db, {
    role: 'admin',
    scope: { kind: 'school', schoolId: school.id },
    displayName: 'Sam Whitfield',
  });

  for (const user of [teacher, office, otherTeacher, admin]) await givePassword(db, user);
  return {
    school,
    admin,
    teacher: { ...teacher, displayName: 'Amara Okafor' },
    office,
    schoolClass,
    otherClass,
    pupilIds,
    reportedPupilId,
  };
}

async function givePassword(db: Kysely<Database>, user: User): Promise<void> {
  await changeUserPasswordHash(db, {
    userId: user.id,
    passwordHash: await hashPassword(testPassword, fastPasswordHashing),
  });
}
