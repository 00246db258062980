import type { Page } from 'playwright-core';

/** A pupil's casework page: the case, penalty notices and letters. */
export class CaseworkPage {
  constructor(private readonly page: Page) {}

  async open(pupilId: number): Promise<this> {
    await this.page.goto(`/pupils/${String(pupilId)}/casework`);
    return this;
  }

  heading(name: string) {
    return this.page.getByRole('heading', { level: 1, name: `Casework: ${name}` });
  }

  get caseSection() {
    return this.page.getByRole('region', { name: 'Attendance case' });
  }

  async openCase(options: { ladder: string; stage: string; notes: string }): Promise<void> {
    await this.page.getByLabel('Escalation ladder').selectOption({ label: options.ladder });
    await this.page.getByLabel(/^Start at/).selectOption({ label: options.stage });
    await this.page.getByLabel('Why the case is opened (optional)').fill(options.notes);
    await this.page.getByRole('button', { name: 'Open case' }).click();
  }

  /** The text beside a term of the case's facts. */
  async readFact(term: string): Promise<string> {
    return (
      (await this.page
        .locator('.case-facts div')
        .filter({ has: this.page.getByRole('term').filter({ hasText: term }) })
        .getByRole('definition')
        .textContent()) ?? ''
    );
  }

  get proposal() {
    return this.page.getByRole('region', { name: 'What the policy’s alerts suggest' });
  }

  /** Records an event; fields are labelled as on the form. */
  async record(kind: string, fields: Readonly<Record<string, string>>): Promise<void> {
    await this.page.getByLabel('What to record').selectOption({ label: kind });
    for (const [label, value] of Object.entries(fields))
      await this.page.getByLabel(label, { exact: true }).fill(value);
    await this.page.getByRole('button', { name: `Record ${kind.toLowerCase()}` }).click();
  }

  get recordedMessage() {
    return this.page.locator('.case-form .alert-success');
  }

  /** The timeline's rows as [date, what, record]. */
  async readTimeline(): Promise<string[][]> {
    const rows = this.page
      .getByRole('table', { name: 'The case so far, oldest first' })
      .locator('tbody tr');
    const result: string[][] = [];
    for (const row of await rows.all()) result.push(await row.locator('td, th').allTextContents());
    return result;
  }

  async moveTo(stage: string, reason: string): Promise<void> {
    await this.page.getByLabel(/^Move to (stage|step)$/).selectOption({ label: stage });
    await this.page.getByLabel('Reason for the move').fill(reason);
    await this.page.getByRole('button', { name: /^Move to this/ }).click();
  }

  async issueNotice(parent: string, issuedOn: string): Promise<void> {
    await this.page.getByLabel('Parent', { exact: true }).selectOption({ label: parent });
    await this.page.getByLabel('Issued on').fill(issuedOn);
    await this.page.getByRole('button', { name: 'Issue notice' }).click();
  }

  noticeRows(parentName: string) {
    return this.page
      .getByRole('table', { name: `Penalty notices to ${parentName}` })
      .locator('tbody tr');
  }

  /** Records a notice (by its row, 0 the first) paid on a day. */
  async recordPaid(parentName: string, row: number, paidOn: string): Promise<void> {
    const notice = this.noticeRows(parentName).nth(row);
    await notice.getByText('Record paid or withdrawn').click();
    await notice.getByRole('radio', { name: 'Paid' }).check();
    await notice.getByLabel('On', { exact: true }).fill(paidOn);
    await notice.getByRole('button', { name: 'Record payment' }).click();
  }

  /** Records a notice (by its row, 0 the first) withdrawn on a day, with the reason. */
  async recordWithdrawn(parentName: string, row: number, on: string, reason: string) {
    const notice = this.noticeRows(parentName).nth(row);
    await notice.getByText('Record paid or withdrawn').click();
    await notice.getByRole('radio', { name: 'Withdrawn' }).check();
    await notice.getByLabel('On', { exact: true }).fill(on);
    await notice.getByLabel('Why it was withdrawn').fill(reason);
    await notice.getByRole('button', { name: 'Record withdrawal' }).click();
  }

  get refusal() {
    return this.page.locator('.refusal');
  }

  async chooseLetter(title: string): Promise<void> {
    await this.page.getByLabel('Letter', { exact: true }).selectOption({ label: title });
  }

  get previewFrame() {
    return this.page.locator('.letter-preview iframe');
  }

  /** Shows the chosen letter's preview in the page; the frame holds the PDF. */
  async previewLetter(): Promise<void> {
    await this.page.getByRole('button', { name: 'Preview letter' }).click();
    await this.previewFrame.waitFor();
  }

  /**
   * The same preview fetched through the API with this page's sign-in, as bytes: the page's
   * own copy sits behind a blob: address its Content Security Policy will not let a script read.
   */
  async downloadPreview(pupilId: number, kind: string): Promise<Uint8Array> {
    const me = await this.page.request.get('/api/auth/me');
    const { csrfToken } = (await me.json()) as { csrfToken: string };
    const response = await this.page.request.post(
      `/api/pupils/${String(pupilId)}/letters/preview`,
      { data: { kind }, headers: { 'x-csrf-token': csrfToken } },
    );
    if (!response.ok()) throw new Error(`preview refused: ${String(response.status())}`);
    return new Uint8Array(await response.body());
  }

  async sendLetter(delivery: 'email' | 'print'): Promise<void> {
    await this.page
      .getByRole('radio', { name: delivery === 'email' ? /^Email to the parents/ : /^Print it/ })
      .check();
    await this.page.getByRole('button', { name: 'Send letter' }).click();
  }

  get lettersSent() {
    return this.page.getByRole('table', { name: 'Letters sent' });
  }

  get evidenceBundleLink() {
    return this.page.getByRole('link', { name: 'Download the evidence bundle (PDF)' });
  }
}
