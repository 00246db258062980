import { z } from 'zod';
import { IdInPath } from './common.contract.ts';

/** The kinds of letter; the documents layer ships a default template for each. */
export const letterKindNames = [
  'request-for-reasons',
  'medical-evidence-request',
  'attendance-concern-1',
  'attendance-concern-2',
  'lateness',
  'leave-decision',
  'penalty-notice-warning',
  'notice-to-improve',
  'attendance-certificate',
  'registration-certificate',
] as const;
export const LetterKindName = z.enum(letterKindNames, {
  error: `expected one of ${letterKindNames.join(', ')}`,
});

/** Values a sender gives for one letter; which a template needs is listed with it. */
export const letterFieldNames = [
  'leave.from',
  'leave.to',
  'leave.decision',
  'leave.reasons',
  'meeting.date',
  'meeting.time',
  'notice.improvementWeeks',
  'notice.reviewDate',
  'period.from',
  'period.to',
] as const;

export const LetterFields = z
  .partialRecord(z.enum(letterFieldNames), z.string().trim().min(1).max(1000))
  .describe('Values for the placeholders the template asks the sender for, e.g. leave.from');

export const TemplateParams = z.object({ schoolId: IdInPath, kind: LetterKindName });
export const LetterParams = z.object({ letterId: IdInPath });

export const LetterTemplateBody = z.object({
  title: z.string().trim().min(1, 'give the letter a title').max(200),
  emailSubject: z.string().trim().min(1, 'give the email a subject').max(200),
  body: z.string().trim().min(1, 'write the letter').max(20_000),
});

export const LetterTemplateResponse = LetterTemplateBody.extend({
  kind: LetterKindName,
  customised: z.boolean().describe("Whether this is the school's own wording or the default"),
  updatedAt: z.iso.datetime().nullable(),
  fieldsNeeded: z.array(z.string()).describe('Placeholders the sender must fill when sending'),
});

export const LetterTemplateList = z.object({
  templates: z.array(LetterTemplateResponse),
  placeholders: z.array(z.object({ name: z.string(), description: z.string() })),
});

export const LetterheadBody = z.object({
  address: z.string().trim().max(500),
  phone: z.string().trim().min(1).max(40).nullable(),
  email: z.email().nullable(),
  signatory: z.string().trim().min(1).max(200).nullable(),
});
export const LetterheadResponse = LetterheadBody.extend({ schoolId: z.number().int() });

export const LetterPreviewRequest = z.object({
  kind: LetterKindName,
  fields: LetterFields.default({}),
});

export const LetterSendRequest = LetterPreviewRequest.extend({
  delivery: z
    .enum(['email', 'print'])
    .describe(
      'email: to every contact with parental responsibility and an email address; print: recorded as printed',
    ),
});

export const LetterResponse = z.object({
  id: z.number().int(),
  schoolId: z.number().int(),
  pupilId: z.number().int(),
  kind: z.string(),
  title: z.string(),
  delivery: z.enum(['email', 'print']),
  recipients: z.array(z.string()),
  sentBy: z.object({ id: z.number().int(), name: z.string() }),
  sentAt: z.iso.datetime(),
  pdfSha256: z.string(),
});

export const LetterSent = z.object({
  letter: LetterResponse,
  messages: z.array(
    z.object({ id: z.number().int(), status: z.enum(['queued', 'sent', 'failed']) }),
  ),
});

export const LetterList = z.object({ letters: z.array(LetterResponse) });
