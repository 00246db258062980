import type { Kysely } from 'kysely';
import { fastPasswordHashing, hashPassword } from '../../src/services/password.service.ts';
import { recordSessionMarks } from '../../src/store/mark.repository.ts';
import { addContact } from '../../src/store/pupil.repository.ts';
import type { Database, SessionName } from '../../src/store/schema.ts';
import { changeUserPasswordHash, type User } from '../../src/store/user.repository.ts';
import { makeUser } from '../db/factories.ts';
import type { seedE2eSchool } from './e2e-school.ts';
import { testPassword } from './e2e-school.ts';

type E2eSchool = Awaited<ReturnType<typeof seedE2eSchool>>;

/** Pupils of 3B by register position, as e2e-school names them. */
const amelia = 0;
const noah = 1;
const oliver = 3;
const freya = 4;
const mohammed = 5;

/**
 * Adds to the e2e school what the office, family and governor journeys need: the first days of
 * term already marked, three pupils still N this morning, contacts to call, a parent linked to
 * Amelia Ahmed and a governor. Everyone signs in with `testPassword`.
 */
export async function seedFamiliesAndFigures(db: Kysely<Database>, school: E2eSchool) {
  const { pupilIds } = school;

  const mark = (date: string, session: SessionName, codes: Map<number, string>) =>
    markClass(db, school, { date, session, codes });
  await mark('2024-09-02', 'AM', new Map());
  await mark('2024-09-02', 'PM', new Map());
  await mark('2024-09-03', 'AM', new Map());
  await mark('2024-09-03', 'PM', new Map([[amelia, 'M']]));
  await mark(
    '2024-09-04',
    'AM',
    new Map([
      [noah, 'N'],
      [oliver, 'N'],
      [mohammed, 'N'],
      [freya, 'I'],
    ]),
  );

  const parent = await makeUser(db, { role: 'parent', displayName: 'Layla Ahmed' });
  const governor = await makeUser(db, {
    role: 'governor',
    scope: { kind: 'school', schoolId: school.school.id },
    displayName: 'Peter Hale',
  });
  const contacts = [
    {
      pupil: amelia,
      name: 'Layla Ahmed',
      relationship: 'Mother',
      phone: '07700 900001',
      user: parent,
    },
    { pupil: noah, name: 'Sarah Bennett', relationship: 'Mother', phone: '07700 900123' },
    { pupil: noah, name: 'David Bennett', relationship: 'Father', phone: '07700 900456' },
    { pupil: oliver, name: 'Grace Davies', relationship: 'Grandmother', phone: '01632 960321' },
    { pupil: mohammed, name: 'Imran Hussain', relationship: 'Father', phone: '07700 900789' },
  ];
  const priorities = new Map<number, number>();
  for (const contact of contacts) {
    const priority = (priorities.get(contact.pupil) ?? 0) + 1;
    priorities.set(contact.pupil, priority);
    await addContact(db, {
      pupilId: pupilIds[contact.pupil]!,
      userId: contact.user?.id ?? null,
      name: contact.name,
      relationship: contact.relationship,
      parentalResponsibility: true,
      emergencyContact: true,
      phone: contact.phone,
      email: null,
      priority,
    });
  }
  for (const user of [parent, governor]) await givePassword(db, user);
  return {
    parent,
    governor,
    amelia: { id: pupilIds[amelia]!, name: 'Amelia Ahmed' },
    noah: { id: pupilIds[noah]!, name: 'Bennett, Noah' },
    mohammed: { id: pupilIds[mohammed]!, name: 'Hussain, Mohammed' },
    otherChildId: pupilIds[noah]!,
    pupilNames: [
      'Ahmed',
      'Bennett',
      'Campbell',
      'Davies',
      'Evans',
      'Hussain',
      'Kowalski',
      'Murphy',
    ],
  };
}

/** Records a session for the whole of 3B: present unless `codes` says otherwise by position. */
async function markClass(
  db: Kysely<Database>,
  school: E2eSchool,
  input: { date: string; session: SessionName; codes: ReadonlyMap<number, string> },
): Promise<void> {
  const enrolments = await db
    .selectFrom('enrolments')
    .select(['id', 'pupil_id'])
    .where('school_id', '=', school.school.id)
    .where('class_id', '=', school.schoolClass.id)
    .execute();
  const enrolmentOf = new Map(enrolments.map((row) => [row.pupil_id, row.id]));
  const present = input.session === 'AM' ? '/' : '\\';
  const recorded = await recordSessionMarks(db, {
    schoolId: school.school.id,
    date: input.date,
    session: input.session,
    entries: school.pupilIds.map((pupilId, index) => ({
      pupilId,
      enrolmentId: enrolmentOf.get(pupilId) ?? 0,
      code: input.codes.get(index) ?? present,
    })),
    recordedBy: school.teacher.id,
    source: 'register',
    reason: null,
    at: new Date(`${input.date}T08:50:00Z`),
  });
  if (!recorded.ok) throw new Error(`e2e marks for ${input.date} ${input.session} not recorded`);
}

/**
 * Six more weeks of autumn term (to Friday 18 October) with a cold going round in week four,
 * so the governors' weekly trend has a shape: figures as of then, read with ?asOf=2024-10-18.
 */
export async function seedAutumnWeeks(db: Kysely<Database>, school: E2eSchool): Promise<void> {
  const start = Date.UTC(2024, 8, 5);
  for (let day = 0; day < 44; day++) {
    const date = new Date(start + day * 86_400_000);
    const weekday = date.getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    const iso = date.toISOString().slice(0, 10);
    const week = Math.floor((day + 3) / 7);
    for (const session of ['AM', 'PM'] as const) {
      const codes = new Map<number, string>();
      // A pupil or two off most days; more in the week the cold goes round.
      if (day % 3 === 0) codes.set((day + (session === 'AM' ? 0 : 3)) % 8, 'I');
      if (week === 3) for (const pupil of [2, 6, 7]) codes.set(pupil, 'I');
      if (weekday === 5 && session === 'PM') codes.set(7, 'O');
      await markClass(db, school, { date: iso, session, codes });
    }
  }
}

async function givePassword(db: Kysely<Database>, user: User): Promise<void> {
  await changeUserPasswordHash(db, {
    userId: user.id,
    passwordHash: await hashPassword(testPassword, fastPasswordHashing),
  });
}
