import { z } from 'zod';
import { ContactSummary, CurrentMark, Id, IsoDateString, SessionName } from './common.contract.ts';

/** Reasons a parent or the office can give; each pre-fills a code (other: the school decides). */
export const absenceReasons = ['illness', 'medical', 'religious', 'other'] as const;

const SessionPoint = z.object({ date: IsoDateString, session: SessionName });

export const AbsenceReportRequest = z.object({
  reason: z.enum(absenceReasons),
  details: z.string().trim().max(500).optional(),
  from: SessionPoint,
  to: SessionPoint,
  expectedReturn: IsoDateString.optional(),
  schoolId: Id.optional().describe('Needed only for a pupil on the roll of two schools'),
});
export type AbsenceReportRequest = z.infer<typeof AbsenceReportRequest>;

export const AbsenceReportResponse = z.object({
  id: z.number().int(),
  schoolId: z.number().int(),
  pupilId: z.number().int(),
  source: z.enum(['parent', 'office']),
  reason: z.string(),
  suggestedCode: z.string().nullable(),
  from: SessionPoint,
  to: SessionPoint,
  expectedReturn: IsoDateString.nullable(),
  createdAt: z.iso.datetime(),
});
export type AbsenceReportResponse = z.infer<typeof AbsenceReportResponse>;

export const AbsenceReportCreated = z.object({
  report: AbsenceReportResponse,
  resolvedMarks: z.number().int().describe('N marks the report replaced with its code'),
});
export type AbsenceReportCreated = z.infer<typeof AbsenceReportCreated>;

export const AbsenceReportList = z.object({ reports: z.array(AbsenceReportResponse) });
export type AbsenceReportList = z.infer<typeof AbsenceReportList>;

export const AbsenceBoardQuery = z.object({ date: IsoDateString });

/** Pupils still marked N (no reason yet) once the register has closed, with whom to call. */
export const AbsenceBoardResponse = z.object({
  schoolId: z.number().int(),
  date: IsoDateString,
  sessionsClosed: z.array(SessionName).describe('Sessions whose register has closed'),
  pupils: z.array(
    z.object({
      pupilId: z.number().int(),
      firstName: z.string(),
      lastName: z.string(),
      className: z.string().nullable(),
      unexplained: z.array(CurrentMark.extend({ session: SessionName })),
      contacts: z.array(ContactSummary),
    }),
  ),
});
export type AbsenceBoardResponse = z.infer<typeof AbsenceBoardResponse>;
