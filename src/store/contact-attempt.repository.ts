import type { Selectable } from 'kysely';
import type { ContactAttemptsTable, ContactOutcome } from './schema.ts';
import type { Executor } from './transaction.ts';

/** A call or message to a pupil's contact about an absence, and how it went. */
export interface ContactAttempt {
  readonly id: number;
  readonly schoolId: number;
  readonly pupilId: number;
  readonly contactId: number | null;
  readonly attemptedAt: Date;
  readonly outcome: ContactOutcome;
  readonly note: string | null;
  readonly madeBy: number;
}

export type NewContactAttempt = Omit<ContactAttempt, 'id'>;

export async function recordContactAttempt(
  db: Executor,
  attempt: NewContactAttempt,
): Promise<ContactAttempt> {
  const row = await db
    .insertInto('contact_attempts')
    .values({
      school_id: attempt.schoolId,
      pupil_id: attempt.pupilId,
      contact_id: attempt.contactId,
      attempted_at: attempt.attemptedAt,
      outcome: attempt.outcome,
      note: attempt.note,
      made_by: attempt.madeBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toContactAttempt(row);
}

export async function listContactAttempts(
  db: Executor,
  query: { pupilId: number; since: Date },
): Promise<ContactAttempt[]> {
  const rows = await db
    .selectFrom('contact_attempts')
    .selectAll()
    .where('pupil_id', '=', query.pupilId)
    .where('attempted_at', '>=', query.since)
    .orderBy('attempted_at')
    .execute();
  return rows.map(toContactAttempt);
}

function toContactAttempt(row: Selectable<ContactAttemptsTable>): ContactAttempt {
  return {
    id: row.id,
    schoolId: row.school_id,
    pupilId: row.pupil_id,
    contactId: row.contact_id,
    attemptedAt: row.attempted_at,
    outcome: row.outcome,
    note: row.note,
    madeBy: row.made_by,
  };
}
