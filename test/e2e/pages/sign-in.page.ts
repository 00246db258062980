import type { Page } from 'playwright-core';

export class SignInPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<this> {
    await this.page.goto('/sign-in');
    await this.heading.waitFor();
    return this;
  }

  get heading() {
    return this.page.getByRole('heading', { level: 1, name: 'Sign in to Rollcall' });
  }

  get alert() {
    return this.page.getByRole('alert');
  }

  get signedOutMessage() {
    return this.page.getByText('You have signed out.');
  }

  async signIn(email: string, password: string): Promise<void> {
    await this.page.getByLabel('Email address').fill(email);
    await this.page.getByLabel('Password', { exact: true }).fill(password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
  }

  /** Signs in with the keyboard alone: the heading has focus when the page opens. */
  async signInWithKeyboard(email: string, password: string): Promise<void> {
    const keyboard = this.page.keyboard;
    await keyboard.press('Tab');
    await keyboard.type(email);
    await keyboard.press('Tab');
    await keyboard.type(password);
    await keyboard.press('Enter');
  }
}
