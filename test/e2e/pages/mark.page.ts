import type { Page } from 'playwright-core';

export class MarkPage {
  constructor(private readonly page: Page) {}

  /** The "change a mark" list for a class and session, then one pupil's mark from it. */
  async openFromClass(
    query: { classId: number; date: string; session: 'AM' | 'PM' },
    pupilName: string,
  ): Promise<this> {
    await this.page.goto(
      `/marks?class=${String(query.classId)}&date=${query.date}&session=${query.session}`,
    );
    await this.page.getByRole('link', { name: `Change or see history for ${pupilName}` }).click();
    await this.historyRows.first().waitFor();
    return this;
  }

  get heading() {
    return this.page.getByRole('heading', { level: 1 });
  }

  get currentCode() {
    return this.page.locator('.current-code');
  }

  async amend(code: string, reason: string): Promise<void> {
    await this.page.getByLabel('New code').selectOption(code);
    await this.page.getByLabel('Reason for the change').fill(reason);
    await this.page.getByRole('button', { name: 'Change mark' }).click();
  }

  get confirmation() {
    return this.page.locator('.alert-success').getByText(/^Mark changed to/);
  }

  /** The history, oldest first: each row's cells as text. */
  get historyRows() {
    return this.page.locator('.history-table tbody tr');
  }

  async readHistory(): Promise<string[][]> {
    const rows = await this.historyRows.all();
    return Promise.all(rows.map((row) => row.locator('th, td').allTextContents()));
  }
}
