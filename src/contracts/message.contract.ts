import { z } from 'zod';
import { Id, IsoDateString } from './common.contract.ts';

export const MessageStatusName = z.enum(['queued', 'sent', 'failed']);

export const MessageListQuery = z.object({
  status: MessageStatusName.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** A message's delivery, without its text: the list is for chasing failures. */
export const MessageSummary = z.object({
  id: z.number().int(),
  pupilId: z.number().int().nullable(),
  channel: z.enum(['email', 'sms']),
  recipient: z.string(),
  subject: z.string(),
  letterId: z.number().int().nullable(),
  status: MessageStatusName,
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.iso.datetime().nullable().describe('null once sent, or after the last retry'),
  createdAt: z.iso.datetime(),
  sentAt: z.iso.datetime().nullable(),
});

export const MessageList = z.object({ messages: z.array(MessageSummary) });

export const WeeklyUpdateRequest = z.object({
  weekEnding: IsoDateString.describe('The last day of the week reported (usually a Friday)'),
  pupilIds: z
    .array(Id)
    .min(1, 'name at least one pupil')
    .max(2000)
    .describe('Pupils in a monitored stage whose parents get the update'),
});

export const WeeklyUpdateResponse = z.object({
  queued: z.number().int(),
  unreachablePupilIds: z.array(z.number().int()),
  pupils: z.array(
    z.object({
      pupilId: z.number().int(),
      trend: z.enum(['up', 'down', 'same', 'first-week']),
      thisWeek: z.object({ attended: z.number().int(), possible: z.number().int() }),
      lastWeek: z.object({ attended: z.number().int(), possible: z.number().int() }),
    }),
  ),
});
