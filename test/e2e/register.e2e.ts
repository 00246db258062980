import { describe, expect, it } from 'vitest';
import { takeRegister } from '../../src/services/register.service.ts';
import { expectNoSeriousAccessibilityViolations } from './accessibility.ts';
import { useE2eWorld } from './e2e-fixture.ts';
import { testPassword } from './e2e-school.ts';
import { HomePage } from './pages/home.page.ts';
import { NotAllowedPage } from './pages/not-allowed.page.ts';
import { RegisterPage } from './pages/register.page.ts';
import { SignInPage } from './pages/sign-in.page.ts';
import { readStoredMarks } from './register-marks.ts';
import { saveScreenshot } from './screenshots.ts';

describe('the teacher register page', () => {
  const world = useE2eWorld();

  it('lets a teacher take the morning register with the keyboard alone', async () => {
    const { page } = await world.newPage();
    const signIn = await new SignInPage(page).open();
    await signIn.signInWithKeyboard(world.school.teacher.email, testPassword);
    const home = new HomePage(page);
    await home.registerLink('3B', 'AM').waitFor();
    await expectNoSeriousAccessibilityViolations(page);
    await saveScreenshot(page, 'home-teacher');

    // From the focused heading: Tab reaches the first register link, Enter opens it.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const register = new RegisterPage(page);
    await register.row('Ahmed, Amelia').waitFor();
    expect(await register.chosenCode('Evans, Freya')).toBe('I');
    await expectNoSeriousAccessibilityViolations(page);
    await saveScreenshot(page, 'register-teacher');

    // Heading, then "All present", then the list: one Tab stop for all pupils.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    for (const key of ['p', '/', 'l', 'n', 'r', 'p', 'p', 'p']) await page.keyboard.press(key);
    expect(await register.chosenCode('Murphy, Leo')).toBe('/');
    await page.keyboard.press('k');
    await page.keyboard.press('k');
    // Marking moves on, so a mark after a correction lands on the next pupil.
    await page.keyboard.press('a');
    expect(await register.chosenCode('Hussain, Mohammed')).toBe('N');
    await page.keyboard.press('l');
    expect(await register.chosenCode('Kowalski, Ava')).toBe('L');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await register.sent.waitFor();

    const { pupilIds } = world.school;
    const marks = await readStoredMarks(world.server.db, {
      pupilIds,
      date: '2024-09-04',
      session: 'AM',
    });
    expect(marks.map((mark) => mark.code)).toEqual(['/', '/', 'L', 'N', 'I', 'N', 'L', '/']);
    await saveScreenshot(page, 'register-sent');
  });

  it('fits a phone, with large buttons to tap', async () => {
    const { page } = await world.signedInPage(world.school.teacher, {
      viewport: { width: 390, height: 844 },
    });
    const register = await new RegisterPage(page).open(
      world.school.schoolClass.id,
      '2024-09-04',
      'PM',
    );
    await register.markAllPresent();
    await register.mark('Campbell, Isla', 'Late');
    const box = await register
      .row('Campbell, Isla')
      .getByRole('button', { name: 'Late', exact: true })
      .boundingBox();
    expect(box?.height).toBeGreaterThanOrEqual(44);
    const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(pageWidth).toBeLessThanOrEqual(390);
    await expectNoSeriousAccessibilityViolations(page);
    await saveScreenshot(page, 'register-phone');
  });

  it('refuses a teacher another class’s register, in plain English', async () => {
    const { page } = await world.signedInPage(world.school.teacher);
    await page.goto(`/registers/${String(world.school.otherClass.id)}?date=2024-09-04&session=AM`);
    const notAllowed = new NotAllowedPage(page);
    await notAllowed.heading.waitFor();
    expect(await notAllowed.explanation.textContent()).toContain('does not allow');
    expect(await page.getByRole('list', { name: 'Pupils in register order' }).count()).toBe(0);
    await expectNoSeriousAccessibilityViolations(page);
    await saveScreenshot(page, 'not-allowed');
  });

  it('shows both marks when someone else changed one, and lets the teacher choose', async () => {
    const { school, server } = world;
    const { page } = await world.signedInPage(school.teacher);
    const register = await new RegisterPage(page).open(school.schoolClass.id, '2024-09-03', 'PM');
    // The office records Noah as late while the teacher has the register open.
    const office = await takeRegister(
      { db: server.db, clock: server.clock },
      {
        schoolId: school.school.id,
        classId: school.schoolClass.id,
        date: '2024-09-03',
        session: 'PM',
        entries: [{ pupilId: school.pupilIds[1]!, code: 'L' }],
        recordedBy: school.office.id,
        teacherCodesOnly: false,
        reason: null,
        idempotencyKey: null,
      },
    );
    expect(office.ok).toBe(true);

    await register.markAllPresent();
    await register.send();
    await page.getByRole('heading', { name: 'Someone else changed these marks' }).waitFor();
    expect(await page.locator('.conflict').textContent()).toContain(
      'Bennett, Noah: now L; you marked \\',
    );
    await expectNoSeriousAccessibilityViolations(page);
    await saveScreenshot(page, 'register-conflict');

    await page.getByRole('button', { name: 'Keep L for Bennett, Noah' }).click();
    await register.send();
    await register.sent.waitFor();
    const marks = await readStoredMarks(server.db, {
      pupilIds: school.pupilIds,
      date: '2024-09-03',
      session: 'PM',
    });
    expect(marks.map((mark) => [mark.code, mark.version])).toEqual([
      ['\\', 1],
      ['L', 1],
      ['\\', 1],
      ['\\', 1],
      ['\\', 1],
      ['\\', 1],
      ['\\', 1],
      ['\\', 1],
    ]);
  });
});
