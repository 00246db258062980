import type { FastifyRequest } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Capability, Role } from '../../src/domain/access/access-policy.ts';
import { roles } from '../../src/domain/access/access-policy.ts';
import { inPath, requireCapability } from '../../src/server/auth.hooks.ts';
import type { TargetRef } from '../../src/services/access.service.ts';
import {
  addClassMember,
  assignClassTeacher,
  createClass,
} from '../../src/store/class.repository.ts';
import { addContact, enrolPupil } from '../../src/store/pupil.repository.ts';
import { createAcademicYear } from '../../src/store/school.repository.ts';
import type { User } from '../../src/store/user.repository.ts';
import { makeEnrolledPupil, makePupil, makeSchool } from '../db/factories.ts';
import { useTestDatabase } from '../db/test-database.ts';
import {
  buildTestApp,
  makeUserWithPassword,
  readJson,
  signInAs,
  type SignedInClient,
  type TestApp,
} from './test-app.ts';

const database = useTestDatabase();
let testApp: TestApp;

/** A request each role makes, and the roles that must be let through. */
interface Probe {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly allowed: readonly Role[];
}

const leadership: readonly Role[] = [
  'admin',
  'headteacher',
  'attendance_lead',
  'attendance_officer',
];
const probes = new Map<string, Probe>();
const clients = new Map<Role, SignedInClient>();
const users = new Map<Role, User>();
let world: { taughtClassId: number; childId: number };

// Test routes guarded exactly as real routes will be, one per kind of target.
function addGuardedRoute(
  method: 'GET' | 'POST',
  url: string,
  capability: Capability,
  locate: (request: FastifyRequest) => TargetRef,
  param: string,
) {
  testApp.app.route({
    method,
    url,
    schema: { params: z.object({ [param]: z.coerce.number().int() }) },
    preHandler: requireCapability(capability, locate),
    handler: () => ({ allowed: true }),
  });
}

beforeAll(async () => {
  testApp = await buildTestApp(database.db);
  addGuardedRoute('GET', '/test/pupils/:pupilId', 'view-pupil', inPath.pupil(), 'pupilId');
  addGuardedRoute(
    'GET',
    '/test/classes/:classId/pupils',
    'view-pupil-list',
    inPath.class(),
    'classId',
  );
  addGuardedRoute(
    'POST',
    '/test/classes/:classId/register',
    'take-register',
    inPath.class(),
    'classId',
  );
  addGuardedRoute(
    'GET',
    '/test/schools/:schoolId/aggregates',
    'view-aggregates',
    inPath.school(),
    'schoolId',
  );
  addGuardedRoute(
    'POST',
    '/test/schools/:schoolId/settings',
    'manage-school',
    inPath.school(),
    'schoolId',
  );

  const db = database.db;
  const school = await makeSchool(db);
  const otherAuthoritySchool = await makeSchool(db);
  const year = await createAcademicYear(db, {
    schoolId: school.id,
    name: '2024/25',
    startsOn: '2024-09-02',
    endsOn: '2025-07-22',
    terms: [{ name: 'Autumn', startsOn: '2024-09-02', endsOn: '2024-12-20' }],
  });
  if (!year.ok) throw new Error('could not create the academic year');
  const newClass = (name: string) =>
    createClass(db, {
      schoolId: school.id,
      academicYearId: year.value.id,
      yearGroupId: null,
      name,
      kind: 'registration',
    });
  const taughtClass = await newClass('3A');
  const otherClass = await newClass('3B');

  // One pupil is placed by the enrolment's class, the other by class membership.
  const child = await makePupil(db);
  await enrolPupil(db, {
    schoolId: school.id,
    pupilId: child.id,
    onRollFrom: '2024-09-02',
    registrationStatus: 'single',
    yearGroupId: null,
    classId: taughtClass.id,
  });
  const classmate = await makeEnrolledPupil(db, school.id);
  await addClassMember(db, { classId: otherClass.id, enrolmentId: classmate.enrolment.id });
  const elsewhere = await makeEnrolledPupil(db, otherAuthoritySchool.id);

  for (const role of roles) {
    const scope =
      role === 'parent'
        ? ({ kind: 'none' } as const)
        : role === 'la_officer'
          ? ({ kind: 'local-authority', localAuthorityId: school.localAuthorityId } as const)
          : ({ kind: 'school', schoolId: school.id } as const);
    const user = await makeUserWithPassword(db, { role, scope });
    users.set(role, user);
  }
  await assignClassTeacher(db, { classId: taughtClass.id, userId: users.get('teacher')!.id });
  await addContact(db, {
    pupilId: child.id,
    userId: users.get('parent')!.id,
    name: 'A Parent',
    relationship: 'mother',
    parentalResponsibility: true,
    emergencyContact: true,
    phone: null,
    email: null,
    priority: 1,
  });
  for (const role of roles) {
    clients.set(role, await signInAs(testApp.app, users.get(role)!));
  }
  world = { taughtClassId: taughtClass.id, childId: child.id };

  const readers: readonly Role[] = [...leadership, 'office', 'la_officer'];
  const probeList: [string, Probe][] = [
    [
      'view the child in the taught class',
      {
        method: 'GET',
        url: `/test/pupils/${child.id}`,
        allowed: [...readers, 'teacher', 'parent'],
      },
    ],
    [
      'view a pupil in another class',
      { method: 'GET', url: `/test/pupils/${classmate.pupil.id}`, allowed: readers },
    ],
    [
      'view a pupil in another authority',
      { method: 'GET', url: `/test/pupils/${elsewhere.pupil.id}`, allowed: [] },
    ],
    [
      'list the taught class',
      {
        method: 'GET',
        url: `/test/classes/${taughtClass.id}/pupils`,
        allowed: [...readers, 'teacher'],
      },
    ],
    [
      'list another class',
      { method: 'GET', url: `/test/classes/${otherClass.id}/pupils`, allowed: readers },
    ],
    [
      'take the taught class register',
      {
        method: 'POST',
        url: `/test/classes/${taughtClass.id}/register`,
        allowed: [...leadership, 'teacher'],
      },
    ],
    [
      'take another class register',
      { method: 'POST', url: `/test/classes/${otherClass.id}/register`, allowed: leadership },
    ],
    [
      'see school figures',
      {
        method: 'GET',
        url: `/test/schools/${school.id}/aggregates`,
        allowed: [...readers, 'governor'],
      },
    ],
    [
      'see figures of a school in another authority',
      { method: 'GET', url: `/test/schools/${otherAuthoritySchool.id}/aggregates`, allowed: [] },
    ],
    [
      'change school settings',
      { method: 'POST', url: `/test/schools/${school.id}/settings`, allowed: ['admin'] },
    ],
  ];
  for (const [name, probe] of probeList) probes.set(name, probe);
});
afterAll(async () => {
  await testApp.app.close();
});

function send(probe: { method: 'GET' | 'POST'; url: string }, client?: SignedInClient) {
  return testApp.app.inject({
    method: probe.method,
    url: probe.url,
    headers:
      client === undefined ? {} : { cookie: client.cookie, 'x-csrf-token': client.csrfToken },
  });
}

describe('the permission matrix over HTTP', () => {
  it('lets each role through exactly where the model allows and refuses with 403 elsewhere', async () => {
    const outcomes: string[] = [];
    const expected: string[] = [];
    for (const [name, probe] of probes) {
      for (const role of roles) {
        const response = await send(probe, clients.get(role));
        outcomes.push(`${role} ${name}: ${response.statusCode}`);
        expected.push(`${role} ${name}: ${probe.allowed.includes(role) ? 200 : 403}`);
      }
    }
    expect(outcomes).toEqual(expected);
  });

  it('answers a forbidden request with a forbidden problem naming the capability', async () => {
    const response = await send(
      probes.get('view a pupil in another class')!,
      clients.get('governor'),
    );
    expect(readJson(response)).toEqual({
      type: 'https://rollcall.example/problems/forbidden',
      title: 'Not allowed',
      status: 403,
      detail: 'Your role (governor) does not allow view-pupil for this pupil.',
    });
  });

  it('answers 401 to a request without a session', async () => {
    const response = await send(probes.get('see school figures')!);
    expect(response.statusCode).toBe(401);
  });

  it('answers 404 for a pupil that does not exist, whoever asks', async () => {
    const response = await send(
      { method: 'GET', url: '/test/pupils/99999999' },
      clients.get('admin'),
    );
    expect(response.statusCode).toBe(404);
  });

  it('checks CSRF before permissions on a guarded change', async () => {
    const teacher = clients.get('teacher')!;
    const response = await testApp.app.inject({
      method: 'POST',
      url: `/test/classes/${world.taughtClassId}/register`,
      headers: { cookie: teacher.cookie },
    });
    expect(response.statusCode).toBe(403);
    expect(readJson(response)['type']).toBe('https://rollcall.example/problems/csrf');
  });
});

describe('/api/auth/me', () => {
  it('tells a teacher their classes and a parent their children', async () => {
    const me = async (role: Role) =>
      readJson(await send({ method: 'GET', url: '/api/auth/me' }, clients.get(role)));
    expect(await me('teacher')).toMatchObject({ classIds: [world.taughtClassId], pupilIds: [] });
    expect(await me('parent')).toMatchObject({ classIds: [], pupilIds: [world.childId] });
    expect((await me('governor'))['capabilities']).toEqual(['view-school', 'view-aggregates']);
  });
});
