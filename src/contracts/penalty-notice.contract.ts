import { z } from 'zod';
import { PenaltyNoticeSummary } from './casework.contract.ts';
import { IdInPath, IsoDateString } from './common.contract.ts';

export const PenaltyNoticeParams = z.object({ penaltyNoticeId: IdInPath });

export const penaltyNoticeStatuses = ['issued', 'paid', 'withdrawn'] as const;

/** A notice with what became of it: paid (when, how much) or withdrawn (why). */
export const PenaltyNoticeRecord = PenaltyNoticeSummary.extend({
  status: z.enum(penaltyNoticeStatuses),
  paidAmountPence: z.number().int().nullable(),
  withdrawalReason: z.string().nullable(),
  countsTowardsLimit: z
    .boolean()
    .describe('Withdrawn notices do not count towards the limit of two in 3 years'),
});

/** A pupil's notices, to every parent, each with what became of it. */
export const PenaltyNoticeList = z.object({ notices: z.array(PenaltyNoticeRecord) });

export const PenaltyPaymentBody = z.object({
  paidOn: IsoDateString,
  amountPence: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe('Checked against the amount due on the day paid; worked out when left out'),
});

export const PenaltyWithdrawalBody = z.object({
  withdrawnOn: IsoDateString,
  reason: z.string().trim().min(1, 'say why the notice was withdrawn').max(1000),
});

export type PenaltyNoticeRecord = z.infer<typeof PenaltyNoticeRecord>;
export type PenaltyNoticeList = z.infer<typeof PenaltyNoticeList>;
export type PenaltyPaymentBody = z.infer<typeof PenaltyPaymentBody>;
export type PenaltyWithdrawalBody = z.infer<typeof PenaltyWithdrawalBody>;
