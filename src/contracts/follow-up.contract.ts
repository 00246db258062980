import { z } from 'zod';
import { absenceReasons } from './absence-report.contract.ts';
import { Id, IdInPath, IsoDateString, SessionName } from './common.contract.ts';

const SessionPoint = z.object({ date: IsoDateString, session: SessionName });
const Text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

export const LeaveRequestParams = z.object({ leaveRequestId: IdInPath });
export const FollowUpTaskParams = z.object({ taskId: IdInPath });
export const CaseParams = z.object({ caseId: IdInPath });

export const leavePurposes = ['holiday', 'extended-holiday', 'exceptional'] as const;

export const LeaveRequestBody = z.object({
  purpose: z.enum(leavePurposes),
  reason: Text(1000),
  evidence: z.string().trim().max(2000).optional(),
  from: SessionPoint,
  to: SessionPoint,
  agreedReturn: IsoDateString.optional().describe('Required for extended leave'),
  schoolId: Id.optional().describe('Needed only for a pupil on the roll of two schools'),
});
export type LeaveRequestBody = z.infer<typeof LeaveRequestBody>;

export const LeaveDecisionBody = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('grant-all'), reason: Text(1000) }),
  z.object({
    decision: z.literal('grant-part'),
    reason: Text(1000),
    granted: z.array(SessionPoint).min(1, 'name the sessions granted'),
  }),
  z.object({ decision: z.literal('refuse'), reason: Text(1000) }),
]);
export type LeaveDecisionBody = z.infer<typeof LeaveDecisionBody>;

export const LeaveRequestResponse = z.object({
  id: z.number().int(),
  schoolId: z.number().int(),
  pupilId: z.number().int(),
  source: z.enum(['parent', 'office']),
  purpose: z.enum(leavePurposes),
  reason: z.string(),
  evidence: z.string().nullable(),
  from: SessionPoint,
  to: SessionPoint,
  agreedReturn: IsoDateString.nullable(),
  exceptionalTestRequired: z
    .boolean()
    .describe(
      'Wales: the year would exceed 10 days of holiday, so exceptional circumstances apply',
    ),
  status: z.enum(['pending', 'granted', 'part-granted', 'refused']),
  decisionReason: z.string().nullable(),
  decidedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});

export const LeaveRequestList = z.object({ requests: z.array(LeaveRequestResponse) });

const DecidedSession = SessionPoint.extend({ granted: z.boolean(), code: z.string() });

/** A request as the pupil's page shows it: with the decision for each session once decided. */
export const PupilLeaveRequest = LeaveRequestResponse.extend({
  sessions: z
    .array(DecidedSession)
    .describe('The decision per school session; empty while pending'),
});
export const PupilLeaveRequestList = z.object({ requests: z.array(PupilLeaveRequest) });

/** A request as the head decides it: who, which school sessions, and the year's leave so far. */
export const PendingLeaveRequest = LeaveRequestResponse.extend({
  pupil: z.object({ firstName: z.string(), lastName: z.string() }),
  sessions: z.array(SessionPoint).describe('The school sessions asked for, closures left out'),
  leaveSessionsThisYear: z
    .number()
    .int()
    .describe('Sessions of leave in the school year (C, H, F or G marks, other leave granted)'),
});
export const PendingLeaveRequestList = z.object({ requests: z.array(PendingLeaveRequest) });

export const LeaveDecisionResponse = z.object({
  request: LeaveRequestResponse,
  sessions: z.array(SessionPoint.extend({ granted: z.boolean(), code: z.string() })),
  marksChanged: z.number().int(),
});

export const FollowUpTasksQuery = z.object({ date: IsoDateString });

export const FollowUpTaskResponse = z.object({
  id: z.number().int(),
  pupilId: z.number().int(),
  workflow: z.string(),
  step: z.string(),
  title: z.string(),
  absenceDay: z.number().int().describe('The day of the absence run the step fell due on'),
  absenceDays: z.number().int().describe('School days of unexplained absence so far'),
  absenceStartedOn: IsoDateString,
  dueOn: IsoDateString,
  assignedRole: z.string(),
  escalateToRole: z.string(),
  overdue: z.boolean(),
  escalatedAt: z.iso.datetime().nullable(),
});

export const FollowUpTaskList = z.object({
  schoolId: z.number().int(),
  date: IsoDateString,
  tasks: z.array(FollowUpTaskResponse),
});

export const FollowUpContactBody = z.object({
  schoolId: Id,
  contactId: Id.optional(),
  outcome: z.enum(['reached', 'no-answer', 'message-left', 'reason-given']),
  note: z.string().trim().max(1000).optional(),
  reason: z.enum(absenceReasons).optional().describe('The reason a reached contact gave'),
});

export const FollowUpContactResponse = z.object({
  contactAttemptId: z.number().int(),
  completedTaskIds: z.array(z.number().int()),
  resolvedMarks: z.number().int(),
});

export const TaskCompletionBody = z.object({ outcome: Text(1000) });

export const TaskCompletionResponse = z.object({
  id: z.number().int(),
  step: z.string(),
  doneAt: z.iso.datetime(),
  outcome: z.string(),
});

export const OpenCaseBody = z.object({
  schoolId: Id,
  ladder: z.enum(['wigston', 'roch-cp']),
  stage: z.number().int().min(1),
  notes: z.string().trim().max(2000).optional(),
});

export const CaseStageBody = z.object({ stage: z.number().int().min(1), reason: Text(1000) });
export const CloseCaseBody = z.object({ reason: Text(1000) });

const EventBase = { occurredOn: IsoDateString, summary: Text(2000) };
export const CaseEventBody = z.discriminatedUnion('kind', [
  z.object({
    kind: z.enum(['meeting', 'note', 'attendance-contract', 'parenting-contract']),
    ...EventBase,
    reviewOn: IsoDateString.optional(),
  }),
  z.object({
    kind: z.enum(['action-plan', 'engagement-plan', 'reintegration-plan']),
    ...EventBase,
    targets: z.array(Text(500)).min(1, 'an action plan needs at least one target'),
    reviewOn: IsoDateString,
  }),
  z.object({ kind: z.literal('part-time-timetable'), ...EventBase, endsOn: IsoDateString }),
  z.object({
    kind: z.literal('referral'),
    ...EventBase,
    to: z.enum([
      'education-welfare',
      'attendance-support-service',
      'social-care',
      'children-missing-education',
      'pupils-missing-education',
      'pupil-support-service',
    ]),
  }),
  z.object({
    kind: z.literal('notice-to-improve'),
    ...EventBase,
    weeks: z.number().int().describe('The improvement period: 3 to 6 weeks'),
  }),
]);
export type CaseEventBody = z.infer<typeof CaseEventBody>;

export const CaseEventResponse = z.object({
  id: z.number().int(),
  kind: z.string(),
  occurredOn: IsoDateString,
  summary: z.string(),
  details: z.record(z.string(), z.unknown()),
  reviewOn: IsoDateString.nullable(),
  dueOn: IsoDateString.nullable().describe('e.g. the LA notification of a part-time timetable'),
  recordedBy: z.number().int(),
  recordedAt: z.iso.datetime(),
});

export const CaseResponse = z.object({
  id: z.number().int(),
  schoolId: z.number().int(),
  pupilId: z.number().int(),
  ladder: z.string(),
  stage: z.number().int(),
  openedAt: z.iso.datetime(),
  closedAt: z.iso.datetime().nullable(),
  notes: z.string().nullable(),
  events: z.array(CaseEventResponse),
});

export const CaseList = z.object({ cases: z.array(CaseResponse) });

export const CaseProposalQuery = z.object({ asOf: IsoDateString });
export const CaseProposalResponse = z.object({
  proposal: z
    .object({
      stage: z.number().int(),
      title: z.string(),
      because: z.array(z.object({ rule: z.string(), date: IsoDateString, session: SessionName })),
    })
    .nullable()
    .describe('A stage the rule alerts point to beyond the current one; staff decide'),
});

export const PenaltyNoticeBody = z.object({
  schoolId: Id,
  contactId: Id.describe('The parent the notice is addressed to'),
  caseId: Id.optional(),
  issuedOn: IsoDateString,
  receivedOn: IsoDateString.optional().describe('Defaults to the day issued'),
});

export const PenaltyNoticeResponse = z.object({
  id: z.number().int(),
  pupilId: z.number().int(),
  contactId: z.number().int(),
  ordinal: z.number().int(),
  issuedOn: IsoDateString,
  receivedOn: IsoDateString,
  reduced: z.object({ amountPence: z.number().int(), dueOn: IsoDateString }).nullable(),
  amountPence: z.number().int(),
  dueOn: IsoDateString,
});

export type LeaveRequestResponse = z.infer<typeof LeaveRequestResponse>;
export type LeaveDecisionResponse = z.infer<typeof LeaveDecisionResponse>;
export type PupilLeaveRequestList = z.infer<typeof PupilLeaveRequestList>;
export type PendingLeaveRequestList = z.infer<typeof PendingLeaveRequestList>;
export type FollowUpContactBody = z.infer<typeof FollowUpContactBody>;
export type TaskCompletionResponse = z.infer<typeof TaskCompletionResponse>;
export type FollowUpTaskList = z.infer<typeof FollowUpTaskList>;
export type FollowUpContactResponse = z.infer<typeof FollowUpContactResponse>;
export type CaseResponse = z.infer<typeof CaseResponse>;
export type CaseEventResponse = z.infer<typeof CaseEventResponse>;
export type PenaltyNoticeResponse = z.infer<typeof PenaltyNoticeResponse>;
