import { beforeAll, describe, expect, it } from 'vitest';
import { recordTwoWeeksOfTruancy, sendAs, useApiWorld, type ApiWorld } from './api-world.ts';
import { readJson } from './test-app.ts';

const api = useApiWorld();
let world: ApiWorld;

beforeAll(async () => {
  world = api.world;
  await recordTwoWeeksOfTruancy(world);
});

interface Dashboard {
  weeks: { monday: string; possible: number; attended: number }[];
  reasons: { code: string; category: string; sessions: number }[];
  weekdays: { weekday: number; absent: number }[];
  absentees?: { pupilId: number; possible: number; absent: number; severe: boolean }[];
  scope: { kind: string; label: string };
  target: number;
}

describe('the dashboard', () => {
  const url = (query = '') => `/api/schools/${world.school.id}/dashboard?asOf=2024-09-13${query}`;

  it('breaks the year down by week, code and weekday, and lists the absentees for leaders', async () => {
    const response = await sendAs(world, 'attendance_lead', { method: 'GET', url: url() });
    expect(response.statusCode).toBe(200);
    const dashboard = readJson(response) as unknown as Dashboard;
    expect(dashboard.scope.kind).toBe('school');
    expect(dashboard.target).toBe(0.95);
    expect(dashboard.weeks.map((week) => week.monday)).toEqual(['2024-09-02', '2024-09-09']);
    expect(dashboard.reasons).toEqual([
      expect.objectContaining({ code: 'O', category: 'unauthorised', sessions: 20 }),
    ]);
    // Two Mondays, two sessions each.
    expect(dashboard.weekdays.find((day) => day.weekday === 1)?.absent).toBe(4);
    expect(dashboard.absentees).toEqual([
      expect.objectContaining({
        pupilId: world.otherClassPupils[1]!.id,
        absent: 20,
        possible: 20,
        severe: true,
      }),
    ]);
  });

  it('narrows to one class and refuses a class of another school', async () => {
    const statistics = readJson(
      await sendAs(world, 'attendance_lead', {
        method: 'GET',
        url: `/api/schools/${world.school.id}/statistics?asOf=2024-09-13`,
      }),
    );
    const classes = statistics['byClass'] as { key: string; label: string }[];
    const other = classes.find((group) => group.label === '3B')!;
    const response = await sendAs(world, 'attendance_lead', {
      method: 'GET',
      url: url(`&classId=${other.key}`),
    });
    expect(response.statusCode).toBe(200);
    expect((readJson(response) as unknown as Dashboard).scope).toEqual(
      expect.objectContaining({ kind: 'class', label: '3B' }),
    );
    const missing = await sendAs(world, 'attendance_lead', {
      method: 'GET',
      url: url('&classId=999999'),
    });
    expect(missing.statusCode).toBe(404);
  });

  it('gives governors the figures but no pupil', async () => {
    const response = await sendAs(world, 'governor', { method: 'GET', url: url() });
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain('pupilId');
    for (const name of world.pupilNames) expect(response.body).not.toContain(name);
  });

  it('names the national penalty-notice threshold in the statistics policy', async () => {
    const response = await sendAs(world, 'attendance_lead', {
      method: 'GET',
      url: `/api/schools/${world.school.id}/statistics?asOf=2024-09-13`,
    });
    expect(readJson(response)['policy']).toMatchObject({
      penaltyNotice: {
        national: '10 unauthorised sessions in 10 school weeks',
        nationalRuleId: 'penalty-notice-threshold',
        localTriggers: [],
      },
    });
  });
});

describe("a pupil's page for the heat map", () => {
  it('gives each session its category and mark id, and rates for the year, term and 4 weeks', async () => {
    const truant = world.otherClassPupils[1]!;
    const response = await sendAs(world, 'attendance_lead', {
      method: 'GET',
      url: `/api/pupils/${truant.id}?asOf=2024-09-13`,
    });
    expect(response.statusCode).toBe(200);
    const profile = readJson(response);
    expect(profile['categories']).toContainEqual(['unauthorised', 'unauthorised']);
    expect((profile['markIds'] as (number | null)[][])[0]).toEqual([
      expect.any(Number),
      expect.any(Number),
    ]);
    expect(profile['codeMeanings']).toEqual({ O: 'Absent in other or unknown circumstances' });
    expect(profile['rates']).toEqual({
      year: { possible: 20, attended: 0, attendanceRate: 0 },
      term: { possible: 20, attended: 0, attendanceRate: 0 },
      rollingFourWeeks: { possible: 20, attended: 0, attendanceRate: 0 },
    });
  });
});
