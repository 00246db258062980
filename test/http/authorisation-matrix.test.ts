import { beforeAll, describe, expect, it } from 'vitest';
import { roles, type Role } from '../../src/domain/access/access-policy.ts';
import {
  freshKey,
  send,
  sendAs,
  useApiWorld,
  type ApiRequest,
  type ApiWorld,
} from './api-world.ts';
import { listPeopleAdminProbes } from './admin-people-probes.ts';
import { listFollowUpProbes, prepareFollowUpProbes } from './follow-up-probes.ts';
import { readJson } from './test-app.ts';

const api = useApiWorld();
let world: ApiWorld;

const leadership: readonly Role[] = [
  'admin',
  'headteacher',
  'attendance_lead',
  'attendance_officer',
];
const readers: readonly Role[] = [...leadership, 'office', 'la_officer'];

/** One request to an endpoint, and the roles that must get its success status. */
interface Probe {
  readonly name: string;
  readonly request: () => ApiRequest;
  readonly allowed: readonly Role[];
  readonly success: 200 | 201 | 204;
}

let probes: Probe[] = [];
/** A mark on the child (N) and one on a pupil of the other class, made before the probes run. */
let childMarkId = 0;
let otherClassMarkId = 0;
/** A closure made before the probes run, for the one that removes it. */
let closureToRemove = 0;

beforeAll(async () => {
  world = api.world;
  const take = async (classId: number, pupilId: number) => {
    const response = await sendAs(world, 'admin', {
      method: 'PUT',
      url: `/api/classes/${classId}/register`,
      payload: { date: '2024-09-02', session: 'AM', entries: [{ pupilId, code: 'N' }] },
      headers: { 'idempotency-key': freshKey() },
    });
    return (readJson(response)['marks'] as { markId: number }[])[0]!.markId;
  };
  childMarkId = await take(world.taughtClassId, world.child.id);
  const closure = await sendAs(world, 'admin', {
    method: 'POST',
    url: `/api/schools/${world.school.id}/closures`,
    payload: { startsOn: '2024-11-05', endsOn: '2024-11-05', reason: 'Polling station' },
  });
  closureToRemove = readJson(closure)['id'] as number;
  otherClassMarkId = await take(world.otherClassId, world.otherClassPupils[0]!.id);

  const followUp = await prepareFollowUpProbes(world);
  const school = world.school.id;
  const get = (url: string) => () => ({ method: 'GET', url }) as const;
  const report = (pupilId: number) => () =>
    ({
      method: 'POST',
      url: `/api/pupils/${pupilId}/absence-reports`,
      payload: {
        reason: 'illness',
        from: { date: '2024-09-09', session: 'AM' },
        to: { date: '2024-09-09', session: 'PM' },
      },
    }) as const;
  const register = (classId: number, pupilId: number) => () =>
    ({
      method: 'PUT',
      url: `/api/classes/${classId}/register`,
      // The same code every time, so each allowed submission succeeds without a reason.
      payload: { date: '2024-09-03', session: 'AM', entries: [{ pupilId, code: '/' }] },
      headers: { 'idempotency-key': freshKey() },
    }) as const;
  // Amending N to N changes nothing, so every allowed role succeeds in turn.
  const amend = (markId: number) => () =>
    ({
      method: 'PATCH',
      url: `/api/marks/${markId}`,
      payload: { expectedVersion: 1, code: 'N', reason: 'checked' },
    }) as const;
  const taught = world.taughtClassId;
  const other = world.otherClassId;
  const child = world.child.id;
  const otherPupil = world.otherClassPupils[0]!.id;
  const elsewhere = world.elsewherePupil.id;
  probes = [
    {
      name: 'list the registers to take',
      request: get(`/api/schools/${school}/registers?date=2024-09-03&session=AM`),
      allowed: [...readers, 'teacher'],
      success: 200,
    },
    {
      name: 'list the registers of another authority',
      request: get(`/api/schools/${world.elsewhereSchool.id}/registers?date=2024-09-03&session=AM`),
      allowed: [],
      success: 200,
    },
    {
      name: 'read the taught class register',
      request: get(`/api/classes/${taught}/register?date=2024-09-03&session=AM`),
      allowed: [...readers, 'teacher'],
      success: 200,
    },
    {
      name: 'read another class register',
      request: get(`/api/classes/${other}/register?date=2024-09-03&session=AM`),
      allowed: readers,
      success: 200,
    },
    {
      name: 'take the taught class register',
      request: register(taught, child),
      allowed: [...leadership, 'teacher'],
      success: 200,
    },
    {
      name: 'take another class register',
      request: register(other, otherPupil),
      allowed: leadership,
      success: 200,
    },
    {
      name: "amend the child's mark",
      request: amend(childMarkId),
      allowed: [...leadership, 'office'],
      success: 200,
    },
    {
      name: "replace the child's marks at once",
      request: () => ({
        method: 'PATCH',
        url: `/api/pupils/${child}/marks`,
        payload: {
          code: 'N',
          reason: 'checked',
          marks: [{ markId: childMarkId, expectedVersion: 1 }],
        },
      }),
      allowed: [...leadership, 'office'],
      success: 200,
    },
    {
      name: "read the history of the child's mark",
      request: get(`/api/marks/${childMarkId}/history`),
      allowed: [...readers, 'teacher', 'parent'],
      success: 200,
    },
    {
      name: 'read the history of a mark in another class',
      request: get(`/api/marks/${otherClassMarkId}/history`),
      allowed: readers,
      success: 200,
    },
    {
      name: 'sign a pupil in at reception',
      request: () => ({
        method: 'POST',
        url: `/api/schools/${school}/reception/sign-in`,
        payload: { pupilId: world.classmates[0]!.id },
      }),
      allowed: [...leadership, 'office'],
      success: 201,
    },
    {
      name: 'sign a pupil out at reception',
      request: () => ({
        method: 'POST',
        url: `/api/schools/${school}/reception/sign-out`,
        payload: { pupilId: world.classmates[1]!.id, reason: 'appointment' },
      }),
      allowed: [...leadership, 'office'],
      success: 201,
    },
    {
      name: 'report the child absent',
      request: report(child),
      allowed: [...leadership, 'office', 'parent'],
      success: 201,
    },
    {
      name: 'report another child absent',
      request: report(otherPupil),
      allowed: [...leadership, 'office'],
      success: 201,
    },
    {
      name: "list the child's absence reports",
      request: get(`/api/pupils/${child}/absence-reports`),
      allowed: [...readers, 'teacher', 'parent'],
      success: 200,
    },
    {
      name: "list another child's absence reports",
      request: get(`/api/pupils/${otherPupil}/absence-reports`),
      allowed: readers,
      success: 200,
    },
    {
      name: 'read the absence board',
      request: get(`/api/schools/${school}/absence-board?date=2024-09-04`),
      allowed: [...leadership, 'office'],
      success: 200,
    },
    {
      name: "open the child's page",
      request: get(`/api/pupils/${child}`),
      allowed: [...readers, 'teacher', 'parent'],
      success: 200,
    },
    {
      name: "open another class's pupil's page",
      request: get(`/api/pupils/${otherPupil}`),
      allowed: readers,
      success: 200,
    },
    {
      name: 'open the page of a pupil in another authority',
      request: get(`/api/pupils/${elsewhere}`),
      allowed: [],
      success: 200,
    },
    {
      name: 'read school statistics',
      request: get(`/api/schools/${school}/statistics`),
      allowed: [...readers, 'governor'],
      success: 200,
    },
    {
      name: 'read statistics of a school in another authority',
      request: get(`/api/schools/${world.elsewhereSchool.id}/statistics`),
      allowed: [],
      success: 200,
    },
    {
      name: 'read trust statistics (the trust has a second school)',
      request: get(`/api/trusts/${world.school.trustId ?? 0}/statistics`),
      allowed: ['la_officer'],
      success: 200,
    },
    {
      name: "read the authority's statistics",
      request: get(`/api/local-authorities/${world.school.localAuthorityId}/statistics`),
      allowed: ['la_officer'],
      success: 200,
    },
    {
      name: "read another authority's statistics",
      request: get(`/api/local-authorities/${world.elsewhereSchool.localAuthorityId}/statistics`),
      allowed: [],
      success: 200,
    },
    {
      name: 'export the school as a scenario',
      request: get(`/api/schools/${school}/export/scenario`),
      allowed: ['admin', 'headteacher', 'attendance_lead'],
      success: 200,
    },
    // Reads only, so they leave the follow-up probes' targets as they were.
    {
      name: 'list the escalation ladders a case can follow',
      request: get(`/api/schools/${school}/case-ladders`),
      allowed: leadership,
      success: 200,
    },
    {
      name: "list the child's penalty notices",
      request: get(`/api/pupils/${child}/penalty-notices`),
      allowed: leadership,
      success: 200,
    },
    // Before the school set-up probes: those choose another policy for school A.
    ...listFollowUpProbes(world, followUp),
    ...schoolAdminProbes(school, closureToRemove),
    ...(await listPeopleAdminProbes(world)),
  ];
});

/** The school set-up endpoints: administrators only. Each change can be repeated. */
function schoolAdminProbes(school: number, closureId: number): Probe[] {
  const url = `/api/schools/${school}`;
  const probe = (name: string, request: ApiRequest, success: Probe['success'] = 200): Probe => ({
    name,
    request: () => request,
    allowed: ['admin'],
    success,
  });
  return [
    probe('list the schools to set up', { method: 'GET', url: '/api/admin/schools' }),
    probe("read the school's settings", { method: 'GET', url: `${url}/settings` }),
    probe("change the school's details", {
      method: 'PUT',
      url: `${url}/details`,
      payload: {
        name: world.school.name,
        letterhead: { address: '', phone: null, email: null, signatory: null },
      },
    }),
    probe('set the register times', {
      method: 'PUT',
      url: `${url}/register-times`,
      payload: { amOpens: '08:45', amCloses: '09:15', pmOpens: '13:00', pmCloses: '13:15' },
    }),
    probe("read the school's calendar", { method: 'GET', url: `${url}/calendar` }),
    probe(
      'add an academic year',
      {
        method: 'POST',
        url: `${url}/academic-years`,
        payload: { name: '2030/31', startsOn: '2030-09-01', endsOn: '2031-08-31' },
      },
      201,
    ),
    probe(
      'add a closure',
      {
        method: 'POST',
        url: `${url}/closures`,
        payload: { startsOn: '2024-11-01', endsOn: '2024-11-01', reason: 'INSET day' },
      },
      201,
    ),
    probe('remove a closure', { method: 'DELETE', url: `${url}/closures/${closureId}` }, 204),
    probe("read the school's policy", { method: 'GET', url: `${url}/policy` }),
    probe("choose the school's policy", {
      method: 'PUT',
      url: `${url}/policy`,
      payload: { policy: 'england-2024', settings: {} },
    }),
  ];
}

describe('the authorisation matrix', () => {
  it('lets every role through exactly where it may go, on every endpoint, and 403 elsewhere', async () => {
    const outcomes: string[] = [];
    const expected: string[] = [];
    for (const probe of probes) {
      for (const role of roles) {
        const response = await sendAs(world, role, probe.request());
        outcomes.push(`${probe.name} as ${role}: ${response.statusCode}`);
        expected.push(
          `${probe.name} as ${role}: ${probe.allowed.includes(role) ? probe.success : 403}`,
        );
      }
    }
    expect(outcomes).toEqual(expected);
  });

  it('answers 401 on every endpoint without a session', async () => {
    for (const probe of probes) {
      const response = await send(world, probe.request());
      expect(response.statusCode, probe.name).toBe(401);
    }
  });

  it('answers 404 for ids that name nothing, to a role that could otherwise go there', async () => {
    const missing = 2_000_000_000;
    const urls: ApiRequest[] = [
      { method: 'GET', url: `/api/schools/${missing}/registers?date=2024-09-03&session=AM` },
      { method: 'GET', url: `/api/classes/${missing}/register?date=2024-09-03&session=AM` },
      { method: 'GET', url: `/api/marks/${missing}/history` },
      { method: 'GET', url: `/api/pupils/${missing}` },
      {
        method: 'PATCH',
        url: `/api/pupils/${missing}/marks`,
        payload: { code: 'I', reason: 'ill', marks: [{ markId: childMarkId, expectedVersion: 1 }] },
      },
      { method: 'GET', url: `/api/pupils/${missing}/absence-reports` },
      { method: 'GET', url: `/api/schools/${missing}/statistics` },
      { method: 'GET', url: `/api/trusts/${missing}/statistics` },
      { method: 'GET', url: `/api/local-authorities/${missing}/statistics` },
      { method: 'GET', url: `/api/schools/${missing}/export/scenario` },
      { method: 'GET', url: `/api/schools/${missing}/absence-board?date=2024-09-03` },
      { method: 'GET', url: `/api/schools/${missing}/classes` },
      { method: 'GET', url: `/api/schools/${missing}/accounts` },
      { method: 'GET', url: `/api/schools/${missing}/case-actions?date=2024-09-03` },
      { method: 'GET', url: `/api/schools/${missing}/case-ladders` },
      { method: 'GET', url: `/api/pupils/${missing}/penalty-notices` },
      { method: 'GET', url: `/api/schools/${missing}/settings` },
      { method: 'GET', url: `/api/schools/${missing}/calendar` },
      { method: 'GET', url: `/api/schools/${missing}/policy` },
    ];
    for (const request of urls) {
      const response = await sendAs(world, 'admin', request);
      expect(response.statusCode, request.url).toBe(404);
      expect(readJson(response)['type']).toBe('https://rollcall.example/problems/not-found');
    }
  });

  it('refuses a change without the CSRF token on every changing endpoint', async () => {
    for (const probe of probes) {
      const request = probe.request();
      if (request.method === 'GET') continue;
      const response = await world.testApp.app.inject({
        method: request.method,
        url: request.url,
        headers: { cookie: world.clients.get('admin')!.cookie, ...request.headers },
        payload: request.payload as object,
      });
      expect(response.statusCode, probe.name).toBe(403);
      expect(readJson(response)['type']).toBe('https://rollcall.example/problems/csrf');
    }
  });
});
