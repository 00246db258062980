import { beforeAll, describe, expect, it } from 'vitest';
import { recordSessionMarks } from '../../src/store/mark.repository.ts';
import { makeUserWithPassword } from '../http/test-app.ts';
import { expectNoSeriousAccessibilityViolations } from './accessibility.ts';
import { useE2eWorld } from './e2e-fixture.ts';
import { AlertsPage } from './pages/alerts.page.ts';
import { CaseActionsSection } from './pages/case-actions.page.ts';
import { CaseworkPage } from './pages/casework.page.ts';
import { saveScreenshot } from './screenshots.ts';

const welfareCheck = 'Third consecutive day of unplanned absence (welfare check)';
const stageOne = 'Phone call home about the absence concern; welfare check';
/** Monday 2 to Wednesday 4 September 2024: the first three days of the year. */
const firstDays = ['2024-09-02', '2024-09-03', '2024-09-04'] as const;

describe('case actions the alerts call for, on the alerts work list', () => {
  const world = useE2eWorld();
  let officer: { email: string };

  beforeAll(async () => {
    const { db, clock } = world.server;
    const { school, pupilIds } = world.school;
    await db
      .updateTable('schools')
      .set({ policy_preset: 'wigston' })
      .where('id', '=', school.id)
      .execute();
    officer = await makeUserWithPassword(db, {
      role: 'attendance_officer',
      scope: { kind: 'school', schoolId: school.id },
      displayName: 'Priya Shah',
    });
    // Three days of class 3B's registers: Noah truants (O), nobody explains Oliver's absence
    // (N) and Isla is ill (I); each is a third consecutive day of unplanned absence on Wigston.
    const absent = new Map([
      [pupilIds[1]!, 'O'],
      [pupilIds[2]!, 'I'],
      [pupilIds[3]!, 'N'],
    ]);
    const enrolments = await db
      .selectFrom('enrolments')
      .select(['id', 'pupil_id'])
      .where('class_id', '=', world.school.schoolClass.id)
      .execute();
    for (const date of firstDays)
      for (const session of ['AM', 'PM'] as const) {
        const recorded = await recordSessionMarks(db, {
          schoolId: school.id,
          date,
          session,
          entries: enrolments.map((enrolment) => ({
            pupilId: enrolment.pupil_id,
            enrolmentId: enrolment.id,
            code: absent.get(enrolment.pupil_id) ?? '/',
          })),
          recordedBy: world.school.admin.id,
          source: 'import',
          reason: null,
          at: new Date(`${date}T15:00:00Z`),
        });
        if (!recorded.ok) throw new Error('could not record the test registers');
      }
    // Wednesday afternoon, once the day's registers are in.
    clock.advanceMinutes(7 * 60);
  });

  it('lets an attendance officer accept one and land on the case, dismiss one with a reason, and see a stale one refused', async () => {
    const { page } = await world.signedInPage(officer);
    await page.getByRole('link', { name: /^Policy alerts work list/ }).click();
    await new AlertsPage(page).heading.waitFor();
    const actions = new CaseActionsSection(page);
    await actions.card('Noah Bennett').waitFor();
    expect(await actions.readPupils()).toEqual(['Noah Bennett', 'Isla Campbell', 'Oliver Davies']);
    expect(await actions.readProposal('Noah Bennett')).toBe(`Open a case at stage 1: ${stageOne}`);
    const alerts = await actions.readAlerts('Noah Bennett');
    expect(alerts[0]).toContain(`${welfareCheck}: crossed Wed 4 Sept 2024 PM`);
    expect(alerts[0]).toContain('6 absences: Mon 2 Sept 2024 AM to Wed 4 Sept 2024 PM');
    expect(await actions.readEvidenceSessions('Noah Bennett')).toEqual([
      'Mon 2 Sept 2024 AM: O',
      'Mon 2 Sept 2024 PM: O',
      'Tue 3 Sept 2024 AM: O',
      'Tue 3 Sept 2024 PM: O',
      'Wed 4 Sept 2024 AM: O',
      'Wed 4 Sept 2024 PM: O',
    ]);
    await expectNoSeriousAccessibilityViolations(page);
    await saveScreenshot(page, 'case-actions');

    // Nothing happens without a click: Noah has no case until the officer accepts.
    await actions.accept('Noah Bennett', 'Phoned Mrs Bennett; Noah is safe at home');
    await actions.outcome.waitFor();
    expect(await actions.outcome.textContent()).toContain(
      'Case opened for Noah Bennett at stage 1.',
    );
    await expect.poll(() => actions.readPupils()).toEqual(['Isla Campbell', 'Oliver Davies']);
    await actions.outcome.getByRole('link', { name: 'Go to Noah Bennett’s case' }).click();
    const casework = new CaseworkPage(page);
    await casework.heading('Noah Bennett').waitFor();
    await expect.poll(() => casework.readFact('Current stage')).toBe(`1: ${stageOne}`);
    const [opened] = await casework.readTimeline();
    expect(opened?.[1]).toBe('Case opened');
    expect(opened?.[2]).toContain('accepted from welfare-check');
    await page.goBack();
    await actions.card('Oliver Davies').waitFor();
    expect(await actions.readPupils()).toEqual(['Isla Campbell', 'Oliver Davies']);

    // A reason is required to dismiss; given one, Oliver's action goes and stays gone.
    await actions.dismiss('Oliver Davies', '   ');
    await actions.problem('Oliver Davies').waitFor();
    expect(await actions.problem('Oliver Davies').textContent()).toContain('Say why');
    await actions.dismiss('Oliver Davies', 'Mum rang this afternoon: chickenpox, a note to follow');
    await expect.poll(() => actions.readPupils()).toEqual(['Isla Campbell']);
    expect(await actions.outcome.textContent()).toContain('Dismissed for Oliver Davies');

    // Someone else decides on Isla meanwhile: the officer's click is refused in plain English.
    const me = (await (await page.request.get('/api/auth/me')).json()) as { csrfToken: string };
    const elsewhere = await page.request.post(
      `/api/schools/${String(world.school.school.id)}/case-actions/dismissal`,
      {
        data: { pupilId: world.school.pupilIds[2], date: '2024-09-04', reason: 'known illness' },
        headers: { 'x-csrf-token': me.csrfToken },
      },
    );
    expect(elsewhere.status()).toBe(201);
    await actions.accept('Isla Campbell');
    await actions.changed.waitFor();
    expect(await actions.changed.textContent()).toContain('Nothing was decided');
    await actions.nothingWaiting.waitFor();
    await expectNoSeriousAccessibilityViolations(page);

    await page.reload();
    await actions.nothingWaiting.waitFor();
    expect(await actions.cards.count()).toBe(0);
  });
});
