import { beforeAll, describe, expect, it } from 'vitest';
import { recordTwoWeeksOfTruancy, sendAs, useApiWorld, type ApiWorld } from './api-world.ts';
import { readJson } from './test-app.ts';

const api = useApiWorld();
let world: ApiWorld;
let truantId = 0;
beforeAll(async () => {
  world = api.world;
  // Wigston's policy comes with its six-stage ladder; the truant is away 2 to 13 September.
  await world.db
    .updateTable('schools')
    .set({ policy_preset: 'wigston' })
    .where('id', '=', world.school.id)
    .execute();
  truantId = (await recordTwoWeeksOfTruancy(world)).id;
});

interface Action {
  pupilId: number;
  caseId: number | null;
  kind: 'open' | 'advance';
  fromStage: number;
  stage: number;
  evidence: { rule: string; date: string; session: string; sessions: { code: string }[] }[];
}

async function listActions(date: string): Promise<Action[]> {
  const response = await sendAs(world, 'attendance_lead', {
    method: 'GET',
    url: `/api/schools/${world.school.id}/case-actions?date=${date}`,
  });
  expect(response.statusCode).toBe(200);
  return readJson(response)['actions'] as Action[];
}

const decide = (
  kind: 'acceptance' | 'dismissal',
  payload: object,
  role: 'attendance_lead' | 'attendance_officer' | 'office' = 'attendance_lead',
) =>
  sendAs(world, role, {
    method: 'POST',
    url: `/api/schools/${world.school.id}/case-actions/${kind}`,
    payload,
  });

describe('case actions from rule alerts', () => {
  it('proposes opening a case at stage 1 on the welfare-check alert, with its sessions', async () => {
    const [action, ...others] = await listActions('2024-09-05');
    expect(others).toEqual([]);
    expect(action).toMatchObject({ pupilId: truantId, caseId: null, kind: 'open', stage: 1 });
    const welfare = action?.evidence.find((evidence) => evidence.rule === 'welfare-check');
    expect(welfare).toMatchObject({ date: '2024-09-04', session: 'PM' });
    expect(welfare?.sessions.map((session) => session.code)).toEqual([
      'O',
      'O',
      'O',
      'O',
      'O',
      'O',
    ]);
  });

  it('opens the case when staff accept, recorded as accepted from the alert', async () => {
    const accepted = await decide('acceptance', {
      pupilId: truantId,
      date: '2024-09-05',
      stage: 1,
      note: 'phoned home; welfare check done',
    });
    expect(accepted.statusCode).toBe(201);
    const caseInfo = readJson(accepted)['case'] as { id: number; stage: number; ladder: string };
    expect(caseInfo).toMatchObject({ stage: 1, ladder: 'wigston' });
    const cases = readJson(
      await sendAs(world, 'attendance_lead', {
        method: 'GET',
        url: `/api/pupils/${truantId}/cases`,
      }),
    )['cases'] as { events: { kind: string; summary: string }[] }[];
    expect(cases[0]?.events[0]?.summary).toContain('accepted from welfare-check (2024-09-04 PM)');
    const audit = await world.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'case.opened')
      .where('subject_pupil_id', '=', truantId)
      .executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({
      caseId: caseInfo.id,
      fromAlerts: expect.arrayContaining([
        { rule: 'welfare-check', date: '2024-09-04', session: 'PM' },
      ]) as unknown,
    });
    expect(await listActions('2024-09-05')).toEqual([]);
  });

  it('proposes advancing the open case, keeps a dismissal and does not propose it again', async () => {
    const [advance] = await listActions('2024-09-20');
    expect(advance).toMatchObject({ pupilId: truantId, kind: 'advance', fromStage: 1, stage: 6 });
    expect(advance?.evidence.map((evidence) => evidence.rule)).toEqual(['pme-20-sessions-month']);
    const noReason = await decide('dismissal', { pupilId: truantId, date: '2024-09-20' });
    expect(noReason.statusCode).toBe(400);
    const dismissed = await decide('dismissal', {
      pupilId: truantId,
      date: '2024-09-20',
      stage: 6,
      reason: 'the family is already working with the education welfare officer',
    });
    expect(dismissed.statusCode).toBe(201);
    const [next] = await listActions('2024-09-20');
    expect(next).toMatchObject({ kind: 'advance', stage: 4 });
    // The single-case proposal leaves the dismissed alert out too.
    const proposal = await sendAs(world, 'attendance_lead', {
      method: 'GET',
      url: `/api/cases/${String(advance?.caseId)}/proposal?asOf=2024-09-20`,
    });
    expect(readJson(proposal)['proposal']).toMatchObject({ stage: 4 });
  });

  it('advances the case on acceptance, and refuses a decision the alerts no longer call for', async () => {
    const stale = await decide('acceptance', { pupilId: truantId, date: '2024-09-20', stage: 6 });
    expect(stale.statusCode).toBe(409);
    expect(readJson(stale)['detail']).toContain('now call for stage 4');
    const accepted = await decide('acceptance', {
      pupilId: truantId,
      date: '2024-09-20',
      stage: 4,
    });
    expect(accepted.statusCode).toBe(201);
    expect(readJson(accepted)['case']).toMatchObject({ stage: 4 });
    expect(await listActions('2024-09-20')).toEqual([]);
    const again = await decide('acceptance', { pupilId: truantId, date: '2024-09-20' });
    expect(again.statusCode).toBe(409);
    const moved = await world.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'case.stage-changed')
      .where('subject_pupil_id', '=', truantId)
      .executeTakeFirstOrThrow();
    expect(moved.details).toMatchObject({ from: 1, to: 4 });
  });

  it('is for those who manage follow-up, for pupils of their school only', async () => {
    for (const role of ['office', 'teacher', 'governor', 'parent', 'la_officer'] as const) {
      const listed = await sendAs(world, role, {
        method: 'GET',
        url: `/api/schools/${world.school.id}/case-actions?date=2024-09-20`,
      });
      expect(listed.statusCode).toBe(403);
    }
    expect(
      (await decide('dismissal', { pupilId: truantId, date: '2024-09-20', reason: 'x' }, 'office'))
        .statusCode,
    ).toBe(403);
    const stranger = await decide('acceptance', {
      pupilId: world.elsewherePupil.id,
      date: '2024-09-20',
    });
    expect(stranger.statusCode).toBe(403);
  });
});
