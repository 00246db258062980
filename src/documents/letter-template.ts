import { err, ok, type Result } from '../domain/result.ts';

/** The kinds of letter a school sends; each has a shipped default template. */
export const letterKinds = [
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

export type LetterKind = (typeof letterKinds)[number];

export function isLetterKind(value: string): value is LetterKind {
  return (letterKinds as readonly string[]).includes(value);
}

/** The wording of one kind of letter: the school's own, or the shipped default. */
export interface LetterTemplate {
  readonly kind: LetterKind;
  readonly title: string;
  readonly emailSubject: string;
  readonly body: string;
}

/** Filled from the register and the school's records whenever a letter is rendered. */
export const recordPlaceholders = {
  'school.name': "The school's name",
  'school.address': "The school's postal address",
  'school.phone': "The school's telephone number",
  'school.email': "The school's email address",
  'school.signatory': 'Who signs letters, e.g. "Mrs J Patel, Headteacher"',
  'pupil.firstName': "The pupil's first name (preferred if recorded)",
  'pupil.lastName': "The pupil's last name (preferred if recorded)",
  'pupil.fullName': "The pupil's first and last names",
  'pupil.legalName': "The pupil's legal first and last names",
  'pupil.dateOfBirth': "The pupil's date of birth",
  'pupil.upn': "The pupil's unique pupil number",
  'pupil.className': "The pupil's registration class",
  'pupil.yearGroup': "The pupil's year group",
  'parent.name': 'The first contact with parental responsibility, or "Parent/Carer"',
  'attendance.rate': 'Attendance this academic year, e.g. 91.4%',
  'attendance.absenceRate': 'Absence this academic year, e.g. 8.6%',
  'attendance.possibleSessions': 'Possible sessions this academic year',
  'attendance.attendedSessions': 'Sessions attended this academic year',
  'attendance.authorisedAbsences': 'Authorised absences (sessions) this academic year',
  'attendance.unauthorisedAbsences': 'Unauthorised absences (sessions) this academic year',
  'attendance.lateSessions': 'Sessions arrived late this academic year',
  'attendance.from': 'The first day the figures count',
  'attendance.to': 'The last day the figures count',
  'letter.date': 'The date the letter is produced',
  'sender.name': 'The member of staff producing the letter',
} as const;

/** Given by the sender for the one letter: dates of leave, review dates and the like. */
export const letterFieldPlaceholders = {
  'leave.from': 'First day of the leave requested',
  'leave.to': 'Last day of the leave requested',
  'leave.decision': 'The decision, e.g. "refused" or "granted for 3 to 5 June"',
  'leave.reasons': 'The reasons for the decision',
  'meeting.date': 'The date of a meeting the letter invites the parent to',
  'meeting.time': 'The time of that meeting',
  'notice.improvementWeeks': 'The improvement period of a notice to improve, in weeks',
  'notice.reviewDate': 'When the improvement period is reviewed',
  'period.from': 'First day of the period a certificate covers',
  'period.to': 'Last day of the period a certificate covers',
} as const;

export type RecordPlaceholder = keyof typeof recordPlaceholders;
export type LetterField = keyof typeof letterFieldPlaceholders;

export function isLetterField(name: string): name is LetterField {
  return Object.hasOwn(letterFieldPlaceholders, name);
}

function isKnownPlaceholder(name: string): boolean {
  return Object.hasOwn(recordPlaceholders, name) || isLetterField(name);
}

export interface TemplateProblem {
  readonly field: 'title' | 'emailSubject' | 'body';
  readonly line: number;
  readonly message: string;
}

const placeholderPattern = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Checks every placeholder names a known value, so a typo fails on save, not in a letter. */
export function validateTemplateText(
  template: Omit<LetterTemplate, 'kind'>,
): Result<void, TemplateProblem[]> {
  const problems: TemplateProblem[] = [];
  const fields = ['title', 'emailSubject', 'body'] as const;
  for (const field of fields) {
    template[field].split('\n').forEach((text, index) => {
      const line = index + 1;
      for (const match of text.matchAll(placeholderPattern)) {
        const name = match[1] ?? '';
        if (!isKnownPlaceholder(name))
          problems.push({
            field,
            line,
            message: `unknown placeholder {{${name}}}; use one of the listed placeholders (e.g. {{pupil.firstName}})`,
          });
      }
      const unmatched = text.replace(placeholderPattern, '');
      if (unmatched.includes('{{') || unmatched.includes('}}'))
        problems.push({
          field,
          line,
          message: 'a placeholder is not closed: write it as {{name}} on one line',
        });
    });
  }
  return problems.length === 0 ? ok(undefined) : err(problems);
}

/** The fields a template needs from its sender (leave dates and so on), in order of use. */
export function listLetterFieldsUsed(template: Omit<LetterTemplate, 'kind'>): LetterField[] {
  const used = new Set<LetterField>();
  for (const text of [template.title, template.emailSubject, template.body])
    for (const match of text.matchAll(placeholderPattern)) {
      const name = match[1] ?? '';
      if (isLetterField(name)) used.add(name);
    }
  return [...used];
}

export type PlaceholderValues = Readonly<Partial<Record<RecordPlaceholder | LetterField, string>>>;

/** Replaces placeholders; a value not given renders empty (validation and fields come first). */
export function fillPlaceholders(text: string, values: PlaceholderValues): string {
  return text.replace(placeholderPattern, (_whole, name: string) =>
    isKnownPlaceholder(name) ? (values[name as RecordPlaceholder | LetterField] ?? '') : '',
  );
}
