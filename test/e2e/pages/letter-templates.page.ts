import type { Page } from 'playwright-core';

/** The school's letter wording and letterhead. */
export class LetterTemplatesPage {
  constructor(private readonly page: Page) {}

  get heading() {
    return this.page.getByRole('heading', { level: 1, name: 'Letter templates' });
  }

  async choose(title: string): Promise<void> {
    await this.page.getByLabel('Letter', { exact: true }).selectOption({ label: title });
  }

  get wording() {
    return this.page.getByLabel('Wording');
  }

  get editorHeading() {
    return this.page.locator('#template-heading');
  }

  async saveWording(body: string): Promise<void> {
    await this.wording.fill(body);
    await this.page.getByRole('button', { name: 'Save wording' }).click();
  }

  get saved() {
    return this.page.locator('.alert-success');
  }

  get problem() {
    return this.page.getByRole('alert');
  }
}
