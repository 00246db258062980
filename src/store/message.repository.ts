import { sql, type Selectable } from 'kysely';
import type { MessageChannel, MessageStatus, OutboundMessagesTable } from './schema.ts';
import type { Executor } from './transaction.ts';

/** An email or text message on its way to a parent, with how its delivery is going. */
export interface OutboundMessage {
  readonly id: number;
  readonly schoolId: number;
  readonly pupilId: number | null;
  readonly channel: MessageChannel;
  readonly recipient: string;
  readonly subject: string;
  readonly body: string;
  readonly letterId: number | null;
  readonly status: MessageStatus;
  readonly attempts: number;
  readonly lastError: string | null;
  /** When delivery will next be tried; null once sent or given up. */
  readonly nextAttemptAt: Date | null;
  readonly createdAt: Date;
  readonly sentAt: Date | null;
}

export interface NewOutboundMessage {
  readonly schoolId: number;
  readonly pupilId: number | null;
  readonly channel: MessageChannel;
  readonly recipient: string;
  readonly subject: string;
  readonly body: string;
  readonly letterId: number | null;
  /** Messages with the same key are queued once (e.g. one weekly update per contact and week). */
  readonly dedupeKey: string | null;
  readonly at: Date;
}

/** Queues a message for delivery now; undefined when its dedupe key was queued already. */
export async function enqueueMessage(
  db: Executor,
  message: NewOutboundMessage,
): Promise<OutboundMessage | undefined> {
  const row = await db
    .insertInto('outbound_messages')
    .values({
      school_id: message.schoolId,
      pupil_id: message.pupilId,
      channel: message.channel,
      recipient: message.recipient,
      subject: message.subject,
      body: message.body,
      letter_id: message.letterId,
      dedupe_key: message.dedupeKey,
      next_attempt_at: message.at,
      created_at: message.at,
    })
    .onConflict((conflict) => conflict.column('dedupe_key').doNothing())
    .returningAll()
    .executeTakeFirst();
  return row === undefined ? undefined : toMessage(row);
}

/**
 * Takes up to `limit` messages due for delivery and moves their next attempt to the end of a
 * lease, so a second deliverer running at the same time skips them; a deliverer that dies
 * mid-way leaves them to be retried when the lease runs out.
 */
export async function claimDueMessages(
  db: Executor,
  claim: { now: Date; leaseUntil: Date; limit: number },
): Promise<OutboundMessage[]> {
  const rows = await db
    .updateTable('outbound_messages')
    .set({ next_attempt_at: claim.leaseUntil })
    .where(
      'id',
      'in',
      db
        .selectFrom('outbound_messages')
        .select('id')
        .where('status', 'in', ['queued', 'failed'])
        .where('next_attempt_at', '<=', claim.now)
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(claim.limit)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute();
  return rows.map(toMessage).sort((a, b) => a.id - b.id);
}

export async function recordMessageSent(
  db: Executor,
  outcome: { messageId: number; at: Date },
): Promise<void> {
  await db
    .updateTable('outbound_messages')
    .set({
      status: 'sent',
      sent_at: outcome.at,
      next_attempt_at: null,
      attempts: sql<number>`attempts + 1`,
    })
    .where('id', '=', outcome.messageId)
    .execute();
}

export async function recordMessageFailed(
  db: Executor,
  outcome: { messageId: number; error: string; nextAttemptAt: Date | null },
): Promise<void> {
  await db
    .updateTable('outbound_messages')
    .set({
      status: 'failed',
      last_error: outcome.error,
      next_attempt_at: outcome.nextAttemptAt,
      attempts: sql<number>`attempts + 1`,
    })
    .where('id', '=', outcome.messageId)
    .execute();
}

export async function listSchoolMessages(
  db: Executor,
  query: { schoolId: number; status?: MessageStatus; limit: number },
): Promise<OutboundMessage[]> {
  let builder = db
    .selectFrom('outbound_messages')
    .selectAll()
    .where('school_id', '=', query.schoolId);
  if (query.status !== undefined) builder = builder.where('status', '=', query.status);
  const rows = await builder
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit)
    .execute();
  return rows.map(toMessage);
}

export async function listPupilMessages(db: Executor, pupilId: number): Promise<OutboundMessage[]> {
  const rows = await db
    .selectFrom('outbound_messages')
    .selectAll()
    .where('pupil_id', '=', pupilId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toMessage);
}

/** A text message waiting in the local outbox for a gateway to pick up. */
export interface OutboxText {
  readonly id: number;
  readonly messageId: number;
  readonly phone: string;
  readonly body: string;
  readonly createdAt: Date;
}

export async function recordOutboxText(
  db: Executor,
  text: Omit<OutboxText, 'id'>,
): Promise<OutboxText> {
  const row = await db
    .insertInto('sms_outbox')
    .values({
      message_id: text.messageId,
      phone: text.phone,
      body: text.body,
      created_at: text.createdAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return {
    id: row.id,
    messageId: row.message_id,
    phone: row.phone,
    body: row.body,
    createdAt: row.created_at,
  };
}

export async function listOutboxTexts(
  db: Executor,
  messageIds: readonly number[],
): Promise<OutboxText[]> {
  if (messageIds.length === 0) return [];
  const rows = await db
    .selectFrom('sms_outbox')
    .selectAll()
    .where('message_id', 'in', messageIds)
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    messageId: row.message_id,
    phone: row.phone,
    body: row.body,
    createdAt: row.created_at,
  }));
}

function toMessage(row: Selectable<OutboundMessagesTable>): OutboundMessage {
  return {
    id: row.id,
    schoolId: row.school_id,
    pupilId: row.pupil_id,
    channel: row.channel,
    recipient: row.recipient,
    subject: row.subject,
    body: row.body,
    letterId: row.letter_id,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    nextAttemptAt: row.next_attempt_at,
    createdAt: row.created_at,
    sentAt: row.sent_at,
  };
}
