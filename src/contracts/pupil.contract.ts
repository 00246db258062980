import { z } from 'zod';
import { ContactSummary, IsoDateString } from './common.contract.ts';
import { Alert, SessionTotals } from './statistics.contract.ts';

/** One school day of a pupil's register: the morning and afternoon codes (null: unmarked). */
export const PupilDay = z.tuple([IsoDateString, z.string().nullable(), z.string().nullable()]);

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
});
export type PupilProfileResponse = z.infer<typeof PupilProfileResponse>;
