import type { Kysely } from 'kysely';
import { createClass } from '../../src/store/class.repository.ts';
import type { Database } from '../../src/store/schema.ts';
import { createAcademicYear } from '../../src/store/school.repository.ts';
import { makeRegister } from './factories.ts';

/** A clock stopped at an instant, for tests that must not depend on when they run. */
export function clockAt(iso: string): { now: () => Date } {
  const instant = new Date(iso);
  return { now: () => instant };
}

/**
 * A school with the 2024/25 autumn term, register times 08:45-09:15 and 13:00-13:15, a
 * class 3B holding three enrolled pupils, a class teacher and an office user.
 */
export async function makeSchoolWithClass(db: Kysely<Database>) {
  const setup = await makeRegister(db, 3);
  await db
    .updateTable('schools')
    .set({
      am_register_opens: '08:45',
      am_register_closes: '09:15',
      pm_register_opens: '13:00',
      pm_register_closes: '13:15',
      policy_preset: 'england-2024',
    })
    .where('id', '=', setup.school.id)
    .execute();
  const year = await createAcademicYear(db, {
    schoolId: setup.school.id,
    name: '2024/25',
    startsOn: '2024-09-01',
    endsOn: '2025-08-31',
    terms: [{ name: 'Autumn', startsOn: '2024-09-02', endsOn: '2024-12-20' }],
  });
  if (!year.ok) throw new Error('academic year not created');
  const schoolClass = await createClass(db, {
    schoolId: setup.school.id,
    academicYearId: year.value.id,
    yearGroupId: null,
    name: '3B',
    kind: 'registration',
  });
  await db
    .updateTable('enrolments')
    .set({ class_id: schoolClass.id })
    .where('school_id', '=', setup.school.id)
    .execute();
  return { ...setup, schoolClass, pupilIds: setup.pupils.map(({ pupil }) => pupil.id) };
}
