import type { IsoDate } from '../domain/calendar/plain-date.ts';
import { ok, type Result } from '../domain/result.ts';
import { absenceRateOf, attendanceRateOf } from '../domain/statistics/session-counts.ts';
import { renderEvidenceBundlePdf, type EvidenceEntry } from '../documents/evidence-bundle-pdf.ts';
import { listPupilAbsenceReports } from '../store/absence-report.repository.ts';
import { listAuditEvents } from '../store/audit.repository.ts';
import { listContactAttempts } from '../store/contact-attempt.repository.ts';
import { listPupilLetters, listUserDisplayNames } from '../store/letter.repository.ts';
import { listPupilMessages } from '../store/message.repository.ts';
import { findSchool } from '../store/school.repository.ts';
import type { Executor } from '../store/transaction.ts';
import type { Clock } from './clock.ts';
import { describeRegister, formatRate } from './letter.service.ts';
import { loadLetterhead } from './letter-template.service.ts';
import { londonWallClock } from './london-time.ts';
import { loadPupilProfile, type PupilProfileError } from './pupil-profile.service.ts';

export interface EvidenceBundleRequest {
  readonly pupilId: number;
  readonly schoolIds: readonly number[];
  readonly producedBy: { readonly userId: number; readonly name: string };
}

function describeInstant(instant: Date): string {
  const { date, time } = londonWallClock(instant);
  return `${date} ${time}`;
}

function describeAuditDetails(details: Readonly<Record<string, unknown>>): string {
  const parts = Object.entries(details)
    .filter(([, value]) => ['string', 'number', 'boolean'].includes(typeof value))
    .map(([key, value]) => `${key}: ${String(value as string | number | boolean)}`);
  return parts.join(', ');
}

/**
 * One PDF for a referral: the pupil's year-to-date summary, every letter, contact attempt,
 * absence report and audit entry in date order, and the registration certificate. The
 * production of the bundle is itself audit-logged by the caller's route.
 */
export async function buildEvidenceBundle(
  deps: { db: Executor; clock: Clock },
  request: EvidenceBundleRequest,
): Promise<Result<{ pdf: Uint8Array; schoolId: number }, PupilProfileError>> {
  const now = deps.clock.now();
  const today: IsoDate = londonWallClock(now).date;
  const profile = await loadPupilProfile(deps.db, {
    pupilId: request.pupilId,
    visibleSchoolIds: request.schoolIds,
    asOf: today,
  });
  if (!profile.ok) return profile;
  const { pupil, evaluation, school } = profile.value;
  const stored = await findSchool(deps.db, school.id);
  const letterhead = await loadLetterhead(deps.db, school.id);
  const since = new Date(0);

  const letters = await listPupilLetters(deps.db, { pupilId: pupil.id, schoolIds: [school.id] });
  const attempts = (await listContactAttempts(deps.db, { pupilId: pupil.id, since })).filter(
    (attempt) => attempt.schoolId === school.id,
  );
  const reports = (await listPupilAbsenceReports(deps.db, pupil.id)).filter(
    (report) => report.schoolId === school.id,
  );
  const messages = (await listPupilMessages(deps.db, pupil.id)).filter(
    (message) => message.schoolId === school.id,
  );
  const audit = await listAuditEvents(deps.db, {
    from: since,
    to: new Date(now.getTime() + 1),
    subjectPupilId: pupil.id,
  });
  const names = await listUserDisplayNames(deps.db, [
    ...attempts.map((attempt) => attempt.madeBy),
    ...reports.map((report) => report.reportedBy),
    ...audit.flatMap((event) => (event.actorUserId === null ? [] : [event.actorUserId])),
  ]);
  const nameOf = (userId: number | null) =>
    userId === null ? 'Rollcall' : (names.get(userId) ?? `user ${String(userId)}`);
  const contactNames = new Map(profile.value.contacts.map((contact) => [contact.id, contact.name]));

  const dated: { at: Date; entry: EvidenceEntry }[] = [
    ...letters.map((letter) => ({
      at: letter.sentAt,
      entry: {
        at: describeInstant(letter.sentAt),
        kind: 'letter' as const,
        by: letter.sentByName,
        description:
          `${letter.title} (${letter.delivery === 'email' ? `emailed to ${letter.recipients.join(', ')}` : 'printed'}); ` +
          `PDF SHA-256 ${letter.pdfSha256}`,
      },
    })),
    ...messages.map((message) => ({
      at: message.createdAt,
      entry: {
        at: describeInstant(message.createdAt),
        kind: 'message' as const,
        by: 'Rollcall',
        description:
          `${message.channel === 'email' ? 'Email' : 'Text'} to ${message.recipient}: "${message.subject}"; ` +
          (message.sentAt !== null
            ? `delivered to the ${message.channel === 'email' ? 'mail server' : 'SMS outbox'} at ${describeInstant(message.sentAt)}`
            : `${message.status} after ${String(message.attempts)} attempt(s)${message.lastError === null ? '' : ` (${message.lastError})`}`),
      },
    })),
    ...attempts.map((attempt) => ({
      at: attempt.attemptedAt,
      entry: {
        at: describeInstant(attempt.attemptedAt),
        kind: 'contact attempt' as const,
        by: nameOf(attempt.madeBy),
        description: [
          attempt.contactId === null
            ? 'Contact'
            : (contactNames.get(attempt.contactId) ?? 'Contact'),
          `outcome: ${attempt.outcome}`,
          attempt.note,
        ]
          .filter((part) => part !== null)
          .join('; '),
      },
    })),
    ...reports.map((report) => ({
      at: report.createdAt,
      entry: {
        at: describeInstant(report.createdAt),
        kind: 'absence report' as const,
        by: nameOf(report.reportedBy),
        description:
          `${report.reason} from ${report.from.date} ${report.from.session} to ${report.to.date} ${report.to.session}` +
          (report.expectedReturn === null ? '' : `; expected back ${report.expectedReturn}`),
      },
    })),
    ...audit.map((event) => ({
      at: event.occurredAt,
      entry: {
        at: describeInstant(event.occurredAt),
        kind: 'audit' as const,
        by: nameOf(event.actorUserId),
        description: `${event.action}${Object.keys(event.details).length > 0 ? ` (${describeAuditDetails(event.details)})` : ''}`,
      },
    })),
  ];
  dated.sort((a, b) => a.at.getTime() - b.at.getTime());

  const sessions = evaluation.sessions;
  const pdf = await renderEvidenceBundlePdf({
    letterhead: {
      schoolName: school.name,
      address: letterhead.address,
      phone: letterhead.phone,
      email: letterhead.email,
    },
    producedOn: today,
    producedBy: request.producedBy.name,
    pupil: {
      name: `${pupil.legalFirstName} ${pupil.legalLastName}`,
      dateOfBirth: pupil.dateOfBirth,
      upn: pupil.upn,
      className: profile.value.className,
    },
    summary: [
      ['Period', `${profile.value.period.from ?? today} to ${profile.value.asOf}`],
      ['Attendance', formatRate(attendanceRateOf(sessions))],
      ['Absence', formatRate(absenceRateOf(sessions))],
      ['Possible sessions', String(sessions.possible)],
      ['Sessions attended', String(sessions.attended)],
      ['Authorised absences (sessions)', String(sessions.authorisedAbsence)],
      ['Unauthorised absences (sessions)', String(sessions.unauthorisedAbsence)],
      ['Late arrivals (sessions)', String(sessions.late)],
      ['Persistent absence (10% or more)', evaluation.persistentAbsence ? 'yes' : 'no'],
      ['Severe absence (50% or more)', evaluation.severeAbsence ? 'yes' : 'no'],
    ],
    register: describeRegister(profile.value, stored?.jurisdiction ?? 'england', null),
    entries: dated.map((item) => item.entry),
  });
  return ok({ pdf, schoolId: school.id });
}
