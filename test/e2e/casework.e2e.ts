import { beforeAll, describe, expect, it } from 'vitest';
import { makeUserWithPassword } from '../http/test-app.ts';
import { readPdfText } from '../support/pdf-text.ts';
import { expectNoSeriousAccessibilityViolations } from './accessibility.ts';
import { seedFamiliesAndFigures } from './e2e-families.ts';
import { useE2eWorld } from './e2e-fixture.ts';
import { CaseworkPage } from './pages/casework.page.ts';
import { LetterTemplatesPage } from './pages/letter-templates.page.ts';
import { MessagesPage } from './pages/messages.page.ts';
import { NotAllowedPage } from './pages/not-allowed.page.ts';
import { saveScreenshot } from './screenshots.ts';

const wigston = 'Wigston Academies Trust attendance stages';
const concernLetter = 'Concern about attendance';

describe('casework, penalty notices, letters and messages', () => {
  const world = useE2eWorld();
  let families: Awaited<ReturnType<typeof seedFamiliesAndFigures>>;
  let officer: { email: string; displayName: string };
  let admin: { email: string };

  beforeAll(async () => {
    const { db } = world.server;
    families = await seedFamiliesAndFigures(db, world.school);
    const scope = { kind: 'school', schoolId: world.school.school.id } as const;
    officer = await makeUserWithPassword(db, {
      role: 'attendance_officer',
      scope,
      displayName: 'Priya Shah',
    });
    admin = await makeUserWithPassword(db, { role: 'admin', scope, displayName: 'Alex Morgan' });
    // An address to email letters to: Noah's mother.
    await db
      .updateTable('contacts')
      .set({ email: 'sarah.bennett@example.test' })
      .where('name', '=', 'Sarah Bennett')
      .execute();
  });

  it('takes an attendance officer through a case, penalty notices, a letter and the outbox', async () => {
    const { page } = await world.signedInPage(officer);
    await page.goto(`/pupils/${String(families.noah.id)}`);
    await page.getByRole('link', { name: 'Casework, penalty notices and letters' }).click();
    const casework = new CaseworkPage(page);
    await casework.heading('Noah Bennett').waitFor();

    await casework.openCase({
      ladder: wigston,
      stage: '1: Phone call home about the absence concern; welfare check',
      notes: 'Three unexplained absences in the first week',
    });
    await expect
      .poll(() => casework.readFact('Current stage'))
      .toBe('1: Phone call home about the absence concern; welfare check');
    expect(await casework.readFact('Next stage')).toMatch(/^2: Concern letter 1/);
    await casework.proposal.waitFor();
    expect(await casework.proposal.textContent()).toContain('point to no later stage');

    await casework.record('Meeting', {
      'What was said or agreed': 'Met Mrs Bennett: Noah finds mornings hard since moving house.',
    });
    await expect.poll(() => casework.recordedMessage.textContent()).toBe('Meeting recorded.');
    await casework.record('Action plan', {
      'What the plan is for': 'Getting Noah to school on time every day',
      'Targets, one a line': 'Arrive by 8:40 every day\nNo unexplained absence',
      'Review date': '2024-10-02',
    });
    await expect.poll(() => casework.recordedMessage.textContent()).toBe('Action plan recorded.');
    await expect.poll(async () => (await casework.readTimeline()).length).toBe(3);
    const timeline = await casework.readTimeline();
    expect(timeline.map((row) => row[1])).toEqual(['Case opened', 'Meeting', 'Action plan']);
    expect(timeline[2]?.[2]).toContain('Targets: Arrive by 8:40 every day; No unexplained absence');
    expect(timeline[2]?.[2]).toContain('Review Wed 2 Oct 2024');

    await casework.moveTo(
      '2: Concern letter 1 and weekly messages for a focus period; student clinic below 92%',
      'Mornings still missed after the meeting',
    );
    await expect.poll(() => casework.readFact('Current stage')).toMatch(/^2: Concern letter 1/);
    expect(await casework.readFact('Next stage')).toMatch(/^3: Concern letter 2/);

    // Two notices to Noah's mother, then the law's limit.
    await casework.issueNotice('Sarah Bennett (Mother)', '2024-09-04');
    await expect.poll(() => casework.noticeRows('Sarah Bennett').count()).toBe(1);
    expect(await casework.noticeRows('Sarah Bennett').first().textContent()).toContain(
      '£80 by Tue 24 Sept 2024, or £160 by Tue 1 Oct 2024',
    );
    await casework.issueNotice('Sarah Bennett (Mother)', '2024-09-04');
    await expect.poll(() => casework.noticeRows('Sarah Bennett').count()).toBe(2);
    const second = await casework.noticeRows('Sarah Bennett').nth(1).textContent();
    expect(second).toContain('Second');
    expect(second).toContain('£160 by Tue 1 Oct 2024');
    expect(second).not.toContain('£80');
    await casework.issueNotice('Sarah Bennett (Mother)', '2024-09-05');
    await casework.refusal.waitFor();
    const refusal = (await casework.refusal.textContent()) ?? '';
    expect(refusal).toContain('No further notice can be issued');
    expect(refusal).toContain('A notice would be possible again from Sat 4 Sept 2027.');
    expect(refusal).toContain('Consider prosecuting the parent');
    expect(refusal).toContain('education supervision order');
    expect(await casework.noticeRows('Sarah Bennett').count()).toBe(2);
    // Paid today, within 21 days of receipt: the reduced amount.
    await casework.recordPaid('Sarah Bennett', 0, '2024-09-04');
    await expect
      .poll(() => casework.noticeRows('Sarah Bennett').first().textContent())
      .toContain('Paid £80 on Wed 4 Sept 2024');
    // Withdrawn, the second notice no longer counts towards the law's limit.
    await casework.recordWithdrawn(
      'Sarah Bennett',
      1,
      '2024-09-04',
      'Issued in error: the absences were authorised',
    );
    await expect
      .poll(() => casework.noticeRows('Sarah Bennett').nth(1).textContent())
      .toContain('Withdrawn on Wed 4 Sept 2024: Issued in error: the absences were authorised');
    expect(await casework.noticeRows('Sarah Bennett').nth(1).textContent()).toContain(
      'Does not count towards the limit of two in 3 years.',
    );
    await expectNoSeriousAccessibilityViolations(page);

    await casework.chooseLetter(concernLetter);
    await casework.previewLetter();
    const preview = await readPdfText(
      await casework.downloadPreview(families.noah.id, 'attendance-concern-1'),
    );
    expect(preview.text).toContain(concernLetter);
    expect(preview.text).toContain('Noah Bennett');
    await casework.sendLetter('email');
    await page
      .locator('.letter-form')
      .getByText(`${concernLetter} queued by email to Sarah Bennett.`)
      .waitFor();
    const sentRow = casework.lettersSent.locator('tbody tr').first();
    await sentRow.waitFor();
    expect(await sentRow.textContent()).toContain('Priya Shah');
    expect(await sentRow.textContent()).toContain('Email to Sarah Bennett');
    const pdfAddress = await sentRow.getByRole('link').getAttribute('href');
    const pdf = await page.request.get(pdfAddress ?? '');
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const sent = await readPdfText(new Uint8Array(await pdf.body()));
    expect(sent.text).toContain(concernLetter);
    expect(sent.text).toContain('Dear Sarah Bennett');
    // An officer does not export the register, so the evidence bundle is for the lead.
    expect(await casework.evidenceBundleLink.count()).toBe(0);
    await expectNoSeriousAccessibilityViolations(page);
    await saveScreenshot(page, 'casework');

    await page.goto('/');
    await page.getByRole('link', { name: /^Messages:/ }).click();
    const messages = new MessagesPage(page);
    await messages.heading.waitFor();
    await messages.rows.first().waitFor();
    const letterRow = (await messages.rows.first().textContent()) ?? '';
    expect(letterRow).toContain('Email to sarah.bennett@example.test');
    expect(letterRow).toContain('Noah Bennett: a concern about attendance');
    await messages.queueWeeklyUpdates({
      weekEnding: '2024-09-06',
      className: '3B',
      pupils: ['Bennett, Noah'],
    });
    await messages.queuedResult.waitFor();
    expect(await messages.queuedResult.textContent()).toContain('2 messages queued.');
    expect(await messages.queuedResult.textContent()).toContain('Bennett, Noah:');
    // One to each parent: an email to the mother, a text to the father who has no address.
    await expect.poll(() => messages.rows.count()).toBe(3);
    expect(await messages.rows.allTextContents()).toContainEqual(
      expect.stringMatching(/^.*Text to 07700 900456/) as unknown,
    );
    await expectNoSeriousAccessibilityViolations(page);
    await saveScreenshot(page, 'messages');
  }, 60_000);

  it('lets an administrator reword a letter and shows the new wording in a preview', async () => {
    const { page } = await world.signedInPage(admin);
    await page.getByRole('link', { name: /^Letter templates:/ }).click();
    const templates = new LetterTemplatesPage(page);
    await templates.heading.waitFor();
    await templates.choose(concernLetter);
    expect(await templates.wording.inputValue()).toContain('{{attendance.rate}}');

    await templates.saveWording('Dear {{parent.name}},\n\n{{pupil.shoeSize}}');
    await templates.problem.waitFor();
    expect(await templates.problem.textContent()).toContain(
      'unknown placeholder {{pupil.shoeSize}}',
    );
    await templates.saveWording(
      'Dear {{parent.name}},\n\nWe are worried that {{pupil.firstName}} has missed school. ' +
        'Please come and see us this week.\n\n{{school.signatory}}',
    );
    await templates.saved.waitFor();
    await expect
      .poll(() => templates.editorHeading.textContent())
      .toContain('School’s own wording');
    await expectNoSeriousAccessibilityViolations(page);
    await saveScreenshot(page, 'letter-templates');

    const casework = await new CaseworkPage(page).open(families.noah.id);
    await casework.heading('Noah Bennett').waitFor();
    await casework.chooseLetter(concernLetter);
    await casework.previewLetter();
    const preview = await readPdfText(
      await casework.downloadPreview(families.noah.id, 'attendance-concern-1'),
    );
    expect(preview.text).toContain('We are worried that Noah has missed school.');
    expect(preview.text).not.toContain('Every day in school matters');
    // The administrator may export the register, so the evidence bundle is offered.
    await casework.evidenceBundleLink.waitFor();
    await expectNoSeriousAccessibilityViolations(page);
  });

  it('lets a headteacher reword a letter, and shows the letterhead as the administrator set it', async () => {
    const head = await makeUserWithPassword(world.server.db, {
      role: 'headteacher',
      scope: { kind: 'school', schoolId: world.school.school.id },
      displayName: 'Grace Adeyemi',
    });
    const { page } = await world.signedInPage(head);
    await page.getByRole('link', { name: /^Letter templates:/ }).click();
    const templates = new LetterTemplatesPage(page);
    await templates.heading.waitFor();
    await templates.choose('Lateness');
    await templates.saveWording(
      'Dear {{parent.name}},\n\n{{pupil.firstName}} has often been late this term. ' +
        'Please help us get every morning off to a good start.\n\n{{school.signatory}}',
    );
    await templates.saved.waitFor();
    expect(await templates.saved.textContent()).toContain('is saved');
    await expect
      .poll(() => templates.editorHeading.textContent())
      .toContain('School’s own wording');
    expect(await templates.wording.inputValue()).toContain('has often been late this term');
    // The letterhead is the school's details, which an administrator sets.
    expect(await page.getByRole('button', { name: 'Save letterhead' }).count()).toBe(0);
    await page.getByText('An administrator sets the letterhead').waitFor();
    await expectNoSeriousAccessibilityViolations(page);
  });

  it('shows the server’s refusal to a teacher or a parent who types a casework address', async () => {
    const teacher = await world.signedInPage(world.school.teacher);
    const otherClassPupil = await world.server.db
      .selectFrom('enrolments')
      .select('pupil_id')
      .where('class_id', '=', world.school.otherClass.id)
      .executeTakeFirstOrThrow();
    await new CaseworkPage(teacher.page).open(otherClassPupil.pupil_id);
    const refusedTeacher = new NotAllowedPage(teacher.page);
    await refusedTeacher.heading.waitFor();
    await teacher.page
      .getByText('Your role (teacher) does not allow manage-follow-up for this pupil.')
      .waitFor();
    await expectNoSeriousAccessibilityViolations(teacher.page);

    const parent = await world.signedInPage(families.parent);
    await new CaseworkPage(parent.page).open(families.noah.id);
    await new NotAllowedPage(parent.page).heading.waitFor();
    await parent.page.getByText(/^Your role \(parent\) does not allow/).waitFor();
    expect(await parent.page.getByText('Bennett').count()).toBe(0);
  });
});
