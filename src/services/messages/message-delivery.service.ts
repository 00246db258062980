import { ok } from '../../domain/result.ts';
import { findLetter, findLetterPdf } from '../../store/letter.repository.ts';
import { findLetterhead } from '../../store/letter.repository.ts';
import {
  claimDueMessages,
  recordMessageFailed,
  recordMessageSent,
  type OutboundMessage,
} from '../../store/message.repository.ts';
import { findSchool } from '../../store/school.repository.ts';
import { runAtomically, type Executor } from '../../store/transaction.ts';
import type { Clock } from '../clock.ts';
import type { EmailAttachment, MessageChannels } from './message-channels.ts';

/** Minutes to wait before each retry; after the last, the message is given up and shown as failed. */
export const retryDelaysMinutes = [1, 5, 15, 60, 240, 720] as const;

// Long enough for one batch to be sent; a crashed deliverer's claims come back after it.
const leaseMinutes = 10;

export interface DeliveryReport {
  readonly sent: number;
  readonly failed: number;
  /** Failures that will not be retried again. */
  readonly givenUp: number;
}

export interface DeliveryDependencies {
  readonly db: Executor;
  readonly clock: Clock;
  readonly channels: MessageChannels;
}

/** When a message that has now failed `attempts` times is tried next, or null to give up. */
export function planNextAttempt(attempts: number, now: Date): Date | null {
  const delay = retryDelaysMinutes[attempts - 1];
  return delay === undefined ? null : new Date(now.getTime() + delay * 60_000);
}

/** Sends every message that is due, recording each success or failure; failures retry later. */
export async function deliverDueMessages(
  deps: DeliveryDependencies,
  options: { limit?: number } = {},
): Promise<DeliveryReport> {
  const now = deps.clock.now();
  const claimed = await claimDueMessages(deps.db, {
    now,
    leaseUntil: new Date(now.getTime() + leaseMinutes * 60_000),
    limit: options.limit ?? 100,
  });
  let sent = 0;
  let failed = 0;
  let givenUp = 0;
  for (const message of claimed) {
    const outcome = await deliverMessage(deps, message, now);
    if (outcome === 'sent') sent++;
    else {
      failed++;
      if (outcome === 'given-up') givenUp++;
    }
  }
  return { sent, failed, givenUp };
}

async function deliverMessage(
  deps: DeliveryDependencies,
  message: OutboundMessage,
  now: Date,
): Promise<'sent' | 'failed' | 'given-up'> {
  const fail = async (error: string) => {
    const nextAttemptAt = planNextAttempt(message.attempts + 1, now);
    await recordMessageFailed(deps.db, { messageId: message.id, error, nextAttemptAt });
    return nextAttemptAt === null ? 'given-up' : 'failed';
  };
  try {
    if (message.channel === 'sms') {
      // The text and its "sent" record commit together, so a text is never in the outbox twice.
      const outcome = await runAtomically(deps.db, async (trx) => {
        const sentText = await deps.channels.sms.send(trx, {
          messageId: message.id,
          to: message.recipient,
          body: message.body,
          at: now,
        });
        if (!sentText.ok) return sentText;
        await recordMessageSent(trx, { messageId: message.id, at: now });
        return ok(undefined);
      });
      return outcome.ok ? 'sent' : await fail(outcome.error);
    }
    const transport = deps.channels.email;
    if (transport === null) return await fail('no SMTP server is configured: set SMTP_URL');
    const school = await findSchool(deps.db, message.schoolId);
    const letterhead = await findLetterhead(deps.db, message.schoolId);
    const outcome = await transport.send({
      to: message.recipient,
      fromName: school?.name ?? 'Rollcall',
      replyTo: letterhead?.email ?? null,
      subject: message.subject,
      text: message.body,
      attachments: await findAttachments(deps.db, message.letterId),
    });
    if (!outcome.ok) return await fail(outcome.error);
    await recordMessageSent(deps.db, { messageId: message.id, at: now });
    return 'sent';
  } catch (error) {
    // An unexpected error must not strand the message: it is recorded and retried like any other.
    return await fail(error instanceof Error ? error.message : String(error));
  }
}

async function findAttachments(db: Executor, letterId: number | null): Promise<EmailAttachment[]> {
  if (letterId === null) return [];
  const letter = await findLetter(db, letterId);
  const pdf = await findLetterPdf(db, letterId);
  if (letter === undefined || pdf === undefined) return [];
  return [
    {
      filename: `${letter.kind}-${String(letter.id)}.pdf`,
      contentType: 'application/pdf',
      content: pdf,
    },
  ];
}
