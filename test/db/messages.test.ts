import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendLetter } from '../../src/services/letter.service.ts';
import {
  createSmtpTransport,
  localOutboxSmsProvider,
  type MessageChannels,
} from '../../src/services/messages/message-channels.ts';
import { deliverDueMessages } from '../../src/services/messages/message-delivery.service.ts';
import { queueWeeklyAttendanceUpdates } from '../../src/services/messages/weekly-update.service.ts';
import {
  enqueueMessage,
  listOutboxTexts,
  listPupilMessages,
} from '../../src/store/message.repository.ts';
import { createTestClock } from '../http/test-app.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { makeLetterWorld } from './letter-world.ts';
import { useTestDatabase } from './test-database.ts';

describe('messages', () => {
  const database = useTestDatabase();
  let smtp: SmtpSink;
  let transport: ReturnType<typeof createSmtpTransport>;
  let channels: MessageChannels;
  beforeAll(async () => {
    smtp = await startSmtpSink();
    transport = createSmtpTransport(smtp.url);
    channels = { email: transport, sms: localOutboxSmsProvider };
  });
  afterAll(async () => {
    transport.close();
    await smtp.close();
  });

  it('email a letter through a real SMTP server with the PDF attached', async () => {
    const world = await makeLetterWorld(database.db);
    const clock = createTestClock(new Date('2024-09-13T15:00:00Z'));
    const sent = await sendLetter(
      { db: database.db, clock },
      {
        pupilId: world.pupil.id,
        schoolIds: [world.school.id],
        kind: 'attendance-concern-1',
        fields: {},
        senderName: 'Ms Ada Lovelace',
        senderUserId: world.lead.id,
        delivery: 'email',
      },
    );
    if (!sent.ok) throw new Error(sent.error.kind);
    const before = smtp.received.length;
    expect(await deliverDueMessages({ db: database.db, clock, channels })).toEqual({
      sent: 1,
      failed: 0,
      givenUp: 0,
    });
    const mail = smtp.received[before];
    expect(mail?.to).toEqual(['rosamund@example.test']);
    expect(mail?.raw).toContain('Subject: Ottoline Pendlebury: a concern about attendance');
    expect(mail?.raw).toContain(`From: ${world.school.name} <rollcall@localhost>`);
    expect(mail?.raw).toContain('Reply-To: office@meadowbank.example');
    expect(mail?.raw).toMatch(/Content-Type: application\/pdf; name=attendance-concern-1-\d+\.pdf/);
    expect(mail?.raw).toContain('Content-Disposition: attachment');
    const [message] = await listPupilMessages(database.db, world.pupil.id);
    expect(message).toMatchObject({ status: 'sent', attempts: 1, sentAt: clock.now() });
    // Nothing is due any more: a second run sends nothing twice.
    expect((await deliverDueMessages({ db: database.db, clock, channels })).sent).toBe(0);
  });

  it('record a refused delivery, retry it later with backoff, and send it once the server accepts', async () => {
    const world = await makeLetterWorld(database.db);
    const clock = createTestClock(new Date('2024-09-13T15:00:00Z'));
    await enqueueMessage(database.db, {
      schoolId: world.school.id,
      pupilId: world.pupil.id,
      channel: 'email',
      recipient: 'rosamund@example.test',
      subject: 'Attendance',
      body: 'Hello',
      letterId: null,
      dedupeKey: null,
      at: clock.now(),
    });
    smtp.rejecting = true;
    try {
      expect(await deliverDueMessages({ db: database.db, clock, channels })).toMatchObject({
        sent: 0,
        failed: 1,
      });
      const [failed] = await listPupilMessages(database.db, world.pupil.id);
      expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
      expect(failed?.lastError).toMatch(/550/);
      expect(failed?.nextAttemptAt).toEqual(new Date('2024-09-13T15:01:00Z'));

      // Not due yet: nothing is tried.
      expect((await deliverDueMessages({ db: database.db, clock, channels })).failed).toBe(0);
      clock.advanceMinutes(1);
      expect((await deliverDueMessages({ db: database.db, clock, channels })).failed).toBe(1);
      const [again] = await listPupilMessages(database.db, world.pupil.id);
      expect(again).toMatchObject({ status: 'failed', attempts: 2 });
      expect(again?.nextAttemptAt).toEqual(new Date('2024-09-13T15:06:00Z'));
    } finally {
      smtp.rejecting = false;
    }
    clock.advanceMinutes(5);
    expect((await deliverDueMessages({ db: database.db, clock, channels })).sent).toBe(1);
    const [delivered] = await listPupilMessages(database.db, world.pupil.id);
    expect(delivered).toMatchObject({ status: 'sent', attempts: 3 });
  });

  it('keep emails queued with a clear error when no SMTP server is configured', async () => {
    const world = await makeLetterWorld(database.db);
    const clock = createTestClock(new Date('2024-09-13T15:00:00Z'));
    await enqueueMessage(database.db, {
      schoolId: world.school.id,
      pupilId: world.pupil.id,
      channel: 'email',
      recipient: 'rosamund@example.test',
      subject: 'Attendance',
      body: 'Hello',
      letterId: null,
      dedupeKey: null,
      at: clock.now(),
    });
    await deliverDueMessages({
      db: database.db,
      clock,
      channels: { email: null, sms: localOutboxSmsProvider },
    });
    const [message] = await listPupilMessages(database.db, world.pupil.id);
    expect(message?.status).toBe('failed');
    expect(message?.lastError).toBe('no SMTP server is configured: set SMTP_URL');
  });

  it('give up after the last retry and leave the message visible as failed', async () => {
    const world = await makeLetterWorld(database.db);
    const clock = createTestClock(new Date('2024-09-13T15:00:00Z'));
    await enqueueMessage(database.db, {
      schoolId: world.school.id,
      pupilId: world.pupil.id,
      channel: 'email',
      recipient: 'rosamund@example.test',
      subject: 'Attendance',
      body: 'Hello',
      letterId: null,
      dedupeKey: null,
      at: clock.now(),
    });
    const offline = { email: null, sms: localOutboxSmsProvider };
    for (let attempt = 0; attempt < 7; attempt++) {
      await deliverDueMessages({ db: database.db, clock, channels: offline });
      clock.advanceMinutes(24 * 60);
    }
    const [message] = await listPupilMessages(database.db, world.pupil.id);
    expect(message).toMatchObject({ status: 'failed', attempts: 7, nextAttemptAt: null });
  });

  it('queue weekly updates with the week up on last week, by email or else by text to the local outbox, once per week', async () => {
    const world = await makeLetterWorld(database.db);
    const clock = createTestClock(new Date('2024-09-13T16:00:00Z'));
    const request = {
      schoolId: world.school.id,
      weekEnding: '2024-09-13',
      pupilIds: [world.pupil.id, world.pupilIds[1] ?? 0],
      actorUserId: world.lead.id,
    };
    const queued = await queueWeeklyAttendanceUpdates({ db: database.db, clock }, request);
    if (!queued.ok) throw new Error(queued.error.kind);
    expect(queued.value.queued).toBe(2);
    expect(queued.value.unreachablePupilIds).toEqual([world.pupilIds[1]]);
    expect(queued.value.figures[0]).toMatchObject({
      trend: 'up',
      thisWeek: { attended: 10, possible: 10 },
      lastWeek: { attended: 6, possible: 10 },
    });
    const again = await queueWeeklyAttendanceUpdates({ db: database.db, clock }, request);
    expect(again.ok && again.value.queued).toBe(0);

    await deliverDueMessages({ db: database.db, clock, channels });
    const messages = await listPupilMessages(database.db, world.pupil.id);
    expect(messages.map((message) => [message.channel, message.status])).toEqual([
      ['email', 'sent'],
      ['sms', 'sent'],
    ]);
    const texts = await listOutboxTexts(
      database.db,
      messages.map((message) => message.id),
    );
    expect(texts.map((text) => text.phone)).toEqual(['07700 900123']);
    expect(texts[0]?.body).toContain('100.0% (10 of 10 sessions), up from 60.0% last week');
  });
});
