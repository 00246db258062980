import { z } from 'zod';
import { IsoDateString, SessionName } from './common.contract.ts';

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
