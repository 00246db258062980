import type { Page } from 'playwright-core';

/** The school's details and register times (/admin/school). */
export class SchoolSettingsAdminPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<this> {
    await this.page.goto('/admin/school');
    await this.page.getByLabel('Morning register opens').waitFor();
    return this;
  }

  async setRegisterTimes(times: {
    amOpens: string;
    amCloses: string;
    pmOpens: string;
    pmCloses: string;
  }): Promise<void> {
    await this.page.getByLabel('Morning register opens').fill(times.amOpens);
    await this.page.getByLabel('Morning register closes').fill(times.amCloses);
    await this.page.getByLabel('Afternoon register opens').fill(times.pmOpens);
    await this.page.getByLabel('Afternoon register closes').fill(times.pmCloses);
    await this.page.getByRole('button', { name: 'Save register times' }).click();
  }

  get saved() {
    return this.page.getByText('Register times saved.', { exact: true }).first();
  }

  get problem() {
    return this.page.getByRole('alert');
  }
}

/** Academic years, terms and closures (/admin/calendar). */
export class CalendarAdminPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<this> {
    await this.page.goto('/admin/calendar');
    await this.page.getByRole('heading', { level: 2, name: 'Closures' }).waitFor();
    return this;
  }

  async addClosure(closure: { from: string; until?: string; reason: string }): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Add a closure' });
    await form.getByLabel('Closed from').fill(closure.from);
    if (closure.until !== undefined) await form.getByLabel('Closed until').fill(closure.until);
    await form.getByLabel('Reason').fill(closure.reason);
    await form.getByRole('button', { name: 'Add closure' }).click();
  }

  /** The closures table's rows, as the words in each cell (the actions column left out). */
  async readClosures(): Promise<string[][]> {
    const rows = this.page
      .getByRole('table', { name: 'Closures' })
      .getByRole('row')
      .filter({ has: this.page.getByRole('cell') });
    const read: string[][] = [];
    for (const row of await rows.all()) {
      const cells = await row.getByRole('cell').allInnerTexts();
      read.push(cells.slice(0, 2).map((cell) => cell.trim()));
    }
    return read;
  }

  message(text: string) {
    return this.page.getByText(text, { exact: true }).first();
  }

  get problem() {
    return this.page.getByRole('alert');
  }
}

/** The attendance policy: preset, settings and the rules in force (/admin/policy). */
export class PolicyAdminPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<this> {
    await this.page.goto('/admin/policy');
    await this.page.getByLabel('Policy', { exact: true }).waitFor();
    return this;
  }

  async choosePolicy(title: string): Promise<void> {
    await this.page.getByLabel('Policy', { exact: true }).selectOption({ label: title });
  }

  async setSetting(label: string, value: string): Promise<void> {
    await this.page.getByLabel(label, { exact: true }).fill(value);
  }

  async save(): Promise<void> {
    await this.page.getByRole('button', { name: 'Save policy' }).click();
  }

  get saved() {
    return this.page.getByText('Policy saved.', { exact: false }).first();
  }

  get problem() {
    return this.page.getByRole('alert');
  }

  /** What the "Rules in force" section says about the policy, then each rule's title. */
  get rulesSection() {
    return this.page.getByRole('region', { name: 'Rules in force' });
  }

  async ruleTitles(): Promise<string[]> {
    return this.rulesSection.locator('li strong').allInnerTexts();
  }
}
