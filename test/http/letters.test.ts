import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/domain/access/access-policy.ts';
import {
  createSmtpTransport,
  localOutboxSmsProvider,
} from '../../src/services/messages/message-channels.ts';
import { deliverDueMessages } from '../../src/services/messages/message-delivery.service.ts';
import { addContact } from '../../src/store/pupil.repository.ts';
import { readPdfText } from '../support/pdf-text.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { sendAs, useApiWorld, type ApiWorld } from './api-world.ts';
import { readJson } from './test-app.ts';

const api = useApiWorld();
let world: ApiWorld;
let smtp: SmtpSink;
beforeAll(async () => {
  world = api.world;
  smtp = await startSmtpSink();
});
afterAll(async () => {
  await smtp.close();
});

function problemType(body: Record<string, unknown>): string {
  return String(body['type']).replace(/^.*\/problems\//, '');
}

describe('letter templates over HTTP', () => {
  it('lists every kind with its wording and the placeholders to the attendance lead', async () => {
    const response = await sendAs(world, 'attendance_lead', {
      method: 'GET',
      url: `/api/schools/${String(world.school.id)}/letter-templates`,
    });
    expect(response.statusCode).toBe(200);
    const body = readJson(response) as {
      templates: { kind: string; customised: boolean; fieldsNeeded: string[] }[];
      placeholders: { name: string }[];
    };
    expect(body.templates).toHaveLength(10);
    expect(body.templates.find((entry) => entry.kind === 'leave-decision')?.fieldsNeeded).toEqual([
      'leave.from',
      'leave.to',
      'leave.decision',
      'leave.reasons',
    ]);
    expect(body.placeholders.map((entry) => entry.name)).toContain('attendance.rate');
  });

  it('refuses a template with an unknown placeholder, naming it and its line', async () => {
    const response = await sendAs(world, 'admin', {
      method: 'PUT',
      url: `/api/schools/${String(world.school.id)}/letter-templates/lateness`,
      payload: {
        title: 'Lateness',
        emailSubject: 'Lateness',
        body: 'Dear {{parent.name}},\n{{pupil.shoeSize}}',
      },
    });
    expect(response.statusCode).toBe(422);
    const body = readJson(response);
    expect(problemType(body)).toBe('invalid-template');
    expect(body['detail']).toContain('body line 2: unknown placeholder {{pupil.shoeSize}}');
  });

  it('saves a template for an administrator or attendance lead and refuses the office', async () => {
    const payload = {
      title: 'Time keeping',
      emailSubject: 'Time keeping',
      body: 'Dear {{parent.name}},\n\n{{pupil.firstName}} was late {{attendance.lateSessions}} times.',
    };
    const url = `/api/schools/${String(world.school.id)}/letter-templates/lateness`;
    expect((await sendAs(world, 'office', { method: 'PUT', url, payload })).statusCode).toBe(403);
    expect(
      (await sendAs(world, 'attendance_lead', { method: 'PUT', url, payload })).statusCode,
    ).toBe(204);
    expect((await sendAs(world, 'admin', { method: 'PUT', url, payload })).statusCode).toBe(204);
    const list = readJson(
      await sendAs(world, 'headteacher', {
        method: 'GET',
        url: `/api/schools/${String(world.school.id)}/letter-templates`,
      }),
    ) as { templates: { kind: string; title: string; customised: boolean }[] };
    expect(list.templates.find((entry) => entry.kind === 'lateness')).toMatchObject({
      title: 'Time keeping',
      customised: true,
    });
  });

  it('returns a kind to the default wording when an administrator resets it', async () => {
    const url = `/api/schools/${String(world.school.id)}/letter-templates/notice-to-improve`;
    const payload = { title: 'Notice', emailSubject: 'Notice', body: 'Dear {{parent.name}}' };
    expect((await sendAs(world, 'admin', { method: 'PUT', url, payload })).statusCode).toBe(204);
    const admin = world.clients.get('admin')!;
    const reset = () =>
      world.testApp.app.inject({
        method: 'DELETE',
        url,
        headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken },
      });
    expect((await reset()).statusCode).toBe(204);
    expect((await reset()).statusCode).toBe(404);
  });

  it('keeps the letterhead an administrator sets and prints it on letters', async () => {
    const url = `/api/schools/${String(world.school.id)}/letterhead`;
    const letterhead = {
      address: '12 Orchard Road\nOadby',
      phone: '0116 496 0999',
      email: 'office@school-a.example',
      signatory: 'Mr T Okafor, Headteacher',
    };
    expect(
      (await sendAs(world, 'attendance_lead', { method: 'PUT', url, payload: letterhead }))
        .statusCode,
    ).toBe(403);
    const saved = await sendAs(world, 'admin', { method: 'PUT', url, payload: letterhead });
    expect(saved.statusCode).toBe(200);
    expect(readJson(await sendAs(world, 'attendance_lead', { method: 'GET', url }))).toEqual({
      schoolId: world.school.id,
      ...letterhead,
    });
    const invalid = await sendAs(world, 'admin', {
      method: 'PUT',
      url,
      payload: { ...letterhead, email: 'not an address' },
    });
    expect(invalid.statusCode).toBe(400);
    const preview = await sendAs(world, 'attendance_lead', {
      method: 'POST',
      url: `/api/pupils/${String(world.child.id)}/letters/preview`,
      payload: { kind: 'penalty-notice-warning' },
    });
    const { text } = await readPdfText(preview.rawPayload);
    expect(text).toContain('12 Orchard Road Oadby');
    expect(text).toContain('Mr T Okafor, Headteacher');
    expect(text).toContain('0116 496 0999');
  });

  it('rejects an unknown kind and malformed ids as validation problems', async () => {
    const unknownKind = await sendAs(world, 'admin', {
      method: 'PUT',
      url: `/api/schools/${String(world.school.id)}/letter-templates/love-letter`,
      payload: { title: 'x', emailSubject: 'x', body: 'x' },
    });
    expect(unknownKind.statusCode).toBe(400);
    expect(JSON.stringify(readJson(unknownKind)['errors'])).toContain('params.kind');
    const badPupil = await sendAs(world, 'attendance_lead', {
      method: 'POST',
      url: '/api/pupils/abc/letters/preview',
      payload: { kind: 'lateness' },
    });
    expect(badPupil.statusCode).toBe(400);
    const badField = await sendAs(world, 'attendance_lead', {
      method: 'POST',
      url: `/api/pupils/${String(world.child.id)}/letters`,
      payload: { kind: 'lateness', delivery: 'fax', fields: { 'pupil.name': 'x' } },
    });
    expect(badField.statusCode).toBe(400);
    const fields = JSON.stringify(readJson(badField)['errors']);
    expect(fields).toContain('body.delivery');
    expect(fields).toContain('body.fields');
  });
});

describe('letters for a pupil over HTTP', () => {
  it('previews a letter as a PDF naming the pupil and the school', async () => {
    const response = await sendAs(world, 'attendance_lead', {
      method: 'POST',
      url: `/api/pupils/${String(world.child.id)}/letters/preview`,
      payload: { kind: 'request-for-reasons' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const { text } = await readPdfText(response.rawPayload);
    expect(text).toContain(world.school.name);
    expect(text).toContain(`${world.child.legalFirstName} ${world.child.legalLastName}`);
    expect(text).toContain('Dear Rosamund Quillfeather');
  });

  it('asks for the fields a leave decision needs', async () => {
    const response = await sendAs(world, 'headteacher', {
      method: 'POST',
      url: `/api/pupils/${String(world.child.id)}/letters/preview`,
      payload: { kind: 'leave-decision', fields: { 'leave.from': '2024-10-01' } },
    });
    expect(response.statusCode).toBe(422);
    expect(readJson(response)['detail']).toBe(
      'This letter needs leave.to, leave.decision, leave.reasons; give them in fields.',
    );
  });

  it('records a printed letter, lists it and serves its PDF; refuses email with no address', async () => {
    const url = `/api/pupils/${String(world.child.id)}/letters`;
    const byEmail = await sendAs(world, 'attendance_officer', {
      method: 'POST',
      url,
      payload: { kind: 'lateness', delivery: 'email' },
    });
    expect(byEmail.statusCode).toBe(422);
    expect(problemType(readJson(byEmail))).toBe('no-recipients');

    const printed = await sendAs(world, 'attendance_officer', {
      method: 'POST',
      url,
      payload: { kind: 'attendance-concern-1', delivery: 'print' },
    });
    expect(printed.statusCode).toBe(201);
    const letter = (readJson(printed) as { letter: { id: number; sentBy: { id: number } } }).letter;
    expect(letter.sentBy.id).toBe(world.users.get('attendance_officer')?.id);

    const list = readJson(await sendAs(world, 'attendance_lead', { method: 'GET', url })) as {
      letters: { id: number; kind: string; delivery: string; sentAt: string }[];
    };
    expect(list.letters).toContainEqual(
      expect.objectContaining({
        id: letter.id,
        kind: 'attendance-concern-1',
        delivery: 'print',
      }) as unknown,
    );
    const pdf = await sendAs(world, 'headteacher', {
      method: 'GET',
      url: `/api/letters/${String(letter.id)}/pdf`,
    });
    expect(pdf.statusCode).toBe(200);
    expect((await readPdfText(pdf.rawPayload)).text).toContain('Concern about attendance');
  });

  it('emails a letter with the PDF attached once delivery runs against a real SMTP server', async () => {
    const pupil = world.classmates[0]!;
    await addContact(world.db, {
      pupilId: pupil.id,
      userId: null,
      name: 'Hester Marchbanks',
      relationship: 'grandmother',
      parentalResponsibility: true,
      emergencyContact: true,
      phone: null,
      email: 'hester@example.test',
      priority: 1,
    });
    const response = await sendAs(world, 'attendance_lead', {
      method: 'POST',
      url: `/api/pupils/${String(pupil.id)}/letters`,
      payload: { kind: 'request-for-reasons', delivery: 'email' },
    });
    expect(response.statusCode).toBe(201);
    expect(readJson(response)['messages']).toEqual([
      { id: expect.any(Number) as unknown, status: 'queued' },
    ]);
    const transport = createSmtpTransport(smtp.url, { envelopeFrom: 'letters@school.example' });
    try {
      const report = await deliverDueMessages({
        db: world.db,
        clock: world.testApp.clock,
        channels: { email: transport, sms: localOutboxSmsProvider },
      });
      expect(report.sent).toBeGreaterThanOrEqual(1);
    } finally {
      transport.close();
    }
    const mail = smtp.received.find((candidate) => candidate.to.includes('hester@example.test'));
    expect(mail?.from).toBe('letters@school.example');
    expect(mail?.raw).toContain('Content-Type: application/pdf');
    const messages = readJson(
      await sendAs(world, 'attendance_lead', {
        method: 'GET',
        url: `/api/schools/${String(world.school.id)}/messages?status=sent`,
      }),
    ) as { messages: { recipient: string; status: string; attempts: number }[] };
    expect(messages.messages).toContainEqual(
      expect.objectContaining({
        recipient: 'hester@example.test',
        status: 'sent',
        attempts: 1,
      }) as unknown,
    );
  });

  it('gives the head an evidence bundle PDF and records that it was produced', async () => {
    const response = await sendAs(world, 'headteacher', {
      method: 'GET',
      url: `/api/pupils/${String(world.child.id)}/evidence-bundle`,
    });
    expect(response.statusCode).toBe(200);
    const { text } = await readPdfText(response.rawPayload);
    expect(text).toContain(`Attendance evidence: ${world.child.legalFirstName}`);
    expect(text).toContain('Registration certificate');
    const audit = await world.db
      .selectFrom('audit_log')
      .select('action')
      .where('subject_pupil_id', '=', world.child.id)
      .execute();
    expect(audit.map((row) => row.action)).toContain('evidence-bundle-produced');
  });
});

describe('who may use letters and messages', () => {
  const refused: Role[] = ['parent', 'teacher', 'governor', 'office', 'la_officer'];
  it.each(refused)(
    'refuses the %s letters, previews, bundles and the message list',
    async (role) => {
      const pupilId = String(world.child.id);
      const schoolId = String(world.school.id);
      const requests = [
        { method: 'GET', url: `/api/schools/${schoolId}/letter-templates` },
        {
          method: 'POST',
          url: `/api/pupils/${pupilId}/letters/preview`,
          payload: { kind: 'lateness' },
        },
        {
          method: 'POST',
          url: `/api/pupils/${pupilId}/letters`,
          payload: { kind: 'lateness', delivery: 'print' },
        },
        { method: 'GET', url: `/api/pupils/${pupilId}/letters` },
        { method: 'GET', url: `/api/pupils/${pupilId}/evidence-bundle` },
        { method: 'GET', url: `/api/schools/${schoolId}/messages` },
        {
          method: 'POST',
          url: `/api/schools/${schoolId}/messages/weekly-updates`,
          payload: { weekEnding: '2024-09-06', pupilIds: [world.child.id] },
        },
      ] as const;
      for (const request of requests) {
        const response = await sendAs(world, role, request);
        expect(response.statusCode, `${request.method} ${request.url}`).toBe(403);
      }
    },
  );

  it('refuses the evidence bundle to an attendance officer (export-register)', async () => {
    const response = await sendAs(world, 'attendance_officer', {
      method: 'GET',
      url: `/api/pupils/${String(world.child.id)}/evidence-bundle`,
    });
    expect(response.statusCode).toBe(403);
  });

  it('refuses anyone signed out', async () => {
    const response = await world.testApp.app.inject({
      method: 'GET',
      url: `/api/pupils/${String(world.child.id)}/letters`,
    });
    expect(response.statusCode).toBe(401);
  });
});

describe('weekly updates over HTTP', () => {
  it('refuses pupils who are not on the roll, naming them', async () => {
    const response = await sendAs(world, 'attendance_lead', {
      method: 'POST',
      url: `/api/schools/${String(world.school.id)}/messages/weekly-updates`,
      payload: { weekEnding: '2024-09-06', pupilIds: [world.elsewherePupil.id] },
    });
    expect(response.statusCode).toBe(422);
    expect(JSON.stringify(readJson(response)['errors'])).toContain(
      `pupil ${String(world.elsewherePupil.id)} is not on roll`,
    );
  });

  it('queues texts to parents with a phone and reports the week', async () => {
    const response = await sendAs(world, 'attendance_lead', {
      method: 'POST',
      url: `/api/schools/${String(world.school.id)}/messages/weekly-updates`,
      payload: { weekEnding: '2024-09-06', pupilIds: [world.child.id] },
    });
    expect(response.statusCode).toBe(200);
    expect(readJson(response)).toMatchObject({ queued: 2, unreachablePupilIds: [] });
  });

  it('rejects an empty pupil list and a malformed date', async () => {
    const response = await sendAs(world, 'attendance_lead', {
      method: 'POST',
      url: `/api/schools/${String(world.school.id)}/messages/weekly-updates`,
      payload: { weekEnding: '6/9/2024', pupilIds: [] },
    });
    expect(response.statusCode).toBe(400);
    const errors = JSON.stringify(readJson(response)['errors']);
    expect(errors).toContain('body.weekEnding');
    expect(errors).toContain('body.pupilIds');
  });
});
