import { describe, expect, it } from 'vitest';
import { findDefaultTemplate } from '../../src/documents/default-letter-templates.ts';
import { letterKinds, validateTemplateText } from '../../src/documents/letter-template.ts';
import { buildEvidenceBundle } from '../../src/services/evidence-bundle.service.ts';
import {
  listEffectiveTemplates,
  resetSchoolTemplate,
  saveSchoolTemplate,
} from '../../src/services/letter-template.service.ts';
import { prepareLetter, sendLetter } from '../../src/services/letter.service.ts';
import { listAuditEvents } from '../../src/store/audit.repository.ts';
import { recordContactAttempt } from '../../src/store/contact-attempt.repository.ts';
import { findLetterPdf, listPupilLetters } from '../../src/store/letter.repository.ts';
import { readPdfText, readPdfTitle } from '../support/pdf-text.ts';
import { makeLetterWorld } from './letter-world.ts';
import { clockAt } from './school-fixture.ts';
import { useTestDatabase } from './test-database.ts';

const friday = clockAt('2024-09-13T15:00:00Z');

describe('letters', () => {
  const database = useTestDatabase();

  it('ship a valid default template for every kind of letter', () => {
    for (const kind of letterKinds) {
      const template = findDefaultTemplate(kind);
      expect(validateTemplateText(template).ok, kind).toBe(true);
      expect(template.body.length, kind).toBeGreaterThan(50);
    }
  });

  it('render a concern letter as a PDF naming the pupil, the rate, the parent and the school', async () => {
    const world = await makeLetterWorld(database.db);
    const letter = await prepareLetter(
      { db: database.db, clock: friday },
      {
        pupilId: world.pupil.id,
        schoolIds: [world.school.id],
        kind: 'attendance-concern-1',
        fields: {},
        senderName: 'Ms Ada Lovelace',
      },
    );
    if (!letter.ok) throw new Error(letter.error.kind);
    const { text } = await readPdfText(letter.value.pdf);
    expect(text).toContain(world.school.name);
    expect(text).toContain('1 Mill Lane');
    expect(text).toContain('0116 496 0000');
    expect(text).toContain('13 September 2024');
    expect(text).toContain('Dear Rosamund Pendlebury');
    expect(text).toContain('Ottoline Pendlebury');
    expect(text).toContain('80.0%');
    expect(text).toContain('Mrs J Patel, Headteacher');
    expect(await readPdfTitle(letter.value.pdf)).toBe('Concern about attendance');
  });

  it('refuse to render a letter whose template needs fields the sender did not give', async () => {
    const world = await makeLetterWorld(database.db);
    const letter = await prepareLetter(
      { db: database.db, clock: friday },
      {
        pupilId: world.pupil.id,
        schoolIds: [world.school.id],
        kind: 'leave-decision',
        fields: { 'leave.from': '2024-10-01' },
        senderName: 'Ms Ada Lovelace',
      },
    );
    expect(letter).toEqual({
      ok: false,
      error: {
        kind: 'missing-letter-fields',
        fields: ['leave.to', 'leave.decision', 'leave.reasons'],
      },
    });
  });

  it('print the registration certificate session by session with a key to the codes', async () => {
    const world = await makeLetterWorld(database.db);
    const letter = await prepareLetter(
      { db: database.db, clock: friday },
      {
        pupilId: world.pupil.id,
        schoolIds: [world.school.id],
        kind: 'registration-certificate',
        fields: { 'period.from': '2024-09-02', 'period.to': '2024-09-06' },
        senderName: 'Ms Ada Lovelace',
      },
    );
    if (!letter.ok) throw new Error(letter.error.kind);
    const { text } = await readPdfText(letter.value.pdf);
    expect(text).toContain('from 2 September 2024 to 6 September 2024');
    expect(text).toContain('2024-09-03 Tue O O');
    expect(text).toContain('2024-09-06 Fri / /');
    expect(text).not.toContain('2024-09-09');
    expect(text).toContain('O Absent in other or unknown circumstances');
    expect(text).toContain('60.0%');
  });

  it('use a school template once saved, and refuse an unknown placeholder by name and line', async () => {
    const world = await makeLetterWorld(database.db);
    const deps = { db: database.db, clock: friday };
    const refused = await saveSchoolTemplate(deps, {
      schoolId: world.school.id,
      actorUserId: world.lead.id,
      template: {
        kind: 'lateness',
        title: 'Punctuality',
        emailSubject: 'Punctuality',
        body: 'Dear {{parent.name}},\n\n{{pupil.nickname}} was late {{ attendance.lateSessions }} times.\n{{oops',
      },
    });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.map((problem) => [problem.field, problem.line, problem.message])).toEqual([
      [
        'body',
        3,
        'unknown placeholder {{pupil.nickname}}; use one of the listed placeholders (e.g. {{pupil.firstName}})',
      ],
      ['body', 4, 'a placeholder is not closed: write it as {{name}} on one line'],
    ]);

    const saved = await saveSchoolTemplate(deps, {
      schoolId: world.school.id,
      actorUserId: world.lead.id,
      template: {
        kind: 'lateness',
        title: 'Punctuality at {{school.name}}',
        emailSubject: 'Punctuality',
        body: 'Dear {{parent.name}},\n\n{{pupil.firstName}} has been late {{ attendance.lateSessions }} times.',
      },
    });
    expect(saved.ok).toBe(true);
    const templates = await listEffectiveTemplates(database.db, world.school.id);
    expect(templates.find((entry) => entry.template.kind === 'lateness')?.customised).toBe(true);
    const letter = await prepareLetter(deps, {
      pupilId: world.pupil.id,
      schoolIds: [world.school.id],
      kind: 'lateness',
      fields: {},
      senderName: 'Ms Ada Lovelace',
    });
    if (!letter.ok) throw new Error(letter.error.kind);
    const { text } = await readPdfText(letter.value.pdf);
    expect(text).toContain(`Punctuality at ${world.school.name}`);
    expect(text).toContain('Ottoline has been late 0 times.');

    expect(
      (
        await resetSchoolTemplate(deps, {
          schoolId: world.school.id,
          kind: 'lateness',
          actorUserId: world.lead.id,
        })
      ).ok,
    ).toBe(true);
    const after = await listEffectiveTemplates(database.db, world.school.id);
    expect(after.find((entry) => entry.template.kind === 'lateness')?.customised).toBe(false);
  });

  it('log a sent letter against the pupil with who, what and when, and keep the PDF', async () => {
    const world = await makeLetterWorld(database.db);
    const sent = await sendLetter(
      { db: database.db, clock: friday },
      {
        pupilId: world.pupil.id,
        schoolIds: [world.school.id],
        kind: 'request-for-reasons',
        fields: {},
        senderName: 'Ms Ada Lovelace',
        senderUserId: world.lead.id,
        delivery: 'email',
      },
    );
    if (!sent.ok) throw new Error(sent.error.kind);
    expect(sent.value.messages.map((message) => message.recipient)).toEqual([
      'rosamund@example.test',
    ]);
    const letters = await listPupilLetters(database.db, {
      pupilId: world.pupil.id,
      schoolIds: [world.school.id],
    });
    expect(letters).toEqual([
      expect.objectContaining({
        kind: 'request-for-reasons',
        delivery: 'email',
        sentByName: 'Ms Ada Lovelace',
        sentAt: friday.now(),
        recipients: ['Rosamund Pendlebury'],
      }),
    ]);
    const pdf = await findLetterPdf(database.db, sent.value.letter.id);
    expect((await readPdfText(pdf ?? new Uint8Array())).text).toContain('Ottoline Pendlebury');
    const audit = await listAuditEvents(database.db, {
      from: new Date(0),
      to: new Date('2030-01-01'),
      subjectPupilId: world.pupil.id,
    });
    expect(audit).toEqual([
      expect.objectContaining({ action: 'letter-emailed', actorUserId: world.lead.id }),
    ]);
    await expect(
      database.db.deleteFrom('letters').where('id', '=', sent.value.letter.id).execute(),
    ).rejects.toThrow(/kept as sent/);
  });

  it('refuse to email a letter when no parent has an email address, and record a printed one', async () => {
    const world = await makeLetterWorld(database.db);
    const request = {
      pupilId: world.pupilIds[1] ?? 0,
      schoolIds: [world.school.id],
      kind: 'attendance-certificate' as const,
      fields: {},
      senderName: 'Ms Ada Lovelace',
      senderUserId: world.lead.id,
    };
    const deps = { db: database.db, clock: friday };
    expect(await sendLetter(deps, { ...request, delivery: 'email' })).toEqual({
      ok: false,
      error: { kind: 'no-email-recipients' },
    });
    const printed = await sendLetter(deps, { ...request, delivery: 'print' });
    expect(printed.ok && printed.value.letter.delivery).toBe('print');
    expect(printed.ok && printed.value.messages).toEqual([]);
  });

  it('bundle the evidence for a referral: summary, letters, contacts and audit in date order, and the register', async () => {
    const world = await makeLetterWorld(database.db);
    const deps = { db: database.db, clock: friday };
    await recordContactAttempt(database.db, {
      schoolId: world.school.id,
      pupilId: world.pupil.id,
      contactId: world.mother.id,
      attemptedAt: new Date('2024-09-03T08:30:00Z'),
      outcome: 'no-answer',
      note: 'Rang twice',
      madeBy: world.office.id,
    });
    await sendLetter(deps, {
      pupilId: world.pupil.id,
      schoolIds: [world.school.id],
      kind: 'attendance-concern-1',
      fields: {},
      senderName: 'Ms Ada Lovelace',
      senderUserId: world.lead.id,
      delivery: 'print',
    });
    await sendLetter(deps, {
      pupilId: world.pupil.id,
      schoolIds: [world.school.id],
      kind: 'request-for-reasons',
      fields: {},
      senderName: 'Ms Ada Lovelace',
      senderUserId: world.lead.id,
      delivery: 'email',
    });
    const bundle = await buildEvidenceBundle(deps, {
      pupilId: world.pupil.id,
      schoolIds: [world.school.id],
      producedBy: { userId: world.lead.id, name: 'Ms Ada Lovelace' },
    });
    if (!bundle.ok) throw new Error(bundle.error.kind);
    const { text, pages } = await readPdfText(bundle.value.pdf);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(text).toContain('Attendance evidence: Ottoline Pendlebury');
    expect(text).toContain('Attendance 80.0%');
    expect(text).toContain('Unauthorised absences (sessions) 4');
    const contact = text.indexOf('Rosamund Pendlebury; outcome: no-answer; Rang twice');
    const letter = text.indexOf('Concern about attendance (printed)');
    const audit = text.indexOf('letter-printed');
    expect(contact).toBeGreaterThan(0);
    expect(letter).toBeGreaterThan(contact);
    expect(audit).toBeGreaterThan(0);
    expect(text).toContain('2024-09-04 Wed O O');
    expect(text).toContain(
      'Email to rosamund@example.test: "Ottoline Pendlebury: please tell us why they were absent"; queued after 0 attempt(s)',
    );
  });
});
