import type { Page } from 'playwright-core';

/** A year's classes, their teachers and pupils (/admin/classes). */
export class ClassesAdminPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<this> {
    await this.page.goto('/admin/classes');
    await this.page.getByRole('heading', { level: 2, name: 'Create a class' }).waitFor();
    return this;
  }

  async createClass(name: string): Promise<void> {
    await this.page.getByLabel('Class name', { exact: true }).fill(name);
    await this.page.getByRole('button', { name: 'Create class' }).click();
    await this.page
      .locator('.alert-success')
      .filter({ hasText: `Class ${name} created.` })
      .waitFor();
  }

  /** Ticks the teachers of the class being changed (it opens once created) and saves. */
  async chooseTeachers(className: string, teachers: readonly string[]): Promise<void> {
    const fieldset = this.page.getByRole('group', { name: `Teachers of ${className}` });
    for (const teacher of teachers) await fieldset.getByLabel(teacher).check();
    await this.page.getByRole('button', { name: 'Save teachers' }).click();
    await this.page.locator('.alert-success').filter({ hasText: 'Teachers saved.' }).waitFor();
  }

  /** The classes table as rows of cells: class, year group, teachers, pupils. */
  async readClasses(): Promise<string[][]> {
    const rows = this.page.getByRole('table', { name: 'Classes this year' }).locator('tbody tr');
    return rows.evaluateAll((elements) =>
      elements.map((row) =>
        Array.from(row.querySelectorAll('th, td'))
          .slice(0, 4)
          .map((cell) => cell.textContent.trim()),
      ),
    );
  }
}

/** Staff and parent accounts (/admin/users). */
export class UsersAdminPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<this> {
    await this.page.goto('/admin/users');
    await this.page.getByRole('table', { name: 'Accounts' }).waitFor();
    return this;
  }

  /** Creates a staff account with a made-up password and returns the password shown once. */
  async createAccount(account: { name: string; email: string; role: string }): Promise<string> {
    await this.page.getByLabel('Name', { exact: true }).fill(account.name);
    await this.page.getByLabel('Email address').fill(account.email);
    await this.page.getByLabel('Role', { exact: true }).selectOption({ label: account.role });
    await this.page.getByRole('button', { name: 'Create account' }).click();
    const shown = this.page.locator('.password-value');
    await shown.waitFor();
    return (await shown.textContent()) ?? '';
  }

  accountRow(name: string) {
    return this.page.getByRole('row', { name: new RegExp(name) });
  }
}

/** CSV imports with a progress bar (/admin/imports). */
export class ImportsAdminPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<this> {
    await this.page.goto('/admin/imports');
    await this.page.getByLabel('CSV file', { exact: true }).waitFor();
    return this;
  }

  async upload(kind: string, file: { name: string; text: string }): Promise<void> {
    await this.page.getByLabel('What the file holds').selectOption({ label: kind });
    await this.page.getByLabel('CSV file', { exact: true }).setInputFiles({
      name: file.name,
      mimeType: 'text/csv',
      buffer: Buffer.from(file.text, 'utf8'),
    });
    await this.page.getByRole('button', { name: 'Import' }).click();
  }

  get progressBar() {
    return this.page.getByRole('progressbar');
  }

  /** The bar's value and maximum, as the browser holds them. */
  async readProgress(): Promise<{ value: number; max: number }> {
    return this.progressBar.evaluate((element) => {
      const bar = element as HTMLProgressElement;
      return { value: bar.value, max: bar.max };
    });
  }

  get finished() {
    return this.page.getByText(/^Finished: /);
  }

  get summary() {
    return this.page.locator('.alert-success').filter({ hasText: 'Imported' });
  }

  get refusal() {
    return this.page.getByRole('alert').filter({ hasText: 'Nothing was imported' });
  }

  /** The problems table: file, line, column and problem per row. */
  async readProblems(): Promise<string[][]> {
    const rows = this.page.getByRole('table', { name: 'Problems by line' }).locator('tbody tr');
    return rows.evaluateAll((elements) =>
      elements.map((row) =>
        Array.from(row.querySelectorAll('td')).map((cell) => cell.textContent.trim()),
      ),
    );
  }
}
