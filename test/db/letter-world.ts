import type { Kysely } from 'kysely';
import { addDays, type IsoDate } from '../../src/domain/calendar/plain-date.ts';
import { recordSessionMarks } from '../../src/store/mark.repository.ts';
import { addContact } from '../../src/store/pupil.repository.ts';
import type { Database } from '../../src/store/schema.ts';
import { saveLetterhead } from '../../src/store/letter.repository.ts';
import { makeUser } from './factories.ts';
import { makeSchoolWithClass } from './school-fixture.ts';

/** Sets every session on the given weekdays to a code ('/' unless the day is listed). */
export async function recordFortnight(
  db: Kysely<Database>,
  setup: { schoolId: number; pupilId: number; enrolmentId: number; recordedBy: number },
  firstMonday: IsoDate,
  absentDays: readonly IsoDate[],
): Promise<void> {
  for (let offset = 0; offset < 12; offset++) {
    const date = addDays(firstMonday, offset);
    if (offset % 7 >= 5) continue;
    for (const session of ['AM', 'PM'] as const) {
      const outcome = await recordSessionMarks(db, {
        schoolId: setup.schoolId,
        date,
        session,
        entries: [
          {
            pupilId: setup.pupilId,
            enrolmentId: setup.enrolmentId,
            code: absentDays.includes(date) ? 'O' : '/',
          },
        ],
        recordedBy: setup.recordedBy,
        source: 'register',
        reason: null,
        at: new Date(`${date}T09:00:00Z`),
      });
      if (!outcome.ok) throw new Error(`marks not recorded: ${outcome.error.kind}`);
    }
  }
}

/**
 * A school with a letterhead and a pupil, Ottoline Pendlebury, with two contacts with
 * parental responsibility (one by email, one by phone) and a fortnight of marks from
 * Monday 2 September 2024: two days of unauthorised absence in the first week, none in the
 * second (so 16 of 20 sessions, 80.0%; the second week up on the first).
 */
export async function makeLetterWorld(db: Kysely<Database>) {
  const setup = await makeSchoolWithClass(db);
  const [first] = setup.pupils;
  if (first === undefined) throw new Error('no pupil');
  await db
    .updateTable('pupils')
    .set({ legal_first_name: 'Ottoline', legal_last_name: 'Pendlebury' })
    .where('id', '=', first.pupil.id)
    .execute();
  const lead = await makeUser(db, {
    role: 'attendance_lead',
    scope: { kind: 'school', schoolId: setup.school.id },
    displayName: 'Ms Ada Lovelace',
  });
  await saveLetterhead(
    db,
    {
      schoolId: setup.school.id,
      address: '1 Mill Lane\nWigston\nLE18 1AA',
      phone: '0116 496 0000',
      email: 'office@meadowbank.example',
      signatory: 'Mrs J Patel, Headteacher',
    },
    new Date('2024-09-01T00:00:00Z'),
  );
  const mother = await addContact(db, {
    pupilId: first.pupil.id,
    userId: null,
    name: 'Rosamund Pendlebury',
    relationship: 'mother',
    parentalResponsibility: true,
    emergencyContact: true,
    phone: null,
    email: 'rosamund@example.test',
    priority: 1,
  });
  const father = await addContact(db, {
    pupilId: first.pupil.id,
    userId: null,
    name: 'Aurelio Pendlebury',
    relationship: 'father',
    parentalResponsibility: true,
    emergencyContact: true,
    phone: '07700 900123',
    email: null,
    priority: 2,
  });
  await recordFortnight(
    db,
    {
      schoolId: setup.school.id,
      pupilId: first.pupil.id,
      enrolmentId: first.enrolment.id,
      recordedBy: setup.teacher.id,
    },
    '2024-09-02',
    ['2024-09-03', '2024-09-04'],
  );
  return { ...setup, pupil: first.pupil, lead, mother, father };
}
