import { describe, expect, test } from 'vitest';
import {
  addContact,
  createPupil,
  enrolPupil,
  listContacts,
  listPupilsOfParent,
  listRoll,
  reorderContacts,
  type NewContact,
} from '../../src/store/pupil.repository.ts';
import { recordSessionMarks } from '../../src/store/mark.repository.ts';
import { makeEnrolledPupil, makePupil, makeSchool, makeUser } from './factories.ts';
import { useTestDatabase } from './test-database.ts';

const database = useTestDatabase();

function contactFor(pupilId: number, priority: number, name: string): NewContact {
  return {
    pupilId,
    userId: null,
    name,
    relationship: 'Parent',
    parentalResponsibility: true,
    emergencyContact: true,
    phone: '01632 960000',
    email: null,
    priority,
  };
}

describe('pupils', () => {
  test('have unique UPNs, and a clash is reported as a value', async () => {
    const pupil = await makePupil(database.db);

    const clash = await createPupil(database.db, { ...pupil, legalFirstName: 'Other' });

    expect(clash).toEqual({ ok: false, error: { kind: 'upn-taken', upn: pupil.upn } });
  });

  test('are on the roll between their roll dates, listed by preferred name', async () => {
    const school = await makeSchool(database.db);
    const joiner = await makePupil(database.db, {
      legalFirstName: 'Alexandra',
      preferredFirstName: 'Sasha',
    });
    await enrolPupil(database.db, {
      schoolId: school.id,
      pupilId: joiner.id,
      onRollFrom: '2024-09-02',
      registrationStatus: 'single',
      yearGroupId: null,
      classId: null,
    });
    const leaver = await makePupil(database.db);
    await enrolPupil(database.db, {
      schoolId: school.id,
      pupilId: leaver.id,
      onRollFrom: '2023-09-04',
      onRollTo: '2024-07-19',
      registrationStatus: 'single',
      yearGroupId: null,
      classId: null,
    });

    const roll = await listRoll(database.db, { schoolId: school.id, date: '2024-09-04' });

    expect(roll.map((entry) => [entry.pupilId, entry.displayFirstName])).toEqual([
      [joiner.id, 'Sasha'],
    ]);
  });

  test('can be dual registered, with a mark at each school for the same session', async () => {
    const main = await makeSchool(database.db);
    const subsidiary = await makeSchool(database.db);
    const pupil = await makePupil(database.db);
    const teacher = await makeUser(database.db, {
      role: 'teacher',
      scope: { kind: 'school', schoolId: main.id },
    });
    for (const [school, status, code] of [
      [main, 'main', 'D'],
      [subsidiary, 'subsidiary', '/'],
    ] as const) {
      const enrolment = await enrolPupil(database.db, {
        schoolId: school.id,
        pupilId: pupil.id,
        onRollFrom: '2024-09-02',
        registrationStatus: status,
        yearGroupId: null,
        classId: null,
      });
      const result = await recordSessionMarks(database.db, {
        schoolId: school.id,
        date: '2024-09-04',
        session: 'AM',
        entries: [{ pupilId: pupil.id, enrolmentId: enrolment.id, code }],
        recordedBy: teacher.id,
        source: 'register',
        reason: null,
        at: new Date('2024-09-04T08:00:00Z'),
      });
      expect(result.ok).toBe(true);
    }
  });

  test('cannot be marked through an enrolment that belongs to another pupil', async () => {
    const school = await makeSchool(database.db);
    const teacher = await makeUser(database.db, {
      role: 'teacher',
      scope: { kind: 'school', schoolId: school.id },
    });
    const first = await makeEnrolledPupil(database.db, school.id);
    const second = await makeEnrolledPupil(database.db, school.id);

    const attempt = recordSessionMarks(database.db, {
      schoolId: school.id,
      date: '2024-09-04',
      session: 'AM',
      entries: [{ pupilId: first.pupil.id, enrolmentId: second.enrolment.id, code: '/' }],
      recordedBy: teacher.id,
      source: 'register',
      reason: null,
      at: new Date('2024-09-04T08:00:00Z'),
    });

    await expect(attempt).rejects.toMatchObject({ code: '23503' });
  });
});

describe('contacts', () => {
  test('are listed in priority order and can swap priorities', async () => {
    const pupil = await makePupil(database.db);
    const mum = await addContact(database.db, contactFor(pupil.id, 1, 'First Contact'));
    const gran = await addContact(database.db, contactFor(pupil.id, 2, 'Second Contact'));

    const reordered = await reorderContacts(database.db, {
      pupilId: pupil.id,
      contactIds: [gran.id, mum.id],
    });

    expect(reordered.ok && reordered.value.map((contact) => contact.id)).toEqual([gran.id, mum.id]);
    expect((await listContacts(database.db, pupil.id)).map((contact) => contact.priority)).toEqual([
      1, 2,
    ]);
  });

  test('cannot share a priority for the same pupil', async () => {
    const pupil = await makePupil(database.db);
    await addContact(database.db, contactFor(pupil.id, 1, 'First Contact'));

    await expect(
      addContact(database.db, contactFor(pupil.id, 1, 'Another Contact')),
    ).rejects.toMatchObject({ code: '23505' });
  });

  test('link a parent account to exactly their own children', async () => {
    const parent = await makeUser(database.db, { role: 'parent' });
    const child = await makePupil(database.db);
    const otherChild = await makePupil(database.db);
    await addContact(database.db, { ...contactFor(child.id, 1, 'Parent'), userId: parent.id });
    await addContact(database.db, contactFor(otherChild.id, 1, 'Someone Else'));

    const children = await listPupilsOfParent(database.db, parent.id);

    expect(children.map((pupil) => pupil.id)).toEqual([child.id]);
  });
});
