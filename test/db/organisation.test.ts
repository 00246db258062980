import { describe, expect, test } from 'vitest';
import {
  addClosure,
  createAcademicYear,
  findSchool,
  listAcademicYears,
  listClosures,
  updateSchoolPolicy,
} from '../../src/store/school.repository.ts';
import {
  countFailedLoginAttempts,
  createAuthSession,
  createUser,
  deactivateUser,
  findSessionUser,
  findUserCredentials,
  recordLoginAttempt,
} from '../../src/store/user.repository.ts';
import { makeSchool, makeUser } from './factories.ts';
import { useTestDatabase } from './test-database.ts';

const database = useTestDatabase();

describe('schools', () => {
  test('keep their jurisdiction, register times and policy as given', async () => {
    const school = await makeSchool(database.db, {
      jurisdiction: 'wales',
      phase: 'secondary',
      registerTimes: { amOpens: '08:30', amCloses: '09:00', pmOpens: '12:50', pmCloses: '13:05' },
    });

    await updateSchoolPolicy(database.db, {
      schoolId: school.id,
      preset: 'wales-default',
      settings: { persistentAbsenceThreshold: 10 },
      customYaml: 'rules: []\n',
    });

    expect(await findSchool(database.db, school.id)).toMatchObject({
      jurisdiction: 'wales',
      phase: 'secondary',
      policyPreset: 'wales-default',
      policySettings: { persistentAbsenceThreshold: 10 },
      customPolicyYaml: 'rules: []\n',
      registerTimes: { amOpens: '08:30', amCloses: '09:00', pmOpens: '12:50', pmCloses: '13:05' },
    });
  });

  test('refuse register times that are not wall-clock HH:MM or close before they open', async () => {
    const badTime = makeSchool(database.db, {
      registerTimes: { amOpens: '8:30', amCloses: '09:00', pmOpens: '13:00', pmCloses: '13:15' },
    });
    const closesBeforeOpening = makeSchool(database.db, {
      registerTimes: { amOpens: '09:30', amCloses: '09:00', pmOpens: '13:00', pmCloses: '13:15' },
    });

    await expect(badTime).rejects.toMatchObject({ code: '23514' });
    await expect(closesBeforeOpening).rejects.toMatchObject({ code: '23514' });
  });

  test('have academic years with terms, and a duplicate year is reported as a value', async () => {
    const school = await makeSchool(database.db);
    const year = {
      schoolId: school.id,
      name: '2024/25',
      startsOn: '2024-09-01',
      endsOn: '2025-08-31',
      terms: [
        { name: 'Spring', startsOn: '2025-01-06', endsOn: '2025-04-04' },
        { name: 'Autumn', startsOn: '2024-09-02', endsOn: '2024-12-20' },
      ],
    };

    const created = await createAcademicYear(database.db, year);
    const duplicate = await createAcademicYear(database.db, year);

    expect(created.ok && created.value.terms.map((term) => term.name)).toEqual([
      'Autumn',
      'Spring',
    ]);
    expect(duplicate).toEqual({
      ok: false,
      error: { kind: 'already-exists', what: 'academic year 2024/25' },
    });
    const years = await listAcademicYears(database.db, school.id);
    expect(years).toHaveLength(1);
    expect(years[0]?.terms).toHaveLength(2);
  });

  test('list the closures that overlap a date range', async () => {
    const school = await makeSchool(database.db);
    await addClosure(database.db, {
      schoolId: school.id,
      startsOn: '2024-10-28',
      startsSession: 'AM',
      endsOn: '2024-11-01',
      endsSession: 'PM',
      reason: 'Half term',
    });
    await addClosure(database.db, {
      schoolId: school.id,
      startsOn: '2024-12-02',
      startsSession: 'PM',
      endsOn: '2024-12-02',
      endsSession: 'PM',
      reason: 'Polling station',
    });

    const november = await listClosures(database.db, {
      schoolId: school.id,
      from: '2024-11-01',
      to: '2024-11-30',
    });

    expect(november.map((closure) => closure.reason)).toEqual(['Half term']);
  });
});

describe('users', () => {
  test('have unique emails, whatever their case', async () => {
    const school = await makeSchool(database.db);
    const user = {
      email: 'Head@Example.test',
      displayName: 'Head Teacher',
      passwordHash: '$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA',
      role: 'headteacher' as const,
      scope: { kind: 'school' as const, schoolId: school.id },
    };

    const first = await createUser(database.db, user);
    const second = await createUser(database.db, { ...user, email: 'head@example.TEST' });

    expect(first.ok && first.value.email).toBe('head@example.test');
    expect(second).toEqual({
      ok: false,
      error: { kind: 'email-taken', email: 'head@example.test' },
    });
    expect(await findUserCredentials(database.db, 'HEAD@example.test')).toMatchObject({
      passwordHash: user.passwordHash,
    });
  });

  test('must have the scope their role needs', async () => {
    const staffWithoutSchool = createUser(database.db, {
      email: 'floating@example.test',
      displayName: 'Floating',
      passwordHash: null,
      role: 'teacher',
      scope: { kind: 'none' },
    });

    await expect(staffWithoutSchool).rejects.toMatchObject({ code: '23514' });
  });

  test('are signed in by a live session and signed out by deactivation', async () => {
    const school = await makeSchool(database.db);
    const user = await makeUser(database.db, {
      role: 'office',
      scope: { kind: 'school', schoolId: school.id },
    });
    const now = new Date('2024-09-04T08:00:00Z');
    await createAuthSession(database.db, {
      tokenHash: 'token-hash-1',
      userId: user.id,
      expiresAt: new Date('2024-09-04T20:00:00Z'),
    });

    const live = await findSessionUser(database.db, { tokenHash: 'token-hash-1', now });
    const expired = await findSessionUser(database.db, {
      tokenHash: 'token-hash-1',
      now: new Date('2024-09-05T08:00:00Z'),
    });
    await deactivateUser(database.db, { userId: user.id, at: now });
    const afterDeactivation = await findSessionUser(database.db, {
      tokenHash: 'token-hash-1',
      now,
    });

    expect(live?.user.id).toBe(user.id);
    expect(expired).toBeUndefined();
    expect(afterDeactivation).toBeUndefined();
  });

  test('have failed sign-ins counted per email and per address for rate limiting', async () => {
    const at = new Date('2024-09-04T08:00:00Z');
    for (const ipAddress of ['10.0.0.1', '10.0.0.1', '10.0.0.2']) {
      await recordLoginAttempt(database.db, {
        email: 'target@example.test',
        ipAddress,
        succeeded: false,
        at,
      });
    }
    await recordLoginAttempt(database.db, {
      email: 'other@example.test',
      ipAddress: '10.0.0.1',
      succeeded: false,
      at,
    });

    const counts = await countFailedLoginAttempts(database.db, {
      email: 'TARGET@example.test',
      ipAddress: '10.0.0.1',
      since: new Date('2024-09-04T07:45:00Z'),
    });

    expect(counts).toEqual({ forEmail: 3, fromAddress: 3 });
  });
});
