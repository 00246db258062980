import { z } from 'zod';
import { Id, IdInPath, IsoDateString, SessionName } from './common.contract.ts';

const Text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const WallClockTime = z
  .string()
  .describe('A Europe/London wall-clock time, HH:MM')
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time written HH:MM, e.g. 08:50');

export const AcademicYearParams = z.object({ schoolId: IdInPath, academicYearId: IdInPath });
export const TermParams = z.object({ schoolId: IdInPath, termId: IdInPath });
export const ClosureParams = z.object({ schoolId: IdInPath, closureId: IdInPath });

export const ManagedSchoolList = z.object({
  schools: z.array(z.object({ id: z.number().int(), name: z.string() })),
});
export type ManagedSchoolList = z.infer<typeof ManagedSchoolList>;

export const RegisterTimes = z.object({
  amOpens: WallClockTime,
  amCloses: WallClockTime,
  pmOpens: WallClockTime,
  pmCloses: WallClockTime,
});
export type RegisterTimes = z.infer<typeof RegisterTimes>;

export const SchoolLetterhead = z.object({
  address: z.string().trim().max(500),
  phone: z.string().trim().min(1).max(40).nullable(),
  email: z.email().nullable(),
  signatory: z.string().trim().min(1).max(200).nullable(),
});

export const SchoolDetailsBody = z.object({
  name: Text(200),
  letterhead: SchoolLetterhead,
});
export type SchoolDetailsBody = z.infer<typeof SchoolDetailsBody>;

export const SchoolSettingsResponse = z.object({
  id: z.number().int(),
  name: z.string(),
  urn: z.string().nullable(),
  jurisdiction: z.enum(['england', 'wales']),
  phase: z.enum(['primary', 'secondary']),
  registerTimes: RegisterTimes,
  letterhead: SchoolLetterhead,
});
export type SchoolSettingsResponse = z.infer<typeof SchoolSettingsResponse>;

export const TermBody = z.object({
  academicYearId: Id,
  name: Text(100),
  startsOn: IsoDateString,
  endsOn: IsoDateString,
});
export type TermBody = z.infer<typeof TermBody>;
export const TermChangeBody = TermBody.omit({ academicYearId: true });
export type TermChangeBody = z.infer<typeof TermChangeBody>;

export const AcademicYearBody = z.object({
  name: Text(50).describe('e.g. 2025/26'),
  startsOn: IsoDateString,
  endsOn: IsoDateString,
});
export type AcademicYearBody = z.infer<typeof AcademicYearBody>;

export const ClosureBody = z.object({
  startsOn: IsoDateString,
  startsSession: SessionName.default('AM').describe('PM: closed from the afternoon'),
  endsOn: IsoDateString,
  endsSession: SessionName.default('PM').describe('AM: open again in the afternoon'),
  reason: Text(200).describe('e.g. INSET day, bank holiday, polling station'),
});
export type ClosureBody = z.input<typeof ClosureBody>;

export const TermResponse = z.object({
  id: z.number().int(),
  name: z.string(),
  startsOn: IsoDateString,
  endsOn: IsoDateString,
});

export const AcademicYearResponse = z.object({
  id: z.number().int(),
  name: z.string(),
  startsOn: IsoDateString,
  endsOn: IsoDateString,
  terms: z.array(TermResponse),
});

export const ClosureResponse = z.object({
  id: z.number().int(),
  startsOn: IsoDateString,
  startsSession: SessionName,
  endsOn: IsoDateString,
  endsSession: SessionName,
  reason: z.string(),
});

export const SchoolCalendarResponse = z.object({
  schoolId: z.number().int(),
  academicYears: z.array(AcademicYearResponse),
  closures: z.array(ClosureResponse),
});
export type SchoolCalendarResponse = z.infer<typeof SchoolCalendarResponse>;

export const SchoolPolicyBody = z.object({
  policy: z
    .string()
    .min(1)
    .max(100)
    .describe('A preset name, or the name of the school’s own policy file'),
  settings: z
    .record(z.string(), z.number())
    .default({})
    .describe('The settings the school changes from the policy’s own values'),
});
export type SchoolPolicyBody = z.input<typeof SchoolPolicyBody>;

export const SchoolPolicyResponse = z.object({
  schoolId: z.number().int(),
  policy: z.string(),
  overrides: z.record(z.string(), z.number()),
  choices: z.array(
    z.object({
      name: z.string(),
      title: z.string(),
      description: z.string().nullable(),
      base: z.string().nullable(),
      own: z.boolean().describe('The school’s own policy file rather than a shipped preset'),
      settings: z.record(z.string(), z.number()),
    }),
  ),
  compiled: z
    .object({
      name: z.string(),
      title: z.string(),
      bases: z.array(z.string()),
      settings: z.record(z.string(), z.number()),
      target: z.string().describe('The attendance target, e.g. "96%"'),
      rules: z.array(
        z.object({
          id: z.string(),
          title: z.string(),
          kind: z.string(),
          description: z.string(),
        }),
      ),
    })
    .nullable()
    .describe('Null when the stored choice cannot be compiled; problems says why'),
  problems: z.array(z.object({ field: z.string().optional(), message: z.string() })),
});
export type SchoolPolicyResponse = z.infer<typeof SchoolPolicyResponse>;
