import { beforeAll, describe, expect, it } from 'vitest';
import { recordSessionMarks } from '../../src/store/mark.repository.ts';
import { recordTwoWeeksOfTruancy, sendAs, useApiWorld, type ApiWorld } from './api-world.ts';
import { readJson } from './test-app.ts';

const api = useApiWorld();
let world: ApiWorld;

beforeAll(async () => {
  world = api.world;
  await recordTwoWeeksOfTruancy(world);
  await recordSessionMarks(world.db, {
    schoolId: world.school.id,
    date: '2024-09-02',
    session: 'AM',
    entries: [
      {
        pupilId: world.child.id,
        enrolmentId: (
          await world.db
            .selectFrom('enrolments')
            .select('id')
            .where('pupil_id', '=', world.child.id)
            .executeTakeFirstOrThrow()
        ).id,
        code: 'I',
      },
    ],
    recordedBy: world.users.get('admin')!.id,
    source: 'import',
    reason: null,
    at: new Date('2024-09-04T08:00:00Z'),
  });
});

describe("a pupil's page", () => {
  it('shows names, class, figures to date, the marks of the year and contacts', async () => {
    const response = await sendAs(world, 'teacher', {
      method: 'GET',
      url: `/api/pupils/${world.child.id}`,
    });
    expect(response.statusCode).toBe(200);
    const profile = readJson(response);
    expect(profile).toMatchObject({
      pupilId: world.child.id,
      legalFirstName: world.child.legalFirstName,
      school: { id: world.school.id },
      className: '3A',
      asOf: '2024-09-04',
      period: { to: '2024-09-04' },
      days: [
        ['2024-09-02', 'I', null],
        ['2024-09-03', null, null],
        ['2024-09-04', null, null],
      ],
      contacts: [{ priority: 1 }, { priority: 2 }],
    });
    expect(profile['sessions']).toMatchObject({ authorisedAbsence: 1 });
  });

  it("shows the engine's alerts for a pupil", async () => {
    const response = await sendAs(world, 'attendance_officer', {
      method: 'GET',
      url: `/api/pupils/${world.otherClassPupils[1]!.id}?asOf=2024-09-13`,
    });
    expect(response.statusCode).toBe(200);
    const alerts = readJson(response)['alerts'] as { rule: string }[];
    expect(alerts.map((alert) => alert.rule)).toContain('penalty-notice-threshold');
  });

  it('is not found for a pupil id that names nobody', async () => {
    const response = await sendAs(world, 'admin', { method: 'GET', url: '/api/pupils/1999999999' });
    expect(response.statusCode).toBe(404);
  });
});

describe('school statistics', () => {
  const url = () => `/api/schools/${world.school.id}/statistics?asOf=2024-09-13`;

  it('gives leaders the figures by class, year group and cohort and names pupils under alerts', async () => {
    const response = await sendAs(world, 'attendance_lead', { method: 'GET', url: url() });
    expect(response.statusCode).toBe(200);
    const statistics = readJson(response);
    expect(statistics).toMatchObject({
      schoolId: world.school.id,
      asOf: '2024-09-13',
      school: { pupils: 5 },
    });
    expect((statistics['byClass'] as { label: string }[]).map((group) => group.label)).toEqual([
      '3A',
      '3B',
    ]);
    const penalty = (statistics['alerts'] as Record<string, unknown>[]).find(
      (group) => group['rule'] === 'penalty-notice-threshold',
    );
    expect(penalty).toMatchObject({
      pupilCount: 1,
      pupils: [{ pupilId: world.otherClassPupils[1]!.id }],
    });
  });

  it('gives governors aggregates only: no pupil ids or names anywhere', async () => {
    const response = await sendAs(world, 'governor', { method: 'GET', url: url() });
    expect(response.statusCode).toBe(200);
    const text = response.body;
    expect(text).not.toContain('pupilId');
    for (const name of world.pupilNames) expect(text).not.toContain(name);
    const penalty = (readJson(response)['alerts'] as Record<string, unknown>[]).find(
      (group) => group['rule'] === 'penalty-notice-threshold',
    );
    expect(penalty).toEqual({ rule: 'penalty-notice-threshold', alerts: 2, pupilCount: 1 });
  });

  it('gives a trust each school and the total, to those who may see every school', async () => {
    const trustUrl = `/api/trusts/${world.school.trustId ?? 0}/statistics?asOf=2024-09-13`;
    const response = await sendAs(world, 'la_officer', { method: 'GET', url: trustUrl });
    expect(response.statusCode).toBe(200);
    const statistics = readJson(response);
    expect(
      (statistics['schools'] as { schoolId: number }[]).map((school) => school.schoolId).sort(),
    ).toEqual([world.school.id, world.sisterSchool.id].sort());
    expect(statistics['total']).toMatchObject({ pupils: 6 });
    // A head of one school must not see a sister school's figures through the trust.
    expect((await sendAs(world, 'headteacher', { method: 'GET', url: trustUrl })).statusCode).toBe(
      403,
    );
  });

  it("gives an LA officer their authority's schools and nobody else's", async () => {
    const mine = await sendAs(world, 'la_officer', {
      method: 'GET',
      url: `/api/local-authorities/${world.school.localAuthorityId}/statistics`,
    });
    expect(mine.statusCode).toBe(200);
    expect(readJson(mine)['schools']).toHaveLength(2);
    const theirs = await sendAs(world, 'la_officer', {
      method: 'GET',
      url: `/api/local-authorities/${world.elsewhereSchool.localAuthorityId}/statistics`,
    });
    expect(theirs.statusCode).toBe(403);
  });
});

describe('exporting a school', () => {
  it('gives the head the scenario file with every pupil', async () => {
    const response = await sendAs(world, 'headteacher', {
      method: 'GET',
      url: `/api/schools/${world.school.id}/export/scenario`,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/yaml; charset=utf-8');
    expect(response.body).toContain(world.child.legalFirstName);
  });
});

describe('the OpenAPI document', () => {
  it('documents every register endpoint', async () => {
    const response = await world.testApp.app.inject({ method: 'GET', url: '/api/openapi.json' });
    const paths = Object.keys(readJson(response)['paths'] as object);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/schools/{schoolId}/registers',
        '/api/classes/{classId}/register',
        '/api/marks/{markId}',
        '/api/marks/{markId}/history',
        '/api/schools/{schoolId}/reception/sign-in',
        '/api/schools/{schoolId}/reception/sign-out',
        '/api/pupils/{pupilId}/absence-reports',
        '/api/schools/{schoolId}/absence-board',
        '/api/pupils/{pupilId}',
        '/api/schools/{schoolId}/statistics',
        '/api/trusts/{trustId}/statistics',
        '/api/local-authorities/{localAuthorityId}/statistics',
        '/api/schools/{schoolId}/export/scenario',
      ]),
    );
  });
});
