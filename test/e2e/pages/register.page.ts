import type { Locator, Page } from 'playwright-core';

export type MarkName = 'Present' | 'Late' | 'Absent' | 'After close';

export class RegisterPage {
  constructor(private readonly page: Page) {}

  async open(classId: number, date: string, session: 'AM' | 'PM'): Promise<this> {
    await this.page.goto(`/registers/${String(classId)}?date=${date}&session=${session}`);
    await this.page.getByRole('list', { name: 'Pupils in register order' }).waitFor();
    return this;
  }

  get heading() {
    return this.page.getByRole('heading', { level: 1 });
  }

  /** A pupil's row, named "Surname, Forename" as the register shows it. */
  row(pupilName: string): Locator {
    return this.page.getByRole('group', { name: pupilName, exact: true });
  }

  /** The code chosen for a pupil ('' when none), read from the pressed button. */
  async chosenCode(pupilName: string): Promise<string> {
    const pressed = this.row(pupilName).locator('button[aria-pressed="true"]');
    return (await pressed.count()) === 0 ? '' : ((await pressed.getAttribute('data-code')) ?? '');
  }

  async mark(pupilName: string, mark: MarkName): Promise<void> {
    await this.row(pupilName).getByRole('button', { name: mark, exact: true }).click();
  }

  async markAllPresent(): Promise<void> {
    await this.page.getByRole('button', { name: 'All present' }).click();
  }

  async send(): Promise<void> {
    await this.page.getByRole('button', { name: 'Send register' }).click();
  }

  get waitingToSend() {
    return this.page
      .locator('.submission-waiting')
      .getByText('Saved on this device — waiting to send');
  }

  get sent() {
    return this.page.locator('.submission-sent').getByText('Sent', { exact: true });
  }

  get reportedAbsenceNotes() {
    return this.page.getByText(/^Reported absent by a parent/);
  }
}
