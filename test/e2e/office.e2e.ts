import { beforeAll, describe, expect, it } from 'vitest';
import { recordSessionMarks } from '../../src/store/mark.repository.ts';
import { addContact } from '../../src/store/pupil.repository.ts';
import { expectNoSeriousAccessibilityViolations } from './accessibility.ts';
import { seedFamiliesAndFigures } from './e2e-families.ts';
import { useE2eWorld } from './e2e-fixture.ts';
import { AbsenceBoardPage } from './pages/absence-board.page.ts';
import { MarkPage } from './pages/mark.page.ts';
import { ReceptionPage } from './pages/reception.page.ts';
import { readStoredMarks } from './register-marks.ts';
import { saveScreenshot } from './screenshots.ts';

const today = '2024-09-04';

describe('the office pages', () => {
  const world = useE2eWorld();
  let families: Awaited<ReturnType<typeof seedFamiliesAndFigures>>;

  beforeAll(async () => {
    families = await seedFamiliesAndFigures(world.server.db, world.school);
    // 09:40 in London: the morning register closed at 09:15.
    world.server.clock.advanceMinutes(35);
  });

  it('logs a call from the absence board and replaces N with the reason given', async () => {
    const { page } = await world.signedInPage(world.school.office);
    await page.getByRole('link', { name: /^Today’s absence board/ }).waitFor();
    const board = await new AbsenceBoardPage(page).open(today);
    expect(await board.contactNames('Bennett, Noah')).toEqual(['Sarah Bennett', 'David Bennett']);
    expect(await board.phoneLink('Bennett, Noah', 'Sarah Bennett').getAttribute('href')).toBe(
      'tel:07700900123',
    );
    await expectNoSeriousAccessibilityViolations(page);

    await board.logCall('Davies, Oliver', { outcome: 'No answer', note: 'Rang at 09:35' });
    await expect.poll(() => board.calls('Davies, Oliver').count()).toBe(1);
    await board.logCall('Bennett, Noah', {
      contact: 'Sarah Bennett (Mother)',
      outcome: 'Reason given',
      reasonCode: 'I',
      note: 'Sickness bug since last night',
    });
    await board.recordedReason('Bennett, Noah').waitFor();
    expect(await board.recordedReason('Bennett, Noah').textContent()).toContain(
      'morning now I (illness)',
    );
    expect(
      await readStoredMarks(world.server.db, {
        pupilIds: [families.noah.id],
        date: today,
        session: 'AM',
      }),
    ).toEqual([{ pupilId: families.noah.id, code: 'I', version: 2 }]);
    await expectNoSeriousAccessibilityViolations(page);
    await saveScreenshot(page, 'absence-board');

    // The mark's history names the call as the reason for the change.
    await board
      .card('Bennett, Noah')
      .getByRole('link', { name: /^History of the/ })
      .click();
    const mark = new MarkPage(page);
    await mark.historyRows.nth(1).waitFor();
    const history = await mark.readHistory();
    expect(history[0]?.slice(0, 2)).toEqual(['Original', 'N']);
    expect(history[1]?.[1]).toBe('N → I');
    expect(history[1]?.[4]).toBe(
      'Reason given by phone by Sarah Bennett (Mother): Sickness bug since last night',
    );
  });

  it('signs a late arrival in at reception and shows the U the server decided', async () => {
    const { page } = await world.signedInPage(world.school.office);
    const reception = await new ReceptionPage(page).open(today);
    await reception.choosePupil('3B', 'Hussain, Mohammed');
    await reception.signIn('Mohammed Hussain', 'Car broke down');
    await reception.result.waitFor();
    const shown = await reception.result.textContent();
    expect(shown).toContain('Mohammed Hussain signed in at 09:40');
    expect(shown).toContain('U: arrived after the register closed');
    expect(
      await readStoredMarks(world.server.db, {
        pupilIds: [families.mohammed.id],
        date: today,
        session: 'AM',
      }),
    ).toMatchObject([{ code: 'U' }]);
    await expectNoSeriousAccessibilityViolations(page);
    await saveScreenshot(page, 'reception');
  });

  it('signs a pupil out early with the afternoon code', async () => {
    const { page } = await world.signedInPage(world.school.office);
    const reception = await new ReceptionPage(page).open(today);
    await reception.choosePupil('3B', 'Kowalski, Ava');
    await reception.signOut('Ava Kowalski', 'Orthodontist', 'M');
    await reception.result.waitFor();
    expect(await reception.result.textContent()).toContain(
      'The afternoon mark is M (medical or dental appointment).',
    );
  });

  it('amends a mark with a reason and shows the original and the amendment', async () => {
    const { page } = await world.signedInPage(world.school.office);
    const mark = await new MarkPage(page).openFromClass(
      { classId: world.school.schoolClass.id, date: today, session: 'AM' },
      'Davies, Oliver',
    );
    expect(await mark.heading.textContent()).toBe('Mark for Davies, Oliver');
    await mark.amend('M', 'Dentist appointment letter handed in at the office');
    await mark.confirmation.waitFor();
    await expect.poll(() => mark.historyRows.count()).toBe(2);
    const [original, amendment] = await mark.readHistory();
    expect(original?.slice(0, 3)).toEqual(['Original', 'N', 'Amara Okafor (Teacher)']);
    expect(amendment?.[0]).toBe('Amendment');
    expect(amendment?.[1]).toBe('N → M');
    expect(amendment?.[2]).toMatch(/\(Office staff\)$/);
    expect(amendment?.[4]).toBe('Dentist appointment letter handed in at the office');
    await expectNoSeriousAccessibilityViolations(page);
    await saveScreenshot(page, 'mark-history');
  });

  it('tells office staff a present mark is the attendance officer’s to change', async () => {
    const { page } = await world.signedInPage(world.school.office);
    const mark = await new MarkPage(page).openFromClass(
      { classId: world.school.schoolClass.id, date: today, session: 'AM' },
      'Campbell, Isla',
    );
    await page.getByText(/ask the attendance officer/).waitFor();
    expect(await page.getByLabel('New code').count()).toBe(0);
    expect(await mark.currentCode.textContent()).toBe('/ (present (morning))');
    await expectNoSeriousAccessibilityViolations(page);
  });

  // Last: it moves the clock on to the afternoon.
  it('says the call was logged when the marks could not be changed, and changes them on a retry', async () => {
    const { db, clock } = world.server;
    const leo = world.school.pupilIds[7]!;
    const enrolment = await db
      .selectFrom('enrolments')
      .select('id')
      .where('pupil_id', '=', leo)
      .executeTakeFirstOrThrow();
    const recorded = await recordSessionMarks(db, {
      schoolId: world.school.school.id,
      date: today,
      session: 'PM',
      entries: [{ pupilId: leo, enrolmentId: enrolment.id, code: 'N' }],
      recordedBy: world.school.teacher.id,
      source: 'register',
      reason: null,
      at: clock.now(),
    });
    expect(recorded.ok).toBe(true);
    await addContact(db, {
      pupilId: leo,
      userId: null,
      name: 'Niamh Murphy',
      relationship: 'Mother',
      parentalResponsibility: true,
      emergencyContact: true,
      phone: '07700 900321',
      email: null,
      priority: 1,
    });
    // 13:40 in London: the afternoon register closed at 13:15.
    clock.advanceMinutes(4 * 60);
    const countCalls = async () =>
      (await db.selectFrom('contact_attempts').select('id').where('pupil_id', '=', leo).execute())
        .length;

    const { page } = await world.signedInPage(world.school.office);
    const board = await new AbsenceBoardPage(page).open(today);
    // The connection drops after the call is logged, on the way to the marks.
    await page.route('**/api/pupils/*/marks', (route) => route.abort('internetdisconnected'));
    await board.logCall('Murphy, Leo', {
      outcome: 'Reason given',
      reasonCode: 'M',
      note: 'Dentist',
    });
    const alert = board.card('Murphy, Leo').getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain(
      "The call was logged, but Leo Murphy's marks were not changed",
    );
    expect(await countCalls()).toBe(1);
    const stored = () => readStoredMarks(db, { pupilIds: [leo], date: today, session: 'PM' });
    expect(await stored()).toEqual([{ pupilId: leo, code: 'N', version: 1 }]);
    await expectNoSeriousAccessibilityViolations(page);

    await page.unroute('**/api/pupils/*/marks');
    await board.card('Murphy, Leo').getByRole('button', { name: 'Replace the marks' }).click();
    await board.recordedReason('Murphy, Leo').waitFor();
    expect(await stored()).toEqual([{ pupilId: leo, code: 'M', version: 2 }]);
    expect(await countCalls()).toBe(1);
    expect(await board.calls('Murphy, Leo').count()).toBe(1);
  });
});
