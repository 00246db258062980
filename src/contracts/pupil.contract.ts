import { z } from 'zod';
import { ContactSummary, IsoDateString } from './common.contract.ts';
import { Alert, PolicyRuleSummary, SessionTally, SessionTotals } from './statistics.contract.ts';

/** One school day of a pupil's register: the morning and afternoon codes (null: unmarked). */
export const PupilDay = z.tuple([IsoDateString, z.string().nullable(), z.string().nullable()]);

export const SessionCategory = z.enum([
  'present',
  'approved',
  'authorised',
  'unauthorised',
  'not-possible',
  'unmarked',
]);
export type SessionCategory = z.infer<typeof SessionCategory>;

export const PupilProfileResponse = z.object({
  pupilId: z.number().int(),
  upn: z.string(),
  legalFirstName: z.string(),
  legalLastName: z.string(),
  preferredFirstName: z.string().nullable(),
  preferredLastName: z.string().nullable(),
  dateOfBirth: IsoDateString,
  school: z.object({ id: z.number().int(), name: z.string() }),
  yearGroup: z.string().nullable().describe('National curriculum year'),
  className: z.string().nullable(),
  asOf: IsoDateString,
  period: z.object({ from: IsoDateString.nullable(), to: IsoDateString }),
  sessions: SessionTotals,
  attendanceRate: z.number().nullable(),
  absenceRate: z.number().nullable(),
  persistentAbsence: z.boolean(),
  severeAbsence: z.boolean(),
  alerts: z.array(Alert),
  days: z
    .array(PupilDay)
    .describe('Every school day of the academic year up to asOf: [date, AM code, PM code]'),
  contacts: z.array(ContactSummary),
  markIds: z
    .array(z.tuple([z.number().int().nullable(), z.number().int().nullable()]))
    .describe("Beside days: each session's mark id, for its history (null: unmarked)"),
  categories: z
    .array(z.tuple([SessionCategory, SessionCategory]))
    .describe('Beside days: how national statistics count each session'),
  codeMeanings: z.record(z.string(), z.string()).describe('What each code on the page means'),
  rates: z.object({
    year: SessionTally,
    term: SessionTally.describe('The current term to asOf'),
    rollingFourWeeks: SessionTally.describe('This school week and the three before it'),
  }),
  policy: z.object({
    target: z.number(),
    rules: z.array(PolicyRuleSummary),
  }),
});
export type PupilProfileResponse = z.infer<typeof PupilProfileResponse>;
