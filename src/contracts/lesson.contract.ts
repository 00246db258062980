import { z } from 'zod';
import { Id, IdInPath, IsoDateString, SessionName } from './common.contract.ts';

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

export const TakeLessonRegisterRequest = z.object({
  date: IsoDateString,
  entries: z
    .array(z.object({ pupilId: Id, code: z.string().min(1).max(2) }))
    .min(1, 'send at least one pupil')
    .max(200),
});
export type TakeLessonRegisterRequest = z.infer<typeof TakeLessonRegisterRequest>;

export const TakeLessonRegisterResponse = z.object({
  lessonId: z.number().int(),
  date: IsoDateString,
  recorded: z.number().int(),
});
export type TakeLessonRegisterResponse = z.infer<typeof TakeLessonRegisterResponse>;

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
