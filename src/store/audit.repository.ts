import type { Selectable } from 'kysely';
import type { AuditLogTable } from './schema.ts';
import type { Executor } from './transaction.ts';

/** Who did what, when; append-only at the database like the register's history. */
export interface AuditEvent {
  readonly id: number;
  readonly actorUserId: number | null;
  readonly action: string;
  readonly subjectPupilId: number | null;
  readonly details: Readonly<Record<string, unknown>>;
  readonly occurredAt: Date;
}

export type NewAuditEvent = Omit<AuditEvent, 'id'>;

export async function recordAuditEvent(db: Executor, event: NewAuditEvent): Promise<AuditEvent> {
  const row = await db
    .insertInto('audit_log')
    .values({
      actor_user_id: event.actorUserId,
      action: event.action,
      subject_pupil_id: event.subjectPupilId,
      details: JSON.stringify(event.details),
      occurred_at: event.occurredAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toAuditEvent(row);
}

export async function listAuditEvents(
  db: Executor,
  query: { from: Date; to: Date; subjectPupilId?: number; action?: string },
): Promise<AuditEvent[]> {
  let builder = db
    .selectFrom('audit_log')
    .selectAll()
    .where('occurred_at', '>=', query.from)
    .where('occurred_at', '<', query.to);
  if (query.subjectPupilId !== undefined) {
    builder = builder.where('subject_pupil_id', '=', query.subjectPupilId);
  }
  if (query.action !== undefined) {
    builder = builder.where('action', '=', query.action);
  }
  const rows = await builder.orderBy('occurred_at').orderBy('id').execute();
  return rows.map(toAuditEvent);
}

function toAuditEvent(row: Selectable<AuditLogTable>): AuditEvent {
  return {
    id: row.id,
    actorUserId: row.actor_user_id,
    action: row.action,
    subjectPupilId: row.subject_pupil_id,
    details: row.details,
    occurredAt: row.occurred_at,
  };
}
