import type { Page } from 'playwright-core';

export class ChangePasswordPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<this> {
    await this.page.goto('/password');
    await this.heading.waitFor();
    return this;
  }

  get heading() {
    return this.page.getByRole('heading', { level: 1, name: 'Change your password' });
  }

  get alert() {
    return this.page.getByRole('alert');
  }

  get confirmation() {
    return this.page.getByText('Your password has been changed.', { exact: false }).first();
  }

  async change(currentPassword: string, newPassword: string): Promise<void> {
    await this.page.getByLabel('Current password').fill(currentPassword);
    await this.page.getByLabel('New password').fill(newPassword);
    await this.page.getByRole('button', { name: 'Change password' }).click();
  }
}
