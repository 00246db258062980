import { addDays, type IsoDate } from '../../domain/calendar/plain-date.ts';
import { ok, type Result } from '../../domain/result.ts';
import {
  attendanceRateOf,
  emptySessionCounts,
  type SessionCounts,
} from '../../domain/statistics/session-counts.ts';
import { formatLetterDate } from '../../documents/pdf-document.ts';
import { recordAuditEvent } from '../../store/audit.repository.ts';
import { enqueueMessage } from '../../store/message.repository.ts';
import { findPupil, listContacts } from '../../store/pupil.repository.ts';
import { findSchool } from '../../store/school.repository.ts';
import { runAtomically, type Executor } from '../../store/transaction.ts';
import type { Clock } from '../clock.ts';
import { formatRate } from '../letter.service.ts';
import {
  evaluateStoredSchool,
  type StatisticsError,
  type StoredEvaluation,
} from '../school-statistics.service.ts';

export type WeekTrend = 'up' | 'down' | 'same' | 'first-week';

/** One pupil's week against the week before, as a parent's update reports it. */
export interface WeeklyFigures {
  readonly pupilId: number;
  readonly thisWeek: SessionCounts;
  readonly lastWeek: SessionCounts;
  readonly trend: WeekTrend;
}

function subtractCounts(later: SessionCounts, earlier: SessionCounts): SessionCounts {
  const difference = emptySessionCounts();
  for (const key of Object.keys(difference) as (keyof SessionCounts)[])
    difference[key] = later[key] - earlier[key];
  return difference;
}

/** Compares attended/possible of two weeks with integer arithmetic (cross-multiplied). */
export function compareWeeks(thisWeek: SessionCounts, lastWeek: SessionCounts): WeekTrend {
  if (lastWeek.possible === 0) return 'first-week';
  if (thisWeek.possible === 0) return 'same';
  const now = thisWeek.attended * lastWeek.possible;
  const before = lastWeek.attended * thisWeek.possible;
  return now > before ? 'up' : now < before ? 'down' : 'same';
}

function findCounts(stored: StoredEvaluation, pupilId: number): SessionCounts {
  const index = stored.register.pupils.findIndex((pupil) => pupil.pupilId === pupilId);
  const evaluation = stored.evaluation.pupils[index];
  return evaluation?.sessions ?? emptySessionCounts();
}

/**
 * Each pupil's week ending on `weekEnding` and the week before, from the engine's
 * year-to-date figures a week apart; a week in another academic year counts as no sessions.
 */
export async function computeWeeklyFigures(
  db: Executor,
  query: { schoolId: number; weekEnding: IsoDate; pupilIds: readonly number[] },
): Promise<Result<WeeklyFigures[], StatisticsError>> {
  const evaluations: StoredEvaluation[] = [];
  for (const asOf of [
    query.weekEnding,
    addDays(query.weekEnding, -7),
    addDays(query.weekEnding, -14),
  ]) {
    const evaluated = await evaluateStoredSchool(db, query.schoolId, asOf);
    if (!evaluated.ok) return evaluated;
    evaluations.push(evaluated.value);
  }
  const [now, weekAgo, fortnightAgo] = evaluations as [
    StoredEvaluation,
    StoredEvaluation,
    StoredEvaluation,
  ];
  const sameYear = (a: StoredEvaluation, b: StoredEvaluation) =>
    a.evaluation.period.from === b.evaluation.period.from;
  return ok(
    query.pupilIds.map((pupilId) => {
      const current = findCounts(now, pupilId);
      const previous = findCounts(weekAgo, pupilId);
      const earlier = findCounts(fortnightAgo, pupilId);
      const thisWeek = sameYear(now, weekAgo) ? subtractCounts(current, previous) : current;
      const lastWeek = !sameYear(now, weekAgo)
        ? emptySessionCounts()
        : sameYear(weekAgo, fortnightAgo)
          ? subtractCounts(previous, earlier)
          : previous;
      return { pupilId, thisWeek, lastWeek, trend: compareWeeks(thisWeek, lastWeek) };
    }),
  );
}

function describeTrend(figures: WeeklyFigures): string {
  const lastWeek = formatRate(attendanceRateOf(figures.lastWeek));
  switch (figures.trend) {
    case 'up':
      return `up from ${lastWeek} last week`;
    case 'down':
      return `down from ${lastWeek} last week`;
    case 'same':
      return `the same as last week`;
    case 'first-week':
      return 'the first week we are reporting';
  }
}

export interface WeeklyUpdateRequest {
  readonly schoolId: number;
  readonly weekEnding: IsoDate;
  /**
   * The pupils whose parents get updates: those in a monitored stage of their case. Passed
   * in so the caller decides what "monitored" means until casework stages exist.
   */
  readonly pupilIds: readonly number[];
  readonly actorUserId: number | null;
}

export interface WeeklyUpdateReport {
  readonly figures: readonly WeeklyFigures[];
  readonly queued: number;
  /** Pupils with no contact holding parental responsibility and an email or phone. */
  readonly unreachablePupilIds: readonly number[];
}

/**
 * Queues this week's attendance, up or down on last week, to each parent of each pupil: by
 * email where there is an address, otherwise by text. Queuing the same week twice sends once.
 */
export async function queueWeeklyAttendanceUpdates(
  deps: { db: Executor; clock: Clock },
  request: WeeklyUpdateRequest,
): Promise<Result<WeeklyUpdateReport, StatisticsError>> {
  const computed = await computeWeeklyFigures(deps.db, request);
  if (!computed.ok) return computed;
  const at = deps.clock.now();
  const school = await findSchool(deps.db, request.schoolId);
  return runAtomically(deps.db, async (trx) => {
    let queued = 0;
    const unreachable: number[] = [];
    for (const figures of computed.value) {
      const contacts = (await listContacts(trx, figures.pupilId)).filter(
        (contact) =>
          contact.parentalResponsibility && (contact.email !== null || contact.phone !== null),
      );
      if (contacts.length === 0) {
        unreachable.push(figures.pupilId);
        continue;
      }
      const pupil = await findPupil(trx, figures.pupilId);
      const name = pupil?.preferredFirstName ?? pupil?.legalFirstName ?? 'Your child';
      const body =
        `${name}'s attendance for the week ending ${formatLetterDate(request.weekEnding)}: ` +
        `${formatRate(attendanceRateOf(figures.thisWeek))} ` +
        `(${String(figures.thisWeek.attended)} of ${String(figures.thisWeek.possible)} sessions), ` +
        `${describeTrend(figures)}. ${school?.name ?? ''}`.trim();
      for (const contact of contacts) {
        const channel = contact.email !== null ? 'email' : 'sms';
        const message = await enqueueMessage(trx, {
          schoolId: request.schoolId,
          pupilId: figures.pupilId,
          channel,
          recipient: (channel === 'email' ? contact.email : contact.phone) ?? '',
          subject: `${name}'s attendance this week`,
          body,
          letterId: null,
          dedupeKey: `weekly-update:${request.weekEnding}:${String(contact.id)}`,
          at,
        });
        if (message === undefined) continue;
        queued++;
        await recordAuditEvent(trx, {
          actorUserId: request.actorUserId,
          action: 'weekly-update-queued',
          subjectPupilId: figures.pupilId,
          details: {
            schoolId: request.schoolId,
            messageId: message.id,
            channel,
            trend: figures.trend,
          },
          occurredAt: at,
        });
      }
    }
    return ok({ figures: computed.value, queued, unreachablePupilIds: unreachable });
  });
}
