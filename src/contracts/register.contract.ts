import { z } from 'zod';
import {
  AttendanceCode,
  CurrentMark,
  Id,
  IsoDateString,
  refuseRepeatedPupils,
  SessionName,
} from './common.contract.ts';
import { Problem } from './problem.contract.ts';

export const idempotencyHeaderName = 'idempotency-key';

export const RegisterQuery = z.object({ date: IsoDateString, session: SessionName });
export type RegisterQuery = z.infer<typeof RegisterQuery>;

export const RegisterStatus = z.enum(['taken', 'partly-taken', 'not-taken']);

/** One class's register for a session, as the list of registers to take shows it. */
export const RegisterSummary = z.object({
  classId: z.number().int(),
  className: z.string(),
  status: RegisterStatus,
  pupils: z.number().int().describe('Pupils on the roll of the class that day'),
  marked: z.number().int(),
  codes: z.record(z.string(), z.number().int()).describe('How many pupils have each code'),
});

export const SchoolRegistersResponse = z.object({
  schoolId: z.number().int(),
  date: IsoDateString,
  session: SessionName,
  registers: z.array(RegisterSummary),
});
export type SchoolRegistersResponse = z.infer<typeof SchoolRegistersResponse>;

/** What the register page needs for one pupil row. */
export const RegisterRow = z.object({
  pupilId: z.number().int(),
  firstName: z.string(),
  lastName: z.string(),
  mark: CurrentMark.nullable(),
  absenceReport: z
    .object({
      reportId: z.number().int(),
      reason: z.string(),
      suggestedCode: z.string().nullable(),
      expectedReturn: IsoDateString.nullable(),
    })
    .nullable()
    .describe('A reported absence covering the session, with the code it suggests'),
});

export const ClassRegisterResponse = z.object({
  classId: z.number().int(),
  className: z.string(),
  schoolId: z.number().int(),
  date: IsoDateString,
  session: SessionName,
  pupils: z.array(RegisterRow),
});
export type ClassRegisterResponse = z.infer<typeof ClassRegisterResponse>;

export const RegisterEntryRequest = z.object({
  pupilId: Id,
  code: AttendanceCode,
  expectedVersion: Id.nullable()
    .optional()
    .describe('The version you saw: null when there was no mark; omit to overwrite'),
});

export const TakeRegisterRequest = z
  .object({
    date: IsoDateString,
    session: SessionName,
    entries: z.array(RegisterEntryRequest).min(1, 'send at least one pupil').max(2000),
    reason: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .optional()
      .describe('Why marks already recorded are being changed; required for such a change'),
  })
  .superRefine((request, context) => {
    refuseRepeatedPupils(request.entries, context);
  });
export type TakeRegisterRequest = z.infer<typeof TakeRegisterRequest>;

export const TakeRegisterHeaders = z.looseObject({
  [idempotencyHeaderName]: z
    .string({ error: 'send an Idempotency-Key header (a fresh random value per submission)' })
    .min(8, 'use at least 8 characters for the Idempotency-Key')
    .max(200),
});

export const TakeRegisterResponse = z.object({
  date: IsoDateString,
  session: SessionName,
  created: z.number().int(),
  changed: z.number().int(),
  unchanged: z.number().int(),
  marks: z.array(
    z.object({
      pupilId: z.number().int(),
      markId: z.number().int(),
      code: z.string(),
      version: z.number().int(),
    }),
  ),
  replayed: z.boolean().describe('True when this repeats the answer to an earlier submission'),
});
export type TakeRegisterResponse = z.infer<typeof TakeRegisterResponse>;

/** A 409 answer: the marks changed since the submitter saw them, with what they are now. */
export const RegisterConflictProblem = Problem.extend({
  conflicts: z.array(
    z.object({
      pupilId: z.number().int(),
      expectedVersion: z.number().int().nullable(),
      current: CurrentMark.nullable(),
    }),
  ),
});
export type RegisterConflictProblem = z.infer<typeof RegisterConflictProblem>;
