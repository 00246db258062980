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

/** The most marks one request replaces: a pupil's unexplained sessions, with room to spare. */
export const maximumMarksReplaced = 200;

export const ReplacePupilMarksRequest = z
  .object({
    code: AttendanceCode,
    reason: z.string().trim().min(1, 'say why the marks are changing').max(500),
    marks: z
      .array(
        z.object({
          markId: Id,
          expectedVersion: Id.describe(
            'The version you saw; someone else may have changed it since',
          ),
        }),
      )
      .min(1, 'name at least one mark')
      .max(maximumMarksReplaced, `send at most ${String(maximumMarksReplaced)} marks at a time`),
  })
  .superRefine((request, context) => {
    const seen = new Set<number>();
    request.marks.forEach((mark, index) => {
      if (seen.has(mark.markId))
        context.addIssue({
          code: 'custom',
          path: ['marks', index, 'markId'],
          message: `mark ${String(mark.markId)} appears more than once; name each mark once`,
        });
      seen.add(mark.markId);
    });
  });
export type ReplacePupilMarksRequest = z.infer<typeof ReplacePupilMarksRequest>;

export const ReplacePupilMarksResponse = z.object({
  marks: z.array(MarkResponse).describe('Each mark as it is now, in the order of the request'),
});
export type ReplacePupilMarksResponse = z.infer<typeof ReplacePupilMarksResponse>;

/** A 409 answer to a replacement: every mark changed meanwhile, as it is now. */
export const MarksConflictProblem = Problem.extend({
  conflicts: z.array(
    z.object({
      expectedVersion: z.number().int(),
      current: MarkResponse.omit({ changed: true }),
    }),
  ),
});
export type MarksConflictProblem = z.infer<typeof MarksConflictProblem>;
