import { z } from 'zod';
import { roles } from '../domain/access/access-policy.ts';
import {
  maximumPasswordLength,
  minimumPasswordLength,
  isLongEnoughPassword,
} from './auth.contract.ts';
import { Id, IdInPath } from './common.contract.ts';

const Text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

export const ClassAdminParams = z.object({ schoolId: IdInPath, classId: IdInPath });
export const UserAdminParams = z.object({ schoolId: IdInPath, userId: IdInPath });
export const ContactAdminParams = z.object({ schoolId: IdInPath, contactId: IdInPath });

// ---- classes ----

export const ClassKind = z.enum(['registration', 'teaching']);

export const ClassSetupQuery = z.object({
  academicYearId: IdInPath.optional().describe("Which year's classes; this year's when omitted"),
});

export const ClassSetup = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: ClassKind,
  academicYearId: z.number().int(),
  yearGroupId: z.number().int().nullable(),
  teachers: z.array(z.object({ userId: z.number().int(), displayName: z.string() })),
  pupilCount: z.number().int().describe('Pupils on roll today in the class'),
});
export type ClassSetup = z.infer<typeof ClassSetup>;

export const ClassSetupResponse = z.object({
  academicYears: z.array(z.object({ id: z.number().int(), name: z.string() })),
  academicYearId: z.number().int().nullable().describe('The year the classes belong to'),
  yearGroups: z.array(
    z.object({ id: z.number().int(), name: z.string(), nationalCurriculumYear: z.string() }),
  ),
  teachers: z.array(z.object({ userId: z.number().int(), displayName: z.string() })),
  classes: z.array(ClassSetup),
});
export type ClassSetupResponse = z.infer<typeof ClassSetupResponse>;

export const NewClassBody = z.object({
  name: Text(60),
  academicYearId: Id,
  yearGroupId: Id.nullable().default(null),
  kind: ClassKind.default('registration'),
});
export type NewClassBody = z.input<typeof NewClassBody>;

export const ClassChangeBody = z.object({
  name: Text(60),
  yearGroupId: Id.nullable(),
});
export type ClassChangeBody = z.infer<typeof ClassChangeBody>;

export const ClassTeachersBody = z.object({
  userIds: z.array(Id).max(20, 'a class has at most 20 teachers'),
});
export type ClassTeachersBody = z.infer<typeof ClassTeachersBody>;

export const ClassPupilsBody = z.object({
  pupilIds: z
    .array(Id)
    .max(2000, 'a class holds at most 2,000 pupils')
    .describe('Every pupil the class should hold; others now in it leave it'),
});
export type ClassPupilsBody = z.infer<typeof ClassPupilsBody>;

export const RollResponse = z.object({
  pupils: z.array(
    z.object({
      pupilId: z.number().int(),
      firstName: z.string(),
      lastName: z.string(),
      yearGroupId: z.number().int().nullable(),
      registrationClassId: z.number().int().nullable(),
      teachingClassIds: z.array(z.number().int()),
    }),
  ),
});
export type RollResponse = z.infer<typeof RollResponse>;

// ---- users ----

/** The roles a school's administrator gives; parents get accounts through their contact. */
export const staffRoles = [
  'admin',
  'headteacher',
  'attendance_lead',
  'attendance_officer',
  'office',
  'teacher',
  'governor',
] as const satisfies readonly (typeof roles)[number][];
export const StaffRole = z.enum(staffRoles);
export type StaffRole = z.infer<typeof StaffRole>;

const NewPassword = z
  .string()
  .max(maximumPasswordLength)
  .refine(isLongEnoughPassword, {
    error: `choose a password of at least ${minimumPasswordLength} characters`,
  })
  .nullable()
  .default(null)
  .describe('Leave out (or null) to have Rollcall make one up and show it once');

export const AccountSummary = z.object({
  id: z.number().int(),
  email: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
  active: z.boolean(),
  managedHere: z.boolean().describe('Whether this school may change the account'),
  childPupilIds: z.array(z.number().int()).describe("A parent's children at the school"),
});
export type AccountSummary = z.infer<typeof AccountSummary>;

export const AccountList = z.object({ accounts: z.array(AccountSummary) });
export type AccountList = z.infer<typeof AccountList>;

export const NewAccountBody = z.object({
  displayName: Text(200),
  email: z.email({ error: 'enter an email address, e.g. j.patel@school.example' }).max(320),
  role: StaffRole,
  password: NewPassword,
});
export type NewAccountBody = z.input<typeof NewAccountBody>;

/** An account just created or a password just reset: a made-up password is shown this once. */
export const AccountWithPassword = z.object({
  account: AccountSummary,
  generatedPassword: z
    .string()
    .nullable()
    .describe('The password Rollcall made up, shown only in this response; null if you chose one'),
});
export type AccountWithPassword = z.infer<typeof AccountWithPassword>;

export const RoleChangeBody = z.object({ role: StaffRole });
export type RoleChangeBody = z.infer<typeof RoleChangeBody>;

export const AccountStatusBody = z.object({
  active: z.boolean().describe('false disables the account and ends its sessions'),
});
export type AccountStatusBody = z.infer<typeof AccountStatusBody>;

export const PasswordResetBody = z.object({ password: NewPassword });
export type PasswordResetBody = z.input<typeof PasswordResetBody>;

export const ContactSearchQuery = z.object({
  search: z.string().trim().max(100).optional().describe("Part of the contact's or pupil's name"),
});

export const ContactAccountList = z.object({
  contacts: z.array(
    z.object({
      contactId: z.number().int(),
      pupilId: z.number().int(),
      pupilName: z.string(),
      name: z.string(),
      relationship: z.string(),
      email: z.string().nullable(),
      userId: z.number().int().nullable(),
    }),
  ),
  more: z.boolean().describe('More contacts match than were listed; search to narrow'),
});
export type ContactAccountList = z.infer<typeof ContactAccountList>;

export const ParentAccountBody = z.object({
  email: z
    .email({ error: 'enter an email address' })
    .max(320)
    .nullable()
    .default(null)
    .describe("The contact's email when left out"),
  password: NewPassword,
});
export type ParentAccountBody = z.input<typeof ParentAccountBody>;

// ---- imports ----

export const importKinds = ['pupils', 'classes', 'contacts', 'marks'] as const;
export const ImportKind = z.enum(importKinds);
export type ImportKind = z.infer<typeof ImportKind>;

export const ImportBody = z.object({
  kind: ImportKind,
  fileName: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .describe('Names the file in error messages, e.g. pupils.csv:14'),
  text: z.string().max(16_000_000, 'the file is larger than 16 MB; split it'),
});
export type ImportBody = z.infer<typeof ImportBody>;

export const ImportProblem = z.object({
  file: z.string().optional(),
  line: z.number().int().optional(),
  field: z.string().optional(),
  message: z.string(),
});
export type ImportProblem = z.infer<typeof ImportProblem>;

export const ImportSummary = z.object({
  kind: ImportKind,
  fileName: z.string(),
  imported: z.number().int().describe('Rows written'),
});
export type ImportSummary = z.infer<typeof ImportSummary>;

/** One line of a streamed import (Accept: application/x-ndjson). */
export const ImportEvent = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('progress'),
    stage: z.enum(['checking', 'writing']),
    done: z.number().int(),
    total: z.number().int(),
  }),
  z.object({ type: z.literal('imported'), summary: ImportSummary }),
  z.object({
    type: z.literal('refused'),
    detail: z.string(),
    problems: z.array(ImportProblem),
  }),
]);
export type ImportEvent = z.infer<typeof ImportEvent>;
