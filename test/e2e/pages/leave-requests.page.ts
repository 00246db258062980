import type { Locator, Page } from 'playwright-core';

export interface LeaveApplication {
  purpose: 'Exceptional circumstances' | 'Holiday' | 'Extended leave (a long visit)';
  from: string;
  to: string;
  reason: string;
  evidence?: string;
  agreedReturn?: string;
}

/** Asking for leave (a parent, or the office for one) and the head's decision page. */
export class LeaveRequestsPage {
  constructor(private readonly page: Page) {}

  async apply(application: LeaveApplication, submit: string): Promise<void> {
    const purpose = application.purpose.replace(/[()]/g, '\\$&');
    await this.page.getByRole('radio', { name: new RegExp(`^${purpose}`) }).check();
    const first = this.page.getByRole('group', { name: 'First day away' });
    await first.getByLabel('Date').fill(application.from);
    await first.getByLabel('Starting').selectOption('AM');
    const last = this.page.getByRole('group', { name: 'Last day away' });
    await last.getByLabel('Date').fill(application.to);
    await last.getByLabel('Until').selectOption('PM');
    if (application.agreedReturn !== undefined)
      await this.page.getByLabel('Back at school on').fill(application.agreedReturn);
    await this.page.getByLabel(/^Why .* needs to be away$/).fill(application.reason);
    if (application.evidence !== undefined)
      await this.page.getByLabel('Evidence you can show (optional)').fill(application.evidence);
    await this.page.getByRole('button', { name: submit }).click();
  }

  get confirmation(): Locator {
    return this.page.locator('.confirmation');
  }

  async openDecisions(): Promise<this> {
    await this.page.goto('/leave-requests');
    await this.page.getByRole('heading', { level: 1, name: 'Leave requests' }).waitFor();
    await this.page.locator('.leave-card, .alert-success').first().waitFor();
    return this;
  }

  /** A pending request's card, by the pupil's "Surname, Forename". */
  request(pupilName: string): Locator {
    return this.page
      .locator('.leave-card')
      .filter({ has: this.page.getByRole('heading', { level: 2, name: pupilName }) });
  }

  /** The facts listed on a request: term → description. */
  async facts(card: Locator): Promise<Record<string, string>> {
    const terms = await card.locator('dt').allTextContents();
    const values = await card.locator('dd').allTextContents();
    return Object.fromEntries(terms.map((term, index) => [term, values[index] ?? '']));
  }

  async grantPart(card: Locator, sessions: readonly string[], reason: string): Promise<void> {
    await card.getByRole('radio', { name: 'Grant part of it' }).check();
    for (const session of sessions) await card.getByRole('checkbox', { name: session }).check();
    await card.getByLabel('Reason (the parent reads this)').fill(reason);
    await card.getByRole('button', { name: 'Record the decision' }).click();
  }

  /** The decided sessions: [session, decision, code] per row. */
  async decidedCodes(card: Locator): Promise<string[][]> {
    const table = card.getByRole('table', { name: 'The codes each session takes' });
    await table.waitFor();
    const rows = await table.locator('tbody tr').all();
    return Promise.all(rows.map((row) => row.locator('td').allTextContents()));
  }
}
