import { addDays, type IsoDate } from '../domain/calendar/plain-date.ts';
import { err, ok, type Result } from '../domain/result.ts';
import { recordAuditEvent } from '../store/audit.repository.ts';
import {
  listContactAttempts,
  recordContactAttempt,
  type ContactAttempt,
} from '../store/contact-attempt.repository.ts';
import { listContacts } from '../store/pupil.repository.ts';
import type { ContactOutcome } from '../store/schema.ts';
import { runAtomically, type Executor } from '../store/transaction.ts';
import type { Clock } from './clock.ts';
import { londonWallClock } from './london-time.ts';

export interface NewContactLog {
  readonly schoolId: number;
  readonly pupilId: number;
  readonly contactId: number | null;
  readonly outcome: ContactOutcome;
  readonly note: string | null;
  readonly madeBy: number;
}

export type ContactLogError = { readonly kind: 'contact-not-of-pupil'; readonly contactId: number };

/** Records a call or message about a pupil's absence, and audits who made it. */
export async function logContactAttempt(
  deps: { db: Executor; clock: Clock },
  log: NewContactLog,
): Promise<Result<ContactAttempt, ContactLogError>> {
  return runAtomically(deps.db, async (trx) => {
    if (log.contactId !== null) {
      const contacts = await listContacts(trx, log.pupilId);
      if (!contacts.some((contact) => contact.id === log.contactId))
        return err({ kind: 'contact-not-of-pupil', contactId: log.contactId });
    }
    const attempt = await recordContactAttempt(trx, {
      ...log,
      attemptedAt: deps.clock.now(),
    });
    // The note may hold what a parent said about their child: it stays in the attempt, not the log.
    await recordAuditEvent(trx, {
      actorUserId: log.madeBy,
      action: 'contact-attempt.recorded',
      subjectPupilId: log.pupilId,
      details: {
        contactAttemptId: attempt.id,
        schoolId: log.schoolId,
        contactId: log.contactId,
        outcome: log.outcome,
      },
      occurredAt: attempt.attemptedAt,
    });
    return ok(attempt);
  });
}

/** A pupil's contact attempts from a London day onwards, at the given schools, oldest first. */
export async function listContactAttemptsSince(
  db: Executor,
  query: { pupilId: number; since: IsoDate; schoolIds: readonly number[] },
): Promise<ContactAttempt[]> {
  // A day early in UTC covers British Summer Time; the London date then decides exactly.
  const attempts = await listContactAttempts(db, {
    pupilId: query.pupilId,
    since: new Date(`${addDays(query.since, -1)}T00:00:00Z`),
  });
  return attempts.filter(
    (attempt) =>
      query.schoolIds.includes(attempt.schoolId) &&
      londonWallClock(attempt.attemptedAt).date >= query.since,
  );
}
