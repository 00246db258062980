import { z } from 'zod';
import { IsoDateString } from './common.contract.ts';
import * as followUp from './follow-up.contract.ts';
import * as letters from './letter.contract.ts';
import * as messages from './message.contract.ts';

/** An escalation ladder's rungs, for choosing where a case starts and where it goes next. */
export const CaseLadderSummary = z.object({
  id: z.string(),
  title: z.string(),
  stages: z.array(z.object({ stage: z.number().int(), title: z.string() })),
});

export const CaseLadderList = z.object({
  ladders: z.array(CaseLadderSummary),
  schoolLadder: z
    .string()
    .nullable()
    .describe("The ladder of the school's policy preset, when it has one; staff choose otherwise"),
});
export type CaseLadderList = z.infer<typeof CaseLadderList>;

export const PenaltyNoticeSummary = followUp.PenaltyNoticeResponse.extend({
  schoolId: z.number().int(),
  caseId: z.number().int().nullable(),
  paidOn: IsoDateString.nullable(),
  withdrawnOn: IsoDateString.nullable(),
});

// Types the casework, letter and message pages read, named once for the web app.
export type CaseProposalResponse = z.infer<typeof followUp.CaseProposalResponse>;
export type PenaltyNoticeSummary = z.infer<typeof PenaltyNoticeSummary>;
export type LetterTemplateList = z.infer<typeof letters.LetterTemplateList>;
export type LetterTemplate = LetterTemplateList['templates'][number];
export type LetterheadResponse = z.infer<typeof letters.LetterheadResponse>;
export type LetterList = z.infer<typeof letters.LetterList>;
export type LetterSummary = LetterList['letters'][number];
export type LetterSent = z.infer<typeof letters.LetterSent>;
export type MessageList = z.infer<typeof messages.MessageList>;
export type MessageSummary = MessageList['messages'][number];
export type WeeklyUpdateResponse = z.infer<typeof messages.WeeklyUpdateResponse>;
