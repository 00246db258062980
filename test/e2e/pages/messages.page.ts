import type { Page } from 'playwright-core';

/** The school's outbox of emails and texts, and this week's parent updates. */
export class MessagesPage {
  constructor(private readonly page: Page) {}

  get heading() {
    return this.page.getByRole('heading', { level: 1, name: 'Messages' });
  }

  get rows() {
    return this.page.getByRole('table', { name: 'Messages, newest first' }).locator('tbody tr');
  }

  async queueWeeklyUpdates(options: {
    weekEnding: string;
    className: string;
    pupils: readonly string[];
  }): Promise<void> {
    await this.page.getByLabel('Week ending').fill(options.weekEnding);
    await this.page.getByLabel('Class').selectOption({ label: options.className });
    for (const pupil of options.pupils)
      await this.page.getByRole('checkbox', { name: pupil }).check();
    await this.page.getByRole('button', { name: 'Queue this week’s updates' }).click();
  }

  get queuedResult() {
    return this.page.locator('.case-form .alert-success');
  }
}
