import type { Page } from 'playwright-core';

/** The alerts work list's "Case actions the alerts call for": one card per pupil. */
export class CaseActionsSection {
  constructor(private readonly page: Page) {}

  get section() {
    return this.page.getByRole('region', { name: 'Case actions the alerts call for' });
  }

  /** A pupil's card, found by the pupil's name (its heading). */
  card(pupilName: string) {
    return this.section.getByRole('region', { name: pupilName, exact: true });
  }

  get cards() {
    return this.section.locator('.case-action-card');
  }

  /** The pupils proposed, in the order shown. */
  async readPupils(): Promise<string[]> {
    return this.cards.getByRole('heading', { level: 3 }).allTextContents();
  }

  /** What the card proposes, e.g. "Open a case at stage 1: Phone call home…". */
  async readProposal(pupilName: string): Promise<string> {
    return (await this.card(pupilName).locator('.case-action-proposal').textContent()) ?? '';
  }

  /** Each alert behind the card, in words. */
  async readAlerts(pupilName: string): Promise<string[]> {
    return this.card(pupilName).locator('.case-action-evidence > li').allTextContents();
  }

  /** Opens the first alert's list of absences and reads them. */
  async readEvidenceSessions(pupilName: string): Promise<string[]> {
    const sessions = this.card(pupilName).locator('.evidence-sessions').first();
    await sessions.locator('summary').click();
    return sessions.locator('li').allTextContents();
  }

  async accept(pupilName: string, note?: string): Promise<void> {
    const card = this.card(pupilName);
    if (note !== undefined) await card.getByLabel('Note for the case (optional)').fill(note);
    await card.getByRole('button', { name: /^Accept: / }).click();
  }

  async dismiss(pupilName: string, reason: string): Promise<void> {
    const card = this.card(pupilName);
    const summary = card.getByText('Dismiss this action', { exact: true });
    if (!(await card.getByLabel('Why it is dismissed').isVisible())) await summary.click();
    await card.getByLabel('Why it is dismissed').fill(reason);
    await card.getByRole('button', { name: 'Dismiss with this reason' }).click();
  }

  /** The card's own problem, e.g. a dismissal without a reason. */
  problem(pupilName: string) {
    return this.card(pupilName).getByRole('alert');
  }

  /** What came of the last decision. */
  get outcome() {
    return this.section.locator('.case-action-outcome');
  }

  /** The plain-English notice that the alerts changed under a decision (a 409). */
  get changed() {
    return this.section.getByRole('alert').filter({ hasText: 'The alerts have changed' });
  }

  get nothingWaiting() {
    return this.section.getByText(/^No case action is waiting/);
  }
}
