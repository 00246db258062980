import { createHash } from 'node:crypto';
import { isIsoDate, type IsoDate } from '../domain/calendar/plain-date.ts';
import { codeTableFor, findCode } from '../domain/codes/code-tables.ts';
import { err, ok, type Result } from '../domain/result.ts';
import { absenceRateOf, attendanceRateOf } from '../domain/statistics/session-counts.ts';
import {
  fillPlaceholders,
  listLetterFieldsUsed,
  type LetterField,
  type LetterKind,
  type PlaceholderValues,
} from '../documents/letter-template.ts';
import { renderLetterPdf, type RegisterPrintout } from '../documents/letter-pdf.ts';
import { formatLetterDate, type Letterhead } from '../documents/pdf-document.ts';
import { recordAuditEvent } from '../store/audit.repository.ts';
import { recordLetter, type LetterRecord } from '../store/letter.repository.ts';
import { enqueueMessage, type OutboundMessage } from '../store/message.repository.ts';
import type { Contact } from '../store/pupil.repository.ts';
import { findSchool } from '../store/school.repository.ts';
import { runAtomically, type Executor } from '../store/transaction.ts';
import type { Clock } from './clock.ts';
import { findEffectiveTemplate, loadLetterhead } from './letter-template.service.ts';
import { londonWallClock } from './london-time.ts';
import {
  loadPupilProfile,
  type PupilProfile,
  type PupilProfileError,
} from './pupil-profile.service.ts';

export type LetterError =
  | PupilProfileError
  | { readonly kind: 'missing-letter-fields'; readonly fields: readonly LetterField[] }
  | { readonly kind: 'invalid-period'; readonly message: string }
  | { readonly kind: 'no-email-recipients' };

export interface LetterRequest {
  readonly pupilId: number;
  /** Schools whose letters the sender may produce; the pupil's latest of them is used. */
  readonly schoolIds: readonly number[];
  readonly kind: LetterKind;
  /** Values the template asks the sender for (leave dates and so on). */
  readonly fields: Readonly<Partial<Record<LetterField, string>>>;
  readonly senderName: string;
}

/** A letter rendered for one pupil, not yet sent. */
export interface PreparedLetter {
  readonly schoolId: number;
  readonly pupilId: number;
  readonly kind: LetterKind;
  readonly title: string;
  readonly emailSubject: string;
  /** The letter's text, for the body of the email that carries it. */
  readonly text: string;
  readonly pdf: Uint8Array;
  readonly contacts: readonly Contact[];
}

const dateFields = new Set<LetterField>([
  'leave.from',
  'leave.to',
  'meeting.date',
  'notice.reviewDate',
  'period.from',
  'period.to',
]);

/** "91.4%" from attended and possible sessions, or "no sessions yet". */
export function formatRate(rate: number | null): string {
  return rate === null ? 'not yet measurable' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

/** Renders a letter for a pupil from the school's template and the register as of today. */
export async function prepareLetter(
  deps: { db: Executor; clock: Clock },
  request: LetterRequest,
): Promise<Result<PreparedLetter, LetterError>> {
  const today = londonWallClock(deps.clock.now()).date;
  const period = readPeriod(request.fields, today);
  if (!period.ok) return period;
  const asOf = period.value?.to ?? today;
  const profile = await loadPupilProfile(deps.db, {
    pupilId: request.pupilId,
    visibleSchoolIds: request.schoolIds,
    asOf,
  });
  if (!profile.ok) return profile;
  const template = await findEffectiveTemplate(deps.db, profile.value.school.id, request.kind);
  const missing = listLetterFieldsUsed(template).filter(
    (field) => (request.fields[field] ?? '').trim() === '' && !(field in derivedFields),
  );
  if (missing.length > 0) return err({ kind: 'missing-letter-fields', fields: missing });

  const letterhead = await loadLetterhead(deps.db, profile.value.school.id);
  const values = describeValues(profile.value, {
    letterhead,
    fields: request.fields,
    today,
    senderName: request.senderName,
  });
  const school = await findSchool(deps.db, profile.value.school.id);
  const register =
    request.kind === 'registration-certificate' && school !== undefined
      ? describeRegister(profile.value, school.jurisdiction, period.value?.from ?? null)
      : undefined;
  const head: Letterhead = {
    schoolName: profile.value.school.name,
    address: letterhead.address,
    phone: letterhead.phone,
    email: letterhead.email,
  };
  const title = fillPlaceholders(template.title, values);
  const text = fillPlaceholders(template.body, values);
  const pdf = await renderLetterPdf({
    letterhead: head,
    date: today,
    title,
    body: text,
    ...(register === undefined ? {} : { register }),
  });
  return ok({
    schoolId: profile.value.school.id,
    pupilId: request.pupilId,
    kind: request.kind,
    title,
    emailSubject: fillPlaceholders(template.emailSubject, values),
    text,
    pdf,
    contacts: profile.value.contacts,
  });
}

// Filled from the register when the sender leaves them out.
const derivedFields: Partial<Record<LetterField, true>> = {
  'period.from': true,
  'period.to': true,
};

function readPeriod(
  fields: LetterRequest['fields'],
  today: IsoDate,
): Result<{ from: IsoDate | null; to: IsoDate } | null, LetterError> {
  const from = fields['period.from'];
  const to = fields['period.to'];
  for (const [name, value] of [
    ['period.from', from],
    ['period.to', to],
  ] as const)
    if (value !== undefined && !isIsoDate(value))
      return err({ kind: 'invalid-period', message: `${name} must be a date written YYYY-MM-DD` });
  if (to !== undefined && to > today)
    return err({ kind: 'invalid-period', message: 'period.to must not be after today' });
  if (from !== undefined && to !== undefined && from > to)
    return err({ kind: 'invalid-period', message: 'period.from must not be after period.to' });
  if (from === undefined && to === undefined) return ok(null);
  return ok({ from: from ?? null, to: to ?? today });
}

/** Addressed to the first contact with parental responsibility, as the school would write. */
function findAddressee(contacts: readonly Contact[]): Contact | undefined {
  return [...contacts]
    .sort((a, b) => a.priority - b.priority)
    .find((contact) => contact.parentalResponsibility);
}

function describeValues(
  profile: PupilProfile,
  context: {
    letterhead: {
      address: string;
      phone: string | null;
      email: string | null;
      signatory: string | null;
    };
    fields: LetterRequest['fields'];
    today: IsoDate;
    senderName: string;
  },
): PlaceholderValues {
  const { pupil, evaluation } = profile;
  const firstName = pupil.preferredFirstName ?? pupil.legalFirstName;
  const lastName = pupil.preferredLastName ?? pupil.legalLastName;
  const sessions = evaluation.sessions;
  const given: Partial<Record<LetterField, string>> = {};
  for (const [name, value] of Object.entries(context.fields) as [LetterField, string][])
    given[name] = dateFields.has(name) && isIsoDate(value) ? formatLetterDate(value) : value;
  const from = profile.period.from ?? profile.days[0]?.[0] ?? profile.asOf;
  return {
    'school.name': profile.school.name,
    'school.address': context.letterhead.address.replace(/\n/g, ', '),
    'school.phone': context.letterhead.phone ?? 'the school office',
    'school.email': context.letterhead.email ?? 'the school office',
    'school.signatory': context.letterhead.signatory ?? context.senderName,
    'pupil.firstName': firstName,
    'pupil.lastName': lastName,
    'pupil.fullName': `${firstName} ${lastName}`,
    'pupil.legalName': `${pupil.legalFirstName} ${pupil.legalLastName}`,
    'pupil.dateOfBirth': formatLetterDate(pupil.dateOfBirth),
    'pupil.upn': pupil.upn,
    'pupil.className': profile.className ?? 'no class',
    'pupil.yearGroup': profile.yearGroup === null ? '' : `Year ${profile.yearGroup}`,
    'parent.name': findAddressee(profile.contacts)?.name ?? 'Parent/Carer',
    'attendance.rate': formatRate(attendanceRateOf(sessions)),
    'attendance.absenceRate': formatRate(absenceRateOf(sessions)),
    'attendance.possibleSessions': String(sessions.possible),
    'attendance.attendedSessions': String(sessions.attended),
    'attendance.authorisedAbsences': String(sessions.authorisedAbsence),
    'attendance.unauthorisedAbsences': String(sessions.unauthorisedAbsence),
    'attendance.lateSessions': String(sessions.late),
    'attendance.from': formatLetterDate(from),
    'attendance.to': formatLetterDate(profile.asOf),
    'letter.date': formatLetterDate(context.today),
    'sender.name': context.senderName,
    'period.from': formatLetterDate(from),
    'period.to': formatLetterDate(profile.asOf),
    ...given,
  };
}

/** The pupil's sessions from `from` (or the year's start) to the profile's as-of date. */
export function describeRegister(
  profile: PupilProfile,
  jurisdiction: 'england' | 'wales',
  from: IsoDate | null,
): RegisterPrintout {
  const days = profile.days
    .filter(([date]) => from === null || date >= from)
    .map(([date, am, pm]) => ({ date, am: am ?? '', pm: pm ?? '' }));
  const meanings = new Map<string, string>();
  for (const day of days)
    for (const code of [day.am, day.pm]) {
      if (code === '' || meanings.has(code)) continue;
      const entry = findCode(codeTableFor(jurisdiction, day.date), code);
      meanings.set(code, entry?.meaning ?? 'not a code of this register');
    }
  return {
    days,
    key: [...meanings.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, meaning]) => ({ code, meaning })),
  };
}

export interface SentLetter {
  readonly letter: LetterRecord;
  readonly messages: readonly OutboundMessage[];
}

/**
 * Renders and records a letter against the pupil, keeping the PDF as evidence. By email it
 * is queued to every contact with parental responsibility who has an address; printed, the
 * school hands or posts it and Rollcall records that it did.
 */
export async function sendLetter(
  deps: { db: Executor; clock: Clock },
  request: LetterRequest & { readonly delivery: 'email' | 'print'; readonly senderUserId: number },
): Promise<Result<SentLetter, LetterError>> {
  const prepared = await prepareLetter(deps, request);
  if (!prepared.ok) return prepared;
  const letter = prepared.value;
  const recipients =
    request.delivery === 'email'
      ? [...letter.contacts]
          .sort((a, b) => a.priority - b.priority)
          .filter((contact) => contact.parentalResponsibility && contact.email !== null)
      : [];
  if (request.delivery === 'email' && recipients.length === 0)
    return err({ kind: 'no-email-recipients' });
  const at = deps.clock.now();
  return runAtomically(deps.db, async (trx) => {
    const record = await recordLetter(trx, {
      schoolId: letter.schoolId,
      pupilId: letter.pupilId,
      kind: letter.kind,
      title: letter.title,
      delivery: request.delivery,
      recipients: recipients.map((contact) => contact.name),
      sentBy: request.senderUserId,
      sentByName: request.senderName,
      sentAt: at,
      pdf: letter.pdf,
      pdfSha256: createHash('sha256').update(letter.pdf).digest('hex'),
    });
    const messages: OutboundMessage[] = [];
    for (const contact of recipients) {
      const queued = await enqueueMessage(trx, {
        schoolId: letter.schoolId,
        pupilId: letter.pupilId,
        channel: 'email',
        recipient: contact.email ?? '',
        subject: letter.emailSubject,
        body: `${letter.text}\n\nThe letter is attached as a PDF.`,
        letterId: record.id,
        dedupeKey: null,
        at,
      });
      if (queued !== undefined) messages.push(queued);
    }
    await recordAuditEvent(trx, {
      actorUserId: request.senderUserId,
      action: request.delivery === 'email' ? 'letter-emailed' : 'letter-printed',
      subjectPupilId: letter.pupilId,
      details: {
        schoolId: letter.schoolId,
        letterId: record.id,
        kind: letter.kind,
        recipients: recipients.length,
      },
      occurredAt: at,
    });
    return ok({ letter: record, messages });
  });
}
