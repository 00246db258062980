import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousAccessibilityViolations } from './accessibility.ts';
import { seedAutumnWeeks, seedFamiliesAndFigures } from './e2e-families.ts';
import { useE2eWorld } from './e2e-fixture.ts';
import { FamilyPages } from './pages/family.page.ts';
import { GovernorFiguresPage } from './pages/governor-figures.page.ts';
import { NotAllowedPage } from './pages/not-allowed.page.ts';
import { saveScreenshot } from './screenshots.ts';

const phone = { viewport: { width: 390, height: 844 } };

describe('the parent and governor pages', () => {
  const world = useE2eWorld();
  let families: Awaited<ReturnType<typeof seedFamiliesAndFigures>>;

  beforeAll(async () => {
    families = await seedFamiliesAndFigures(world.server.db, world.school);
  });

  it('lets a parent report an absence on a phone and see the confirmation', async () => {
    const { page } = await world.signedInPage(families.parent, phone);
    const family = new FamilyPages(page);
    await family.childCard('Amelia Ahmed').waitFor();
    await expectNoSeriousAccessibilityViolations(page);
    await saveScreenshot(page, 'home-parent');

    await family
      .childCard('Amelia Ahmed')
      .getByRole('link', { name: 'Report Amelia absent' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Report Amelia absent' }).waitFor();
    await expectNoSeriousAccessibilityViolations(page);
    await family.reportAbsence({
      reason: 'Illness',
      from: '2024-09-05',
      to: '2024-09-06',
      expectedReturn: '2024-09-09',
    });
    await family.confirmation.waitFor();
    const confirmation = await family.confirmation.textContent();
    expect(confirmation).toContain('Thank you. Hillside Primary School has been told.');
    expect(confirmation).toContain(
      'Amelia will be absent because of illness from Thursday 5 September 2024 (morning) to Friday 6 September 2024 (afternoon).',
    );
    expect(confirmation).toContain('Expected back on Monday 9 September 2024.');
    await expectNoSeriousAccessibilityViolations(page);
    await saveScreenshot(page, 'parent-report-absence');
  });

  it("shows a parent their child's attendance explained against the school's target", async () => {
    const { page } = await world.signedInPage(families.parent, phone);
    const family = new FamilyPages(page);
    await family
      .childCard('Amelia Ahmed')
      .getByRole('link', { name: 'Amelia’s attendance' })
      .click();
    await family.attendanceFigure.waitFor();
    expect(await family.attendanceFigure.textContent()).toBe('80%');
    const summary = await family.rateSummary.textContent();
    expect(summary).toContain('Amelia has attended 4 of 5 sessions and missed 1');
    expect(summary).toContain('That is below the school’s target of 95%.');
    expect(summary).toContain('persistent absence');
    await page
      .getByText(/is “persistently absent”: that is about one day every two weeks/)
      .waitFor();
    await expectNoSeriousAccessibilityViolations(page);
    await saveScreenshot(page, 'parent-attendance');
  });

  it("keeps a parent out of another child's pages typed into the address bar", async () => {
    const { page } = await world.signedInPage(families.parent, phone);
    const notAllowed = new NotAllowedPage(page);
    for (const address of [
      `/children/${String(families.otherChildId)}`,
      `/children/${String(families.otherChildId)}/report-absence`,
    ]) {
      await page.goto(address);
      await notAllowed.heading.waitFor();
      expect(await page.getByText('Bennett').count()).toBe(0);
    }
    expect(await page.getByText('ask your school’s Rollcall administrator').count()).toBe(1);
    await expectNoSeriousAccessibilityViolations(page);
  });

  it('shows a governor the figures and trend against target, naming no pupil', async () => {
    await seedAutumnWeeks(world.server.db, world.school);
    const { page } = await world.signedInPage(families.governor);
    await page.getByRole('link', { name: /^Attendance figures/ }).waitFor();
    const figures = await new GovernorFiguresPage(page).open('2024-10-18');
    expect(await figures.figure('Target').textContent()).toBe('95%');
    expect(await figures.figure('Pupils').textContent()).toBe('9'); // 3B and 4C
    await figures.showTable();
    expect(await figures.weekRows.count()).toBe(7);
    const everything = await page.content();
    for (const name of families.pupilNames) expect(everything).not.toContain(name);
    await expectNoSeriousAccessibilityViolations(page);
    await saveScreenshot(page, 'governor-figures');
  });
});
