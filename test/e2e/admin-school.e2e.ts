import { describe, expect, it } from 'vitest';
import { expectNoSeriousAccessibilityViolations } from './accessibility.ts';
import { useE2eWorld } from './e2e-fixture.ts';
import {
  CalendarAdminPage,
  PolicyAdminPage,
  SchoolSettingsAdminPage,
} from './pages/admin-school.page.ts';
import { saveScreenshot } from './screenshots.ts';

describe('setting a school up', () => {
  const world = useE2eWorld();

  const readSchool = () =>
    world.server.db
      .selectFrom('schools')
      .select(['am_register_opens', 'am_register_closes', 'policy_preset', 'policy_settings'])
      .where('id', '=', world.school.school.id)
      .executeTakeFirstOrThrow();

  it('changes the register times from the home page’s Administration links', async () => {
    const { page } = await world.signedInPage(world.school.admin);
    const administration = page.getByRole('region', { name: 'Administration' });
    await administration.getByRole('link', { name: 'School details and register times' }).click();
    const settings = new SchoolSettingsAdminPage(page);
    await page.getByLabel('Morning register opens').waitFor();
    await expectNoSeriousAccessibilityViolations(page);

    await settings.setRegisterTimes({
      amOpens: '08:50',
      amCloses: '09:30',
      pmOpens: '13:00',
      pmCloses: '13:15',
    });
    await settings.problem.waitFor();
    expect(await settings.problem.textContent()).toContain(
      'the morning register may stay open for at most 30 minutes',
    );
    expect(await readSchool()).toMatchObject({ am_register_closes: '09:15' });

    await settings.setRegisterTimes({
      amOpens: '08:40',
      amCloses: '09:00',
      pmOpens: '13:00',
      pmCloses: '13:15',
    });
    await settings.saved.waitFor();
    expect(await readSchool()).toMatchObject({
      am_register_opens: '08:40',
      am_register_closes: '09:00',
    });
    await expectNoSeriousAccessibilityViolations(page);
  });

  it('adds a closure to the calendar, and refuses one outside the terms', async () => {
    const { page } = await world.signedInPage(world.school.admin);
    const calendar = await new CalendarAdminPage(page).open();
    await expectNoSeriousAccessibilityViolations(page);

    await calendar.addClosure({ from: '2024-12-23', reason: 'Christmas' });
    await calendar.problem.waitFor();
    expect(await calendar.problem.textContent()).toContain('a closure must fall inside a term');

    await calendar.addClosure({ from: '2024-10-21', until: '2024-10-25', reason: 'Half term' });
    await calendar.message('Closure added: Half term.').waitFor();
    // The list reloads after the message shows.
    await expect
      .poll(() => calendar.readClosures())
      .toEqual([['Mon 21 Oct 2024 to Fri 25 Oct 2024', 'Half term']]);
    await expectNoSeriousAccessibilityViolations(page);
    await saveScreenshot(page, 'admin-calendar');
  });

  it('chooses a preset and changes a setting, showing the rules that result', async () => {
    const { page } = await world.signedInPage(world.school.admin);
    const policy = await new PolicyAdminPage(page).open();
    await expectNoSeriousAccessibilityViolations(page);

    await policy.choosePolicy('Wigston Academies Trust attendance policy');
    await policy.setSetting('Target', '1.5');
    await policy.save();
    await policy.problem.waitFor();
    expect(await policy.problem.textContent()).toContain('must be a rate between 0 and 1');
    expect(await readSchool()).toMatchObject({ policy_preset: 'england-2024' });

    await policy.setSetting('Target', '0.97');
    await policy.save();
    await policy.saved.waitFor();
    expect(await readSchool()).toMatchObject({
      policy_preset: 'wigston',
      policy_settings: { target: 0.97 },
    });
    expect(await policy.rulesSection.textContent()).toContain('Attendance target 97%');
    expect(await policy.ruleTitles()).toContain(
      'National threshold for considering a penalty notice (10 unauthorised sessions in 10 school weeks)',
    );
    await expectNoSeriousAccessibilityViolations(page);
  });
});
