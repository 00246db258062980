import { z } from 'zod';
import {
  Id,
  IdInPath,
  IsoDateString,
  refuseRepeatedPupils,
  SessionName,
} from './common.contract.ts';
import { Problem } from './problem.contract.ts';

export const LessonParams = z.object({ lessonId: IdInPath });
export const LessonDateQuery = z.object({ date: IsoDateString });

export const LessonSummary = z.object({
  lessonId: z.number().int(),
  classId: z.number().int(),
  subject: z.string().nullable(),
  period: z.string(),
  session: SessionName,
  startsAt: z.string(),
  endsAt: z.string(),
  teacherUserId: z.number().int().nullable(),
});

export const SchoolLessonsResponse = z.object({
  schoolId: z.number().int(),
  date: IsoDateString,
  lessons: z.array(LessonSummary),
});
export type SchoolLessonsResponse = z.infer<typeof SchoolLessonsResponse>;

export const LessonRegisterResponse = z.object({
  lesson: LessonSummary,
  date: IsoDateString,
  pupils: z.array(
    z.object({
      pupilId: z.number().int(),
      firstName: z.string(),
      lastName: z.string(),
      mark: z.object({ code: z.string(), version: z.number().int() }).nullable(),
    }),
  ),
});
export type LessonRegisterResponse = z.infer<typeof LessonRegisterResponse>;

export const TakeLessonRegisterRequest = z
  .object({
    date: IsoDateString,
    entries: z
      .array(
        z.object({
          pupilId: Id,
          code: z.string().min(1).max(2),
          expectedVersion: Id.nullable()
            .optional()
            .describe(
              'The version of the lesson mark you saw: null when there was none; omit to overwrite',
            ),
        }),
      )
      .min(1, 'send at least one pupil')
      .max(200),
  })
  .superRefine((request, context) => {
    refuseRepeatedPupils(request.entries, context);
  });
export type TakeLessonRegisterRequest = z.infer<typeof TakeLessonRegisterRequest>;

const LessonMarkNow = z.object({ code: z.string(), version: z.number().int() });

export const TakeLessonRegisterResponse = z.object({
  lessonId: z.number().int(),
  date: IsoDateString,
  recorded: z.number().int().describe('Pupils whose lesson mark now holds the code sent'),
  changed: z.number().int().describe('Of those, marks created or changed by this request'),
  marks: z.array(LessonMarkNow.extend({ pupilId: z.number().int() })),
});
export type TakeLessonRegisterResponse = z.infer<typeof TakeLessonRegisterResponse>;

/** A 409 answer: lesson marks changed since the submitter saw them, with what they are now. */
export const LessonConflictProblem = Problem.extend({
  conflicts: z.array(
    z.object({
      pupilId: z.number().int(),
      expectedVersion: z.number().int().nullable(),
      current: LessonMarkNow.nullable(),
    }),
  ),
});
export type LessonConflictProblem = z.infer<typeof LessonConflictProblem>;

export const TruancyResponse = z.object({
  schoolId: z.number().int(),
  date: IsoDateString,
  suspected: z.array(
    z.object({
      pupilId: z.number().int(),
      session: SessionName,
      sessionCode: z.string(),
      lessonId: z.number().int(),
      period: z.string(),
      lessonCode: z.string(),
    }),
  ),
});
export type TruancyResponse = z.infer<typeof TruancyResponse>;
