import { z } from 'zod';
import { isIsoDate } from '../domain/calendar/plain-date.ts';

// PostgreSQL integer ids: a larger number can name nothing, so it is refused before any query.
const maximumId = 2_147_483_647;

/** A database id, in a path (a string to coerce) or in a body (a number). */
export const Id = z.number().int().min(1).max(maximumId);
export const IdInPath = z.coerce
  .number({ error: 'expected a whole number id' })
  .int('expected a whole number id')
  .min(1, 'expected a positive id')
  .max(maximumId, 'no such id');

export const IsoDateString = z
  .string()
  .refine(isIsoDate, { error: 'expected a date written YYYY-MM-DD' })
  .describe('A calendar date, YYYY-MM-DD');

export const SessionName = z.enum(['AM', 'PM']);

/** For a request's `entries`: one mark per pupil, so a pupil named twice is an error at its place. */
export function refuseRepeatedPupils(
  entries: readonly { pupilId: number }[],
  context: z.RefinementCtx,
): void {
  const seen = new Set<number>();
  entries.forEach((entry, index) => {
    if (seen.has(entry.pupilId))
      context.addIssue({
        code: 'custom',
        path: ['entries', index, 'pupilId'],
        message: `pupil ${entry.pupilId} appears more than once; send one mark per pupil`,
      });
    seen.add(entry.pupilId);
  });
}
export type SessionName = z.infer<typeof SessionName>;

/** An attendance code as typed: one to three letters, digits or the / \ # symbols. */
export const AttendanceCode = z
  .string()
  .min(1, 'enter an attendance code')
  .max(3, 'an attendance code has at most three characters');

export const SchoolParams = z.object({ schoolId: IdInPath });
export const ClassParams = z.object({ classId: IdInPath });
export const PupilParams = z.object({ pupilId: IdInPath });
export const MarkParams = z.object({ markId: IdInPath });

export const AsOfQuery = z.object({
  asOf: IsoDateString.optional().describe('The day to evaluate up to; today when omitted'),
});

/** A contact of a pupil, in the order the school should call them. */
export const ContactSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  relationship: z.string(),
  priority: z.number().int(),
  parentalResponsibility: z.boolean(),
  emergencyContact: z.boolean(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
});
export type ContactSummary = z.infer<typeof ContactSummary>;

/** The current state of one register mark; `version` is what an amendment must name. */
export const CurrentMark = z.object({
  markId: z.number().int(),
  code: z.string(),
  version: z.number().int(),
});
export type CurrentMark = z.infer<typeof CurrentMark>;
