import nodemailer from 'nodemailer';
import { err, ok, type Result } from '../../domain/result.ts';
import { recordOutboxText } from '../../store/message.repository.ts';
import type { Executor } from '../../store/transaction.ts';

export interface EmailAttachment {
  readonly filename: string;
  readonly contentType: string;
  readonly content: Uint8Array;
}

export interface OutgoingEmail {
  readonly to: string;
  /** Shown as the sender's name, e.g. the school's. */
  readonly fromName: string;
  readonly replyTo: string | null;
  readonly subject: string;
  readonly text: string;
  readonly attachments: readonly EmailAttachment[];
}

/** Hands an email to a mail server; a refusal or an outage is an expected failure. */
export interface EmailTransport {
  send(email: OutgoingEmail): Promise<Result<void, string>>;
}

export interface OutgoingText {
  readonly messageId: number;
  readonly to: string;
  readonly body: string;
  readonly at: Date;
}

/** Sends a text message; a gateway's client implements this, the local outbox by default. */
export interface SmsProvider {
  send(db: Executor, text: OutgoingText): Promise<Result<void, string>>;
}

/** How messages leave Rollcall; email is null when no SMTP server is configured. */
export interface MessageChannels {
  readonly email: EmailTransport | null;
  readonly sms: SmsProvider;
}

/**
 * Email over SMTP, configured by SMTP_URL (smtp://user:pass@host:port or smtps://...).
 * Mail goes out from `envelopeFrom`, with the school's name shown and replies to the school.
 */
export function createSmtpTransport(
  smtpUrl: string,
  options: { envelopeFrom?: string } = {},
): EmailTransport & { close(): void } {
  const transporter = nodemailer.createTransport(smtpUrl);
  const envelopeFrom = options.envelopeFrom ?? 'rollcall@localhost';
  return {
    async send(email) {
      try {
        await transporter.sendMail({
          from: { name: email.fromName, address: envelopeFrom },
          to: email.to,
          ...(email.replyTo === null ? {} : { replyTo: email.replyTo }),
          subject: email.subject,
          text: email.text,
          attachments: email.attachments.map((attachment) => ({
            filename: attachment.filename,
            contentType: attachment.contentType,
            content: Buffer.from(attachment.content),
          })),
        });
        return ok(undefined);
      } catch (error) {
        // The server's answer (e.g. "550 mailbox unavailable") is what the office needs to see.
        return err(error instanceof Error ? error.message : String(error));
      }
    },
    close() {
      transporter.close();
    },
  };
}

/**
 * The default SMS provider: each text is written to the sms_outbox table, in the same
 * transaction as its delivery record, for a gateway or a person to send on.
 */
export const localOutboxSmsProvider: SmsProvider = {
  async send(db, text) {
    await recordOutboxText(db, {
      messageId: text.messageId,
      phone: text.to,
      body: text.body,
      createdAt: text.at,
    });
    return ok(undefined);
  },
};

export const defaultMessageChannels: MessageChannels = { email: null, sms: localOutboxSmsProvider };
