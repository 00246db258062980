import { z } from 'zod';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are written YYYY-MM-DD');
const session = z.enum(['AM', 'PM'], { error: 'session must be AM or PM' });

const runOfMarks = z.strictObject({ from: date, session, codes: z.string() });
const singleMark = z.strictObject({ date, session, code: z.string().min(1) });

export const scenarioSchema = z.strictObject({
  format: z.literal('rollcall-scenario/1', {
    error: 'the first line should say format: rollcall-scenario/1',
  }),
  school: z.strictObject({
    name: z.string().min(1),
    jurisdiction: z.enum(['england', 'wales'], {
      error: 'jurisdiction must be england or wales',
    }),
    policy: z.string().min(1).optional(),
    settings: z.record(z.string(), z.number()).optional(),
  }),
  calendar: z.strictObject({
    terms: z.array(z.strictObject({ name: z.string().min(1), start: date, end: date })).min(1),
    closures: z
      .array(z.strictObject({ date, to: date.optional(), reason: z.string().min(1) }))
      .optional(),
  }),
  pupils: z.array(
    z.strictObject({
      id: z.union([z.string().min(1), z.number().transform(String)]),
      name: z.string().optional(),
      dob: date.optional(),
      year: z.union([z.number().int(), z.string()]).optional(),
      class: z.union([z.string(), z.number().transform(String)]).optional(),
      groups: z.array(z.string()).optional(),
      roll: z.strictObject({ from: date.optional(), to: date.optional() }).optional(),
      marks: z.array(z.union([runOfMarks, singleMark])).optional(),
    }),
  ),
  contacts: z
    .array(
      z.strictObject({
        pupil: z.union([z.string(), z.number().transform(String)]),
        date,
        outcome: z.enum(['reached', 'no-answer'], {
          error: 'outcome must be reached or no-answer',
        }),
      }),
    )
    .optional(),
});

export type ScenarioFile = z.infer<typeof scenarioSchema>;
