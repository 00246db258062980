import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoSeriousAccessibilityViolations } from './accessibility.ts';
import { demoUsers, useDemoWorld } from './demo-world.ts';
import { AlertsPage } from './pages/alerts.page.ts';
import { DashboardPage } from './pages/dashboard.page.ts';
import { PupilProfilePage } from './pages/pupil-profile.page.ts';
import { SchoolGroupPage } from './pages/school-group.page.ts';
import { saveScreenshot } from './screenshots.ts';

const nationalThreshold = /^National threshold for considering a penalty notice/;
const trendTitle = 'Attendance by week against the target';

interface LoadTiming {
  /** From navigation start, in milliseconds, by the browser's own clock. */
  readonly domContentLoaded: number;
  readonly dashboardDataArrived: number;
  readonly chartsDrawn: number;
}

/**
 * Opens the dashboard as a fresh navigation and reads the browser's timings: the document,
 * the dashboard's data, and the moment the trend chart is on screen.
 */
async function measureDashboardLoad(page: Page, path: string): Promise<LoadTiming> {
  await page.goto(path);
  const drawn = await page.waitForFunction(
    () => (document.querySelector('.chart-svg') === null ? false : performance.now()),
    undefined,
    { polling: 'raf' },
  );
  const chartsDrawn = (await drawn.jsonValue()) as number;
  const entries = await page.evaluate(() => {
    // Typed by shape: the test's TypeScript has no DOM library, the page's browser has.
    const [navigation] = performance.getEntriesByType('navigation') as unknown as {
      domContentLoadedEventEnd: number;
    }[];
    const resources = performance.getEntriesByType('resource') as unknown as {
      name: string;
      responseEnd: number;
    }[];
    const data = resources.find((entry) => entry.name.includes('/dashboard'));
    return {
      domContentLoaded: navigation?.domContentLoadedEventEnd ?? Number.NaN,
      dashboardDataArrived: data?.responseEnd ?? Number.NaN,
    };
  });
  return { ...entries, chartsDrawn };
}

describe('the attendance leaders’ pages on the demo trust', () => {
  const world = useDemoWorld();

  it('takes an attendance lead from the alerts to a pupil’s year and on to the dashboards', async () => {
    const { page } = await world.signedInPage(demoUsers.attendanceLead);

    await page.getByRole('link', { name: 'Policy alerts work list' }).click();
    const alerts = new AlertsPage(page);
    await alerts.heading.waitFor();
    // Kingsmead's Wigston policy keeps a local holiday-fine trigger: the page names the
    // national threshold as the legal basis for a penalty notice.
    await expect
      .poll(() => alerts.penaltyNoticeBasis.textContent())
      .toMatch(/legal basis for a penalty notice is the national threshold/);
    expect(await alerts.penaltyNoticeBasis.textContent()).toContain(
      '10 unauthorised sessions in 10 school weeks',
    );
    expect(await alerts.penaltyNoticeBasis.textContent()).toContain('holiday-report');
    const national = alerts.rule(nationalThreshold);
    expect(await national.textContent()).toContain('Legal basis for a penalty notice');
    expect(await alerts.rule(/unauthorised holiday/).textContent()).toContain(
      'not the legal basis',
    );
    await expectNoSeriousAccessibilityViolations(page);
    await saveScreenshot(page, 'alerts-work-list');

    // The last 4 weeks by default; the whole year on request.
    const recent = await alerts.countAlerts(nationalThreshold);
    await alerts.showCrossed('year');
    expect(await alerts.countAlerts(nationalThreshold)).toBeGreaterThan(recent);
    // Latest first, with the evidence sessions.
    const dates = await national.locator('tbody tr td:first-child').allTextContents();
    const isoDates = dates.map((text) => new Date(text.replace(/ (AM|PM).*$/, '')).getTime());
    expect(isoDates).toEqual([...isoDates].sort((a, b) => b - a));
    expect(await national.locator('tbody tr').first().textContent()).toMatch(
      /10 sessions, from .* to /,
    );

    const firstPupil = alerts.pupilLinks(nationalThreshold).first();
    const pupilName = (await firstPupil.textContent()) ?? '';
    await firstPupil.click();
    const profile = new PupilProfilePage(page);
    await profile.heading(pupilName).waitFor();
    await profile.heatMap.waitFor();
    expect(await profile.alerts.textContent()).toContain(
      'National threshold for considering a penalty notice',
    );
    expect(await page.getByRole('term').allTextContents()).toEqual([
      'This academic year',
      'This term',
      'Last 4 school weeks',
    ]);
    // One cell per session of the year so far: about 115 school days since September.
    expect(await profile.sessions(/ (AM|PM): /).count()).toBeGreaterThan(200);
    const absence = profile.sessions(/Unauthorised absence$/).first();
    await absence.click();
    expect(await absence.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => profile.markHistory.textContent()).toMatch(/Recorded \S+ by /);
    await expectNoSeriousAccessibilityViolations(page);
    await saveScreenshot(page, 'pupil-profile');

    await page.getByRole('link', { name: 'Home', exact: true }).first().click();
    await page.getByRole('link', { name: 'School dashboard' }).click();
    const dashboard = new DashboardPage(page);
    await dashboard.heading('Kingsmead Academy dashboard').waitFor();
    for (const title of [
      trendTitle,
      'Absence by reason (sessions)',
      'Absence by day of the week',
      'Attendance by cohort group',
    ])
      expect(await dashboard.chartImage(title).getAttribute('aria-labelledby')).toBeTruthy();
    const trend = await dashboard.openChartTable(trendTitle);
    expect(await trend.locator('tbody tr').count()).toBeGreaterThan(20);
    const persistent = dashboard.absentees('persistent');
    expect(await persistent.locator('tbody tr').count()).toBeGreaterThan(10);
    // The possible sessions stand beside each rate, so a rate on a short roll is read rightly.
    expect(await persistent.locator('thead').textContent()).toContain('Possible sessions');
    expect(await dashboard.absentees('severe').locator('tbody tr').count()).toBeGreaterThan(0);
    await expectNoSeriousAccessibilityViolations(page);
    await saveScreenshot(page, 'dashboard-school');

    await dashboard.groupNavigation.getByRole('link', { name: 'Year 9' }).click();
    await dashboard.heading('Year 9 dashboard').waitFor();
    await expectNoSeriousAccessibilityViolations(page);
    await saveScreenshot(page, 'dashboard-year-group');

    await dashboard.groupNavigation.getByRole('link', { name: '9K' }).click();
    await dashboard.heading('9K dashboard').waitFor();
    await dashboard.chart(trendTitle).waitFor();
    await expectNoSeriousAccessibilityViolations(page);
  });

  it('draws a headteacher’s school dashboard within a second of navigation', async () => {
    const { page } = await world.signedInPage(demoUsers.head);
    const timings: Record<string, LoadTiming> = {};
    // Meadowbank (210 pupils) for the head, then Kingsmead (600) for its attendance lead.
    timings['Meadowbank Primary School'] = await measureDashboardLoad(page, '/dashboard');
    await new DashboardPage(page).heading('Meadowbank Primary School dashboard').waitFor();
    await expectNoSeriousAccessibilityViolations(page);
    await saveScreenshot(page, 'dashboard-head');

    const lead = await world.signedInPage(demoUsers.attendanceLead);
    timings['Kingsmead Academy'] = await measureDashboardLoad(lead.page, '/dashboard');
    console.info(`dashboard first load (ms from navigation start): ${JSON.stringify(timings)}`);
    for (const timing of Object.values(timings)) expect(timing.chartsDrawn).toBeLessThan(1000);
  });

  it('shows a governor the school’s figures without naming a pupil', async () => {
    const { page } = await world.signedInPage(demoUsers.governor);
    await page.getByRole('link', { name: 'School dashboard' }).click();
    const dashboard = new DashboardPage(page);
    await dashboard.heading('Meadowbank Primary School dashboard').waitFor();
    await dashboard.chart(trendTitle).waitFor();
    expect(await dashboard.absentees('persistent').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Policy alerts work list' }).count()).toBe(0);
    await expectNoSeriousAccessibilityViolations(page);
  });

  it('gives the trust’s admin and the authority’s officer a table per school', async () => {
    const admin = await world.signedInPage(demoUsers.admin);
    await admin.page.getByRole('link', { name: 'Schools in the trust' }).click();
    const trust = new SchoolGroupPage(admin.page);
    await trust.heading('Riverside Learning Trust (demo)').waitFor();
    const rows = await trust.schools.locator('tbody th').allTextContents();
    expect(rows.slice(0, 2).sort()).toEqual(['Kingsmead Academy', 'Meadowbank Primary School']);
    expect(rows[2]).toBe('All schools');
    await expectNoSeriousAccessibilityViolations(admin.page);
    await saveScreenshot(admin.page, 'trust-schools');

    const officer = await world.signedInPage(demoUsers.laOfficer);
    await officer.page.getByRole('link', { name: 'Schools in the authority' }).click();
    const authority = new SchoolGroupPage(officer.page);
    await authority.heading('Leicestershire').waitFor();
    expect(await authority.schools.locator('tbody tr').count()).toBe(3);
    await expectNoSeriousAccessibilityViolations(officer.page);

    await authority.schools.getByRole('link', { name: 'Kingsmead Academy' }).click();
    await new DashboardPage(officer.page).heading('Kingsmead Academy dashboard').waitFor();
    await expectNoSeriousAccessibilityViolations(officer.page);
  });
});
