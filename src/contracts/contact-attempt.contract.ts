import { z } from 'zod';
import { Id, IsoDateString } from './common.contract.ts';

/** How a call or message to a contact went; "reason-given" is followed by the reason's code. */
export const contactOutcomes = ['reached', 'no-answer', 'message-left', 'reason-given'] as const;
export type ContactOutcome = (typeof contactOutcomes)[number];

export const ContactAttemptRequest = z.object({
  contactId: Id.optional().describe('The contact called; omit for a call from an unknown number'),
  outcome: z.enum(contactOutcomes),
  note: z.string().trim().max(500).optional(),
  schoolId: Id.optional().describe('Needed only for a pupil on the roll of two schools'),
});
export type ContactAttemptRequest = z.infer<typeof ContactAttemptRequest>;

export const ContactAttemptQuery = z.object({
  since: IsoDateString.optional().describe(
    'Attempts on or after this day (London); today if omitted',
  ),
});

export const ContactAttemptResponse = z.object({
  id: z.number().int(),
  schoolId: z.number().int(),
  pupilId: z.number().int(),
  contactId: z.number().int().nullable(),
  contactName: z.string().nullable(),
  attemptedAt: z.iso.datetime(),
  outcome: z.enum(contactOutcomes),
  note: z.string().nullable(),
  madeBy: z.object({ userId: z.number().int(), name: z.string() }),
});
export type ContactAttemptResponse = z.infer<typeof ContactAttemptResponse>;

export const ContactAttemptList = z.object({ attempts: z.array(ContactAttemptResponse) });
export type ContactAttemptList = z.infer<typeof ContactAttemptList>;
