import type { Locator, Page } from 'playwright-core';

export type LessonMarkName = 'Present' | 'Late' | 'Absent';

/** A lesson's register: the class's pupils, a mark each, then "Send lesson register". */
export class LessonRegisterPage {
  constructor(private readonly page: Page) {}

  async open(lessonId: number, date: string): Promise<this> {
    await this.page.goto(`/lessons/${String(lessonId)}/register?date=${date}`);
    await this.pupilList.waitFor();
    return this;
  }

  get heading() {
    return this.page.getByRole('heading', { level: 1 });
  }

  get pupilList() {
    return this.page.getByRole('list', { name: 'Pupils in register order' });
  }

  /** A pupil's row, named "Surname, Forename" as the register shows it. */
  row(pupilName: string): Locator {
    return this.page.getByRole('group', { name: pupilName, exact: true });
  }

  /** What the row says of the pupil's mark at registration, once the class register loaded. */
  registrationNote(pupilName: string): Locator {
    return this.row(pupilName).locator('.registration-note');
  }

  /** The code chosen for a pupil ('' when none), read from the pressed button. */
  async chosenCode(pupilName: string): Promise<string> {
    const pressed = this.row(pupilName).locator('button[aria-pressed="true"]');
    return (await pressed.count()) === 0 ? '' : ((await pressed.getAttribute('data-code')) ?? '');
  }

  async mark(pupilName: string, mark: LessonMarkName): Promise<void> {
    await this.row(pupilName).getByRole('button', { name: mark, exact: true }).click();
  }

  async markAllPresent(): Promise<void> {
    await this.page.getByRole('button', { name: 'All present' }).click();
  }

  async send(): Promise<void> {
    await this.page.getByRole('button', { name: 'Send lesson register' }).click();
  }

  get waitingToSend() {
    return this.page
      .locator('.submission-waiting')
      .getByText('Not sent yet — waiting for the connection');
  }

  get saved() {
    return this.page.locator('.submission-sent').getByText('Saved', { exact: true });
  }
}

/** Post-registration truancy for a day, for the office and attendance staff. */
export class MissingFromLessonsPage {
  constructor(private readonly page: Page) {}

  async open(date: string): Promise<this> {
    await this.page.goto(`/missing-from-lessons?date=${date}`);
    await this.heading.waitFor();
    return this;
  }

  get heading() {
    return this.page.getByRole('heading', { level: 1, name: 'Missing from lessons' });
  }

  get table() {
    return this.page.getByRole('table');
  }

  /** The table's row for a pupil and lesson, e.g. ('Bennett, Noah', 'Maths, period 1'). */
  row(pupilName: string, lesson: string): Locator {
    return this.table
      .getByRole('row')
      .filter({ has: this.page.getByRole('link', { name: pupilName, exact: true }) })
      .filter({ hasText: lesson });
  }

  /** The cells of a row as text, left to right. */
  async cells(row: Locator): Promise<string[]> {
    return (await row.getByRole('cell').allTextContents()).map((text) => text.trim());
  }
}
