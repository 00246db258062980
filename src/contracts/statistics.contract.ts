import { z } from 'zod';
import { AsOfQuery, IdInPath, IsoDateString, SessionName } from './common.contract.ts';

export const SessionTotals = z.object({
  possible: z.number().int(),
  attended: z.number().int(),
  present: z.number().int(),
  late: z.number().int(),
  approvedActivity: z.number().int(),
  authorisedAbsence: z.number().int(),
  unauthorisedAbsence: z.number().int(),
  notPossible: z.number().int(),
  unmarked: z.number().int(),
});

export const Alert = z.object({
  rule: z.string(),
  date: IsoDateString,
  session: SessionName,
  count: z.number().int().optional(),
  from: IsoDateString.optional(),
  detail: z.string().optional(),
});

/** Counts and rates for a group of pupils; never names a pupil. */
export const GroupStatistics = z.object({
  key: z.string(),
  label: z.string(),
  pupils: z.number().int(),
  sessions: SessionTotals,
  attendanceRate: z.number().nullable(),
  absenceRate: z.number().nullable(),
  persistentAbsenceCount: z.number().int(),
  severeAbsenceCount: z.number().int(),
});
export type GroupStatistics = z.infer<typeof GroupStatistics>;

export const AlertGroup = z.object({
  rule: z.string(),
  alerts: z.number().int().describe('Occurrences of the rule'),
  pupilCount: z.number().int(),
  pupils: z
    .array(
      z.object({
        pupilId: z.number().int(),
        name: z.string(),
        alerts: z.array(Alert),
      }),
    )
    .optional()
    .describe('Only for those who follow pupils up; absent for aggregate-only readers'),
});

/** A policy rule as pages name it, and what its alerts' counts count. */
export const PolicyRuleSummary = z.object({
  id: z.string(),
  title: z.string(),
  countsIn: z
    .enum(['sessions', 'school days'])
    .describe("What an alert's count counts: a run of consecutive days counts school days"),
});

/** The school's policy as the work list needs it: rule titles and the penalty-notice basis. */
export const PolicySummary = z.object({
  name: z.string(),
  title: z.string(),
  target: z.number().describe("The school's attendance target, 0 to 1"),
  rules: z.array(PolicyRuleSummary),
  penaltyNotice: z
    .object({
      national: z.string().describe('The national threshold: the legal basis for a penalty notice'),
      nationalRuleId: z
        .string()
        .nullable()
        .describe('The rule that watches the national threshold, when the policy keeps it'),
      localTriggers: z
        .array(z.object({ ruleId: z.string(), title: z.string() }))
        .describe("The school's own triggers for considering action; not a legal basis"),
    })
    .nullable()
    .describe('England only: the national framework sets the penalty-notice threshold'),
});
export type PolicySummary = z.infer<typeof PolicySummary>;

export const SchoolStatisticsResponse = z.object({
  schoolId: z.number().int(),
  schoolName: z.string(),
  asOf: IsoDateString,
  period: z.object({ from: IsoDateString.nullable(), to: IsoDateString }),
  school: GroupStatistics,
  byClass: z.array(GroupStatistics),
  byYearGroup: z.array(GroupStatistics),
  byCohort: z.array(GroupStatistics),
  alerts: z.array(AlertGroup),
  policy: PolicySummary,
});
export type SchoolStatisticsResponse = z.infer<typeof SchoolStatisticsResponse>;

export const SchoolGroupStatisticsResponse = z.object({
  id: z.number().int(),
  name: z.string(),
  asOf: IsoDateString,
  schools: z.array(GroupStatistics.extend({ schoolId: z.number().int() })),
  total: GroupStatistics,
});
export type SchoolGroupStatisticsResponse = z.infer<typeof SchoolGroupStatisticsResponse>;

export const DashboardQuery = AsOfQuery.extend({
  classId: IdInPath.optional().describe('Only this class'),
  yearGroupId: IdInPath.optional().describe('Only this year group'),
});

export const SessionTally = z.object({
  possible: z.number().int(),
  attended: z.number().int(),
  attendanceRate: z.number().nullable(),
});
export type SessionTally = z.infer<typeof SessionTally>;

/** A persistent (10% or more) or severe (50% or more) absentee, with the sessions behind it. */
export const Absentee = z.object({
  pupilId: z.number().int(),
  name: z.string(),
  className: z.string().nullable(),
  yearGroup: z.string().nullable(),
  possible: z.number().int(),
  absent: z.number().int(),
  absenceRate: z.number(),
  severe: z.boolean(),
});
export type Absentee = z.infer<typeof Absentee>;

export const DashboardResponse = z.object({
  schoolId: z.number().int(),
  schoolName: z.string(),
  asOf: IsoDateString,
  period: z.object({ from: IsoDateString.nullable(), to: IsoDateString }),
  scope: z.object({
    kind: z.enum(['school', 'class', 'year-group']),
    id: z.number().int().nullable(),
    label: z.string(),
  }),
  target: z.number().describe("The school's attendance target, 0 to 1"),
  summary: GroupStatistics,
  weeks: z
    .array(SessionTally.extend({ monday: IsoDateString }))
    .describe('Each school week of the academic year to asOf'),
  reasons: z.array(
    z.object({
      code: z.string(),
      meaning: z.string(),
      category: z.enum(['authorised', 'unauthorised']),
      sessions: z.number().int(),
    }),
  ),
  weekdays: z.array(
    z.object({
      weekday: z.number().int().describe('1 = Monday ... 5 = Friday'),
      possible: z.number().int(),
      absent: z.number().int(),
      absenceRate: z.number().nullable(),
    }),
  ),
  byCohort: z.array(GroupStatistics),
  classes: z.array(z.object({ id: z.number().int(), label: z.string() })),
  yearGroups: z.array(z.object({ id: z.number().int(), label: z.string() })),
  absentees: z
    .array(Absentee)
    .optional()
    .describe('Only for those who follow pupils up (manage-follow-up)'),
});
export type DashboardResponse = z.infer<typeof DashboardResponse>;
