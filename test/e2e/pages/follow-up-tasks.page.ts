import type { Locator, Page } from 'playwright-core';

export type ContactOutcome =
  'Spoke to them' | 'Spoke to them: reason given' | 'No answer' | 'Message left';

/** The first-day response work list (/follow-up). */
export class FollowUpTasksPage {
  constructor(private readonly page: Page) {}

  async open(date: string): Promise<this> {
    await this.page.goto(`/follow-up?date=${date}`);
    await this.heading.waitFor();
    await this.page.locator('.task-card, .alert-success').first().waitFor();
    return this;
  }

  get heading() {
    return this.page.getByRole('heading', { level: 1, name: 'First-day response' });
  }

  /** A group's heading, e.g. "Overdue (1)". */
  groupHeading(name: 'Overdue' | 'Due today' | 'Due later'): Locator {
    return this.page.getByRole('heading', { level: 2, name: new RegExp(`^${name} \\(`) });
  }

  /** The cards of a group, in the order shown. */
  group(name: 'Overdue' | 'Due today' | 'Due later'): Locator {
    return this.page
      .locator('section')
      .filter({ has: this.groupHeading(name) })
      .locator('.task-card');
  }

  /** A task's card, by the pupil ("Surname, Forename") and words of the step. */
  task(pupilName: string, step: RegExp): Locator {
    return this.page
      .locator('.task-card')
      .filter({ has: this.page.getByRole('heading', { level: 3, name: pupilName }) })
      .filter({ hasText: step });
  }

  async contactNames(card: Locator): Promise<string[]> {
    await card.locator('.contact-name').first().waitFor();
    return card.locator('.contact-name').allTextContents();
  }

  async recordContact(
    card: Locator,
    contact: { who?: string; outcome: ContactOutcome; reason?: string; note?: string },
  ): Promise<void> {
    await card.getByText(/^Record a call or message/).click();
    if (contact.who !== undefined)
      await card.getByLabel('Who you called or messaged').selectOption({ label: contact.who });
    await card.getByRole('radio', { name: contact.outcome, exact: true }).check();
    if (contact.reason !== undefined)
      await card.getByLabel(/^Reason they gave/).selectOption({ label: contact.reason });
    if (contact.note !== undefined) await card.getByLabel('Note (optional)').fill(contact.note);
    await card.getByRole('button', { name: 'Record contact' }).click();
  }

  async completeStep(card: Locator, outcome: string): Promise<void> {
    await card.getByText('Mark this step done').click();
    await card.getByLabel('What was done, and what came of it').fill(outcome);
    await card.getByRole('button', { name: 'Mark step done' }).click();
  }

  /** The line saying what the last recorded contact or step did. */
  get done(): Locator {
    return this.page.getByTestId('follow-up-done');
  }
}
