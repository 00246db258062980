import { describe, expect, it } from 'vitest';
import { expectNoSeriousAccessibilityViolations } from './accessibility.ts';
import { useE2eWorld } from './e2e-fixture.ts';
import { testPassword } from './e2e-school.ts';
import { ChangePasswordPage } from './pages/change-password.page.ts';
import { HomePage } from './pages/home.page.ts';
import { SignInPage } from './pages/sign-in.page.ts';
import { saveScreenshot } from './screenshots.ts';

describe('signing in and out', () => {
  const world = useE2eWorld();

  it('sends a visitor to the sign-in page, which passes the accessibility check', async () => {
    const { page } = await world.newPage();
    await page.goto('/');
    const signIn = new SignInPage(page);
    await signIn.heading.waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await expectNoSeriousAccessibilityViolations(page);
    await saveScreenshot(page, 'sign-in');
  });

  it('explains a wrong password in plain English', async () => {
    const { page } = await world.newPage();
    const signIn = await new SignInPage(page).open();
    await signIn.signIn(world.school.teacher.email, 'not the password at all');
    await expect
      .poll(() => signIn.alert.textContent())
      .toContain('The email or password is incorrect.');
    await expectNoSeriousAccessibilityViolations(page);
  });

  it('signs a teacher in to their home page and out again', async () => {
    const { page } = await world.newPage();
    const signIn = await new SignInPage(page).open();
    await signIn.signIn(world.school.teacher.email, testPassword);
    const home = new HomePage(page);
    await home.heading.waitFor();
    expect(await home.heading.textContent()).toBe('Hello, Amara Okafor');

    await home.signOut();
    await signIn.signedOutMessage.waitFor();
    await page.goto('/');
    await signIn.heading.waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
  });

  it('returns to the page asked for after signing in', async () => {
    const { page } = await world.newPage();
    await page.goto('/password');
    const signIn = new SignInPage(page);
    await signIn.heading.waitFor();
    await signIn.signIn(world.school.office.email, testPassword);
    await new ChangePasswordPage(page).heading.waitFor();
  });

  it('gives an office user a landing page that says what their role does', async () => {
    const { page } = await world.signedInPage(world.school.office);
    await page.getByRole('heading', { name: 'Your work in Rollcall' }).waitFor();
    expect(await page.getByText('Office staff.').count()).toBe(1);
    await expectNoSeriousAccessibilityViolations(page);
    await saveScreenshot(page, 'home-office');
  });

  it('shows why a new password is refused, then changes it', async () => {
    const { page } = await world.signedInPage(world.school.office);
    const passwordPage = await new ChangePasswordPage(page).open();
    await expectNoSeriousAccessibilityViolations(page);

    await passwordPage.change(testPassword, 'short');
    await expect
      .poll(() => passwordPage.alert.textContent())
      .toContain('New password: choose a password of at least 12 characters');
    await expectNoSeriousAccessibilityViolations(page);

    await passwordPage.change(testPassword, 'a much longer passphrase for the office');
    await passwordPage.confirmation.waitFor();
  });

  it('shows a plain "page not found" for an address the app does not have', async () => {
    const { page } = await world.signedInPage(world.school.teacher);
    await page.goto('/no/such/page');
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    await expectNoSeriousAccessibilityViolations(page);
  });
});
