import { z } from 'zod';
import { AttendanceCode, Id, IsoDateString, SessionName } from './common.contract.ts';
import { Problem } from './problem.contract.ts';

export const AmendMarkRequest = z.object({
  expectedVersion: Id.describe('The version you saw; someone else may have changed it since'),
  code: AttendanceCode,
  reason: z.string().trim().min(1, 'say why the mark is changing').max(500),
});
export type AmendMarkRequest = z.infer<typeof AmendMarkRequest>;

export const MarkResponse = z.object({
  markId: z.number().int(),
  pupilId: z.number().int(),
  schoolId: z.number().int(),
  date: IsoDateString,
  session: SessionName,
  code: z.string(),
  version: z.number().int(),
  recordedAt: z.iso.datetime(),
  changed: z.boolean().describe('False when the mark already had this code'),
});
export type MarkResponse = z.infer<typeof MarkResponse>;

/** A 409 answer to an amendment: the mark as it is now, so both versions can be shown. */
export const MarkConflictProblem = Problem.extend({
  expectedVersion: z.number().int(),
  current: MarkResponse.omit({ changed: true }),
});
export type MarkConflictProblem = z.infer<typeof MarkConflictProblem>;

export const MarkHistoryResponse = z.object({
  markId: z.number().int(),
  entries: z.array(
    z.object({
      version: z.number().int(),
      previousCode: z.string().nullable(),
      newCode: z.string(),
      reason: z.string().nullable(),
      source: z.string(),
      changedAt: z.iso.datetime(),
      changedBy: z.object({ userId: z.number().int(), name: z.string(), role: z.string() }),
    }),
  ),
});
export type MarkHistoryResponse = z.infer<typeof MarkHistoryResponse>;
