import type { Page } from 'playwright-core';

export class ReceptionPage {
  constructor(private readonly page: Page) {}

  async open(date: string): Promise<this> {
    await this.page.goto(`/reception?date=${date}`);
    await this.page.getByLabel('Class').waitFor();
    return this;
  }

  async choosePupil(className: string, pupilName: string): Promise<void> {
    await this.page.getByLabel('Class').selectOption({ label: className });
    const pupil = this.page.getByLabel('Pupil', { exact: true });
    await pupil.waitFor();
    const option = pupil.locator('option', { hasText: pupilName });
    await pupil.selectOption((await option.getAttribute('value')) ?? '');
  }

  async signIn(pupilFullName: string, reason?: string): Promise<void> {
    if (reason !== undefined)
      await this.page.getByLabel('Reason for arriving late (optional)').fill(reason);
    await this.page.getByRole('button', { name: `Sign ${pupilFullName} in` }).click();
  }

  async signOut(pupilFullName: string, reason: string, afternoonCode?: string): Promise<void> {
    await this.page.getByLabel('Reason for leaving').fill(reason);
    if (afternoonCode !== undefined)
      await this.page.getByLabel('Afternoon code').selectOption(afternoonCode);
    await this.page.getByRole('button', { name: `Sign ${pupilFullName} out` }).click();
  }

  get result() {
    return this.page.locator('.signed-result');
  }
}
