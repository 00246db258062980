import type { Selectable } from 'kysely';
import type { IsoDate } from '../domain/calendar/plain-date.ts';
import type { SignDirection, SignEventsTable } from './schema.ts';
import type { Executor } from './transaction.ts';

/** A pupil signing in late or out early at reception; time is Europe/London 'HH:MM'. */
export interface SignEvent {
  readonly id: number;
  readonly schoolId: number;
  readonly pupilId: number;
  readonly date: IsoDate;
  readonly time: string;
  readonly direction: SignDirection;
  readonly reason: string | null;
  readonly recordedBy: number;
  readonly recordedAt: Date;
}

export type NewSignEvent = Omit<SignEvent, 'id'>;

export async function recordSignEvent(db: Executor, event: NewSignEvent): Promise<SignEvent> {
  const row = await db
    .insertInto('sign_events')
    .values({
      school_id: event.schoolId,
      pupil_id: event.pupilId,
      date: event.date,
      time: event.time,
      direction: event.direction,
      reason: event.reason,
      recorded_by: event.recordedBy,
      recorded_at: event.recordedAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toSignEvent(row);
}

export async function listSignEvents(
  db: Executor,
  query: { schoolId: number; date: IsoDate },
): Promise<SignEvent[]> {
  const rows = await db
    .selectFrom('sign_events')
    .selectAll()
    .where('school_id', '=', query.schoolId)
    .where('date', '=', query.date)
    .orderBy('time')
    .orderBy('id')
    .execute();
  return rows.map(toSignEvent);
}

function toSignEvent(row: Selectable<SignEventsTable>): SignEvent {
  return {
    id: row.id,
    schoolId: row.school_id,
    pupilId: row.pupil_id,
    date: row.date,
    time: row.time,
    direction: row.direction,
    reason: row.reason,
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at,
  };
}
