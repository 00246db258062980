import type { Page } from 'playwright-core';

export class AlertsPage {
  constructor(private readonly page: Page) {}

  get heading() {
    return this.page.getByRole('heading', { level: 1, name: 'Policy alerts' });
  }

  /** The note saying which threshold is the legal basis for a penalty notice. */
  get penaltyNoticeBasis() {
    return this.page.getByRole('note');
  }

  /** How far back the list looks: today, week, 4-weeks or year. */
  async showCrossed(range: 'today' | 'week' | '4-weeks' | 'year'): Promise<void> {
    await this.page.getByLabel('Crossed').selectOption(range);
  }

  /** One rule's section, found by the rule's title from the policy. */
  rule(title: string | RegExp) {
    return this.page.getByRole('region', { name: title });
  }

  /** How many alerts a rule lists in the period, after asking for all of them. */
  async countAlerts(title: string | RegExp): Promise<number> {
    const showAll = this.rule(title).getByRole('button', { name: /^Show all/ });
    if ((await showAll.count()) > 0) await showAll.click();
    return this.rule(title).locator('tbody tr').count();
  }

  /** The pupils named under a rule, latest first. */
  pupilLinks(title: string | RegExp) {
    return this.rule(title).getByRole('link');
  }
}
