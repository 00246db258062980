import { z } from 'zod';
import { Id, IsoDateString, SessionName } from './common.contract.ts';

export const CaseActionsQuery = z.object({
  date: IsoDateString.describe('The day whose alerts (as of it) are read'),
});

const AlertEvidence = z.object({
  rule: z.string(),
  date: IsoDateString,
  session: SessionName,
  count: z.number().int().nullable().describe('Sessions counted, where the rule counts'),
  from: IsoDateString.nullable().describe('First day of the evidence'),
  detail: z.string().nullable(),
  sessions: z
    .array(z.object({ date: IsoDateString, session: SessionName, code: z.string() }))
    .describe("The pupil's absences the alert rests on"),
});

/** One pupil's case action: open a case at a stage, or advance the open case to a later one. */
export const CaseActionResponse = z.object({
  pupilId: z.number().int(),
  pupilName: z.string(),
  caseId: z.number().int().nullable().describe('The open case, for an advance'),
  ladder: z.string(),
  kind: z.enum(['open', 'advance']),
  fromStage: z.number().int().describe('The open case’s stage; 0 when there is none'),
  stage: z.number().int(),
  title: z.string().describe('What the stage means on the ladder'),
  evidence: z.array(AlertEvidence),
});

export const CaseActionList = z.object({
  schoolId: z.number().int(),
  date: IsoDateString,
  actions: z.array(CaseActionResponse),
});

const DecisionBase = {
  pupilId: Id,
  date: IsoDateString.describe('The day the list was read for'),
  stage: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe('The stage the list showed; refused if the alerts now call for another'),
};

export const CaseActionAcceptBody = z.object({
  ...DecisionBase,
  note: z.string().trim().min(1).max(1000).optional(),
});

export const CaseActionDismissBody = z.object({
  ...DecisionBase,
  reason: z.string().trim().min(1, 'say why the action is dismissed').max(1000),
});

export const CaseActionAccepted = z.object({
  action: CaseActionResponse,
  case: z.object({
    id: z.number().int(),
    ladder: z.string(),
    stage: z.number().int(),
  }),
});

export const CaseActionDismissed = z.object({ action: CaseActionResponse, reason: z.string() });

export type CaseActionResponse = z.infer<typeof CaseActionResponse>;
export type CaseActionList = z.infer<typeof CaseActionList>;
export type CaseActionAcceptBody = z.infer<typeof CaseActionAcceptBody>;
export type CaseActionDismissBody = z.infer<typeof CaseActionDismissBody>;
export type CaseActionAccepted = z.infer<typeof CaseActionAccepted>;
export type CaseActionDismissed = z.infer<typeof CaseActionDismissed>;
