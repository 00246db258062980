import type { Locator, Page } from 'playwright-core';

export type CallOutcome = 'Called – spoke to them' | 'No answer' | 'Message left' | 'Reason given';

export class AbsenceBoardPage {
  constructor(private readonly page: Page) {}

  async open(date: string): Promise<this> {
    await this.page.goto(`/absence-board?date=${date}`);
    await this.heading.waitFor();
    await this.page
      .getByRole('list', { name: /^Contacts/ })
      .first()
      .waitFor();
    return this;
  }

  get heading() {
    return this.page.getByRole('heading', { level: 1, name: 'Today’s absence board' });
  }

  /** A pupil's card, found by its heading "Surname, Forename". */
  card(pupilName: string): Locator {
    return this.page
      .locator('.call-card')
      .filter({ has: this.page.getByRole('heading', { level: 2, name: pupilName }) });
  }

  /** The contacts' names in the order the card lists them. */
  async contactNames(pupilName: string): Promise<string[]> {
    return this.card(pupilName).locator('.contact-name').allTextContents();
  }

  phoneLink(pupilName: string, contactName: string): Locator {
    return this.card(pupilName).getByRole('link', { name: new RegExp(`^Call ${contactName} on`) });
  }

  async logCall(
    pupilName: string,
    call: { contact?: string; outcome: CallOutcome; reasonCode?: string; note?: string },
  ): Promise<void> {
    const card = this.card(pupilName);
    if (call.contact !== undefined)
      await card.getByLabel('Who you called').selectOption({ label: call.contact });
    await card.getByRole('radio', { name: call.outcome }).check();
    if (call.reasonCode !== undefined)
      await card.getByLabel('Reason the family gave').selectOption(call.reasonCode);
    if (call.note !== undefined) await card.getByLabel('Note (optional)').fill(call.note);
    await card.getByRole('button', { name: 'Log call' }).click();
  }

  recordedReason(pupilName: string): Locator {
    return this.card(pupilName).getByText(/^Reason recorded:/);
  }

  calls(pupilName: string): Locator {
    return this.card(pupilName).locator('.attempt-list li');
  }
}
