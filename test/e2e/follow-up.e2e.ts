import type { Kysely } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { recordSessionMarks } from '../../src/store/mark.repository.ts';
import type { Database } from '../../src/store/schema.ts';
import { makeUserWithPassword } from '../http/test-app.ts';
import { expectNoSeriousAccessibilityViolations } from './accessibility.ts';
import { seedFamiliesAndFigures } from './e2e-families.ts';
import { useE2eWorld, type E2eWorld } from './e2e-fixture.ts';
import { FamilyPages } from './pages/family.page.ts';
import { FollowUpTasksPage } from './pages/follow-up-tasks.page.ts';
import { LeaveRequestsPage } from './pages/leave-requests.page.ts';
import { readStoredMarks } from './register-marks.ts';
import { saveScreenshot } from './screenshots.ts';

const callEveryone = /Call the first contact/;
const followUpCall = /Follow-up call/;

/** Moves the server's clock on to 09:05 in London on a later day of September 2024. */
function moveClockTo(world: E2eWorld, date: string): void {
  const target = new Date(`${date}T08:05:00Z`).getTime();
  world.server.clock.advanceMinutes((target - world.server.clock.now().getTime()) / 60_000);
}

/** A morning register for 3B: present except the pupils named absent without a reason. */
async function markMorning(
  db: Kysely<Database>,
  world: E2eWorld,
  date: string,
  absent: readonly number[],
): Promise<void> {
  const enrolments = await db
    .selectFrom('enrolments')
    .select(['id', 'pupil_id'])
    .where('class_id', '=', world.school.schoolClass.id)
    .execute();
  const recorded = await recordSessionMarks(db, {
    schoolId: world.school.school.id,
    date,
    session: 'AM',
    entries: enrolments.map((row) => ({
      pupilId: row.pupil_id,
      enrolmentId: row.id,
      code: absent.includes(row.pupil_id) ? 'N' : '/',
    })),
    recordedBy: world.school.teacher.id,
    source: 'register',
    reason: null,
    at: new Date(`${date}T08:50:00Z`),
  });
  if (!recorded.ok) throw new Error(`the morning of ${date} was not marked`);
}

// One school's September, in order: the tests move the server's clock forwards through it.
describe('first-day response and leave of absence', () => {
  const world = useE2eWorld();
  let families: Awaited<ReturnType<typeof seedFamiliesAndFigures>>;
  let oliverId: number;
  let head: { email: string };

  beforeAll(async () => {
    const { db } = world.server;
    families = await seedFamiliesAndFigures(db, world.school);
    oliverId = world.school.pupilIds[3]!;
    await db
      .updateTable('contacts')
      .set({ email: 'sarah.bennett@example.org' })
      .where('name', '=', 'Sarah Bennett')
      .execute();
    head = await makeUserWithPassword(db, {
      role: 'headteacher',
      scope: { kind: 'school', schoolId: world.school.school.id },
      displayName: 'Helen Shaw',
    });
  });

  it('takes an unexplained absence from a day-one call to a reason that changes the marks', async () => {
    const { page } = await world.signedInPage(world.school.office);
    await page.getByRole('link', { name: /^First-day response/ }).click();
    await page.getByRole('heading', { level: 1, name: 'First-day response' }).waitFor();
    const list = await new FollowUpTasksPage(page).open('2024-09-04');
    const noahCall = list.task(families.noah.name, callEveryone);
    expect(await list.group('Due today').count()).toBe(3);
    expect(await list.contactNames(noahCall)).toEqual(['Sarah Bennett', 'David Bennett']);
    expect(
      await noahCall.getByRole('link', { name: /^Call Sarah Bennett on/ }).getAttribute('href'),
    ).toBe('tel:07700900123');
    expect(
      await noahCall.getByRole('link', { name: /^Email Sarah Bennett at/ }).getAttribute('href'),
    ).toMatch(/^mailto:sarah\.bennett@example\.org\?subject=Noah%20Bennett/);
    await expectNoSeriousAccessibilityViolations(page);

    await list.recordContact(noahCall, {
      who: 'Sarah Bennett (Mother)',
      outcome: 'No answer',
      note: 'Rang twice',
    });
    await list.done.waitFor();
    expect(await list.done.textContent()).toBe(
      'Noah Bennett: Sarah Bennett, no answer. 1 calling step done.',
    );
    await expect.poll(() => noahCall.count()).toBe(0);
    expect(
      await readStoredMarks(world.server.db, {
        pupilIds: [families.noah.id],
        date: '2024-09-04',
        session: 'AM',
      }),
    ).toMatchObject([{ code: 'N' }]);

    // Thursday: Noah and Oliver are away again; nobody called Oliver's family yesterday.
    moveClockTo(world, '2024-09-05');
    await markMorning(world.server.db, world, '2024-09-05', [families.noah.id, oliverId]);
    await list.open('2024-09-05');
    const overdue = list.task('Davies, Oliver', callEveryone);
    expect(await list.group('Overdue').count()).toBe(1);
    expect(await overdue.locator('.overdue-note').textContent()).toBe(
      'Overdue: escalated to the attendance lead.',
    );
    expect(await list.group('Due today').count()).toBe(2);
    await list.task(families.noah.name, followUpCall).waitFor();
    await expectNoSeriousAccessibilityViolations(page);
    await saveScreenshot(page, 'follow-up-tasks');

    await list.recordContact(list.task(families.noah.name, followUpCall), {
      who: 'David Bennett (Father)',
      outcome: 'Spoke to them: reason given',
      reason: 'Illness',
      note: 'Chickenpox since Tuesday night',
    });
    await expect
      .poll(() => list.done.textContent())
      .toBe(
        'Noah Bennett: David Bennett, spoke to them: reason given. 1 calling step done. 2 unexplained marks now recorded as illness.',
      );
    for (const date of ['2024-09-04', '2024-09-05'])
      expect(
        await readStoredMarks(world.server.db, {
          pupilIds: [families.noah.id],
          date,
          session: 'AM',
        }),
      ).toMatchObject([{ code: 'I' }]);

    await list.completeStep(overdue, 'Called Grace Davies at 09:20: no answer, voicemail full');
    await expect.poll(() => overdue.count()).toBe(0);
    expect(await list.done.textContent()).toMatch(/^Oliver Davies: step done/);
  });

  it('lets a parent ask for leave, the head grant part of it, and the register take the code', async () => {
    const parent = await world.signedInPage(families.parent);
    const family = new FamilyPages(parent.page);
    await family
      .childCard('Amelia Ahmed')
      .getByRole('link', { name: 'Amelia’s attendance' })
      .click();
    await parent.page.getByText('You have not asked for leave for Amelia this year.').waitFor();
    await parent.page.getByRole('link', { name: 'Ask for leave of absence' }).click();
    await parent.page
      .getByRole('heading', { level: 1, name: 'Ask for leave for Amelia' })
      .waitFor();
    await expectNoSeriousAccessibilityViolations(parent.page);
    const asking = new LeaveRequestsPage(parent.page);
    await asking.apply(
      {
        purpose: 'Exceptional circumstances',
        from: '2024-09-09',
        to: '2024-09-11',
        reason: 'Her grandfather’s funeral in Cork on Monday; we travel back on Wednesday.',
        evidence: 'Order of service',
      },
      'Send the request',
    );
    await asking.confirmation.waitFor();
    expect(await asking.confirmation.textContent()).toContain(
      'Leave for exceptional circumstances for Amelia: Monday 9 September 2024 to Wednesday 11 September 2024.',
    );

    const { page } = await world.signedInPage(head);
    await page.getByRole('link', { name: 'Leave requests to decide' }).click();
    const decisions = await new LeaveRequestsPage(page).openDecisions();
    const request = decisions.request('Ahmed, Amelia');
    expect(await decisions.facts(request)).toMatchObject({
      Requested: '6 sessions (3 school days)',
      'Leave this year so far': 'None',
      Evidence: 'Order of service',
    });
    await expectNoSeriousAccessibilityViolations(page);
    await decisions.grantPart(
      request,
      ['Monday 9 September 2024, morning', 'Monday 9 September 2024, afternoon'],
      'The day of the funeral is granted. Travel days are not exceptional circumstances.',
    );
    const codes = await decisions.decidedCodes(request);
    expect(codes.map((row) => row[2])).toEqual([
      'C (leave for exceptional circumstances)',
      'C (leave for exceptional circumstances)',
      'O (unauthorised, other reason)',
      'O (unauthorised, other reason)',
      'O (unauthorised, other reason)',
      'O (unauthorised, other reason)',
    ]);
    expect(codes[0]?.[1]).toBe('Granted');
    await expectNoSeriousAccessibilityViolations(page);
    await saveScreenshot(page, 'leave-decision');

    await parent.page.getByRole('link', { name: 'Back to Amelia’s page' }).click();
    const leave = parent.page.locator('.leave-card');
    await leave.waitFor();
    const shown = await leave.textContent();
    expect(shown).toContain('Partly granted');
    expect(shown).toContain(
      'The school’s reason: The day of the funeral is granted. Travel days are not exceptional circumstances.',
    );
    expect(shown).toContain('Granted: Monday 9 September 2024.');

    // On the Monday the first-day response brings the decision into the register before it
    // looks for absences, so Amelia is not chased.
    moveClockTo(world, '2024-09-09');
    const office = await world.signedInPage(world.school.office);
    await new FollowUpTasksPage(office.page).open('2024-09-09');
    for (const session of ['AM', 'PM'] as const)
      expect(
        await readStoredMarks(world.server.db, {
          pupilIds: [families.amelia.id],
          date: '2024-09-09',
          session,
        }),
      ).toMatchObject([{ code: 'C' }]);
  });

  it('lets the office enter a request a parent made in person', async () => {
    const { page } = await world.signedInPage(world.school.office);
    await page.goto('/leave-requests/new?date=2024-09-09');
    await page.getByRole('heading', { level: 1, name: 'Enter a leave request' }).waitFor();
    await page.getByLabel('Class').selectOption({ label: '3B' });
    await page.getByLabel('Pupil', { exact: true }).selectOption({ label: 'Hussain, Mohammed' });
    const entering = new LeaveRequestsPage(page);
    await entering.apply(
      {
        purpose: 'Extended leave (a long visit)',
        from: '2024-09-16',
        to: '2024-09-20',
        agreedReturn: '2024-09-23',
        reason: 'Visiting family in Lahore; father came to the office with the tickets.',
      },
      'Enter the request',
    );
    await entering.confirmation.waitFor();
    expect(await entering.confirmation.textContent()).toContain(
      'Back at school on Monday 23 September 2024.',
    );
    await expectNoSeriousAccessibilityViolations(page);

    const decider = await world.signedInPage(head);
    const decisions = await new LeaveRequestsPage(decider.page).openDecisions();
    expect(await decisions.facts(decisions.request('Hussain, Mohammed'))).toMatchObject({
      Requested: '10 sessions (5 school days)',
      Asked: 'Entered by the office on Monday 9 September 2024',
    });
  });
});
