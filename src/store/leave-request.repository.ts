import type { Selectable } from 'kysely';
import type { IsoDate } from '../domain/calendar/plain-date.ts';
import type {
  LeavePurposeName,
  LeaveRequestSessionsTable,
  LeaveRequestStatus,
  LeaveRequestsTable,
  SessionName,
} from './schema.ts';
import type { Executor } from './transaction.ts';

/** A parent's (or the office's) application for leave in term time, and its decision. */
export interface LeaveRequest {
  readonly id: number;
  readonly schoolId: number;
  readonly pupilId: number;
  readonly requestedBy: number;
  readonly source: 'parent' | 'office';
  readonly purpose: LeavePurposeName;
  readonly reason: string;
  readonly evidence: string | null;
  readonly from: { readonly date: IsoDate; readonly session: SessionName };
  readonly to: { readonly date: IsoDate; readonly session: SessionName };
  readonly agreedReturn: IsoDate | null;
  readonly exceptionalTestRequired: boolean;
  readonly status: LeaveRequestStatus;
  readonly decidedBy: number | null;
  readonly decidedAt: Date | null;
  readonly decisionReason: string | null;
  readonly createdAt: Date;
}

export type NewLeaveRequest = Omit<
  LeaveRequest,
  'id' | 'status' | 'decidedBy' | 'decidedAt' | 'decisionReason' | 'createdAt'
> & { readonly at: Date };

export interface LeaveRequestSession {
  readonly date: IsoDate;
  readonly session: SessionName;
  readonly granted: boolean;
  readonly code: string;
}

export async function createLeaveRequest(
  db: Executor,
  request: NewLeaveRequest,
): Promise<LeaveRequest> {
  const row = await db
    .insertInto('leave_requests')
    .values({
      school_id: request.schoolId,
      pupil_id: request.pupilId,
      requested_by: request.requestedBy,
      source: request.source,
      purpose: request.purpose,
      reason: request.reason,
      evidence: request.evidence,
      from_date: request.from.date,
      from_session: request.from.session,
      to_date: request.to.date,
      to_session: request.to.session,
      agreed_return: request.agreedReturn,
      exceptional_test_required: request.exceptionalTestRequired,
      created_at: request.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toLeaveRequest(row);
}

export async function findLeaveRequest(
  db: Executor,
  id: number,
): Promise<LeaveRequest | undefined> {
  const row = await db
    .selectFrom('leave_requests')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row === undefined ? undefined : toLeaveRequest(row);
}

export async function listPupilLeaveRequests(
  db: Executor,
  pupilId: number,
): Promise<LeaveRequest[]> {
  const rows = await db
    .selectFrom('leave_requests')
    .selectAll()
    .where('pupil_id', '=', pupilId)
    .orderBy('from_date')
    .orderBy('id')
    .execute();
  return rows.map(toLeaveRequest);
}

export async function listPendingLeaveRequests(
  db: Executor,
  schoolId: number,
): Promise<LeaveRequest[]> {
  const rows = await db
    .selectFrom('leave_requests')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('status', '=', 'pending')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toLeaveRequest);
}

/** Granted (wholly or in part) extended leave at a school whose agreed return falls in a span. */
export async function listExtendedLeaveReturningBetween(
  db: Executor,
  query: { readonly schoolId: number; readonly from: IsoDate; readonly to: IsoDate },
): Promise<LeaveRequest[]> {
  const rows = await db
    .selectFrom('leave_requests')
    .selectAll()
    .where('school_id', '=', query.schoolId)
    .where('purpose', '=', 'extended-holiday')
    .where('status', 'in', ['granted', 'part-granted'])
    .where('agreed_return', '>=', query.from)
    .where('agreed_return', '<=', query.to)
    .orderBy('agreed_return')
    .orderBy('id')
    .execute();
  return rows.map(toLeaveRequest);
}

/**
 * Records a decision once: only a pending request changes, so two heads deciding at once
 * cannot both succeed. Returns undefined when the request was no longer pending.
 */
export async function recordLeaveDecision(
  db: Executor,
  decision: {
    readonly id: number;
    readonly status: Exclude<LeaveRequestStatus, 'pending'>;
    readonly decidedBy: number;
    readonly reason: string;
    readonly at: Date;
    readonly sessions: readonly LeaveRequestSession[];
  },
): Promise<LeaveRequest | undefined> {
  const row = await db
    .updateTable('leave_requests')
    .set({
      status: decision.status,
      decided_by: decision.decidedBy,
      decided_at: decision.at,
      decision_reason: decision.reason,
    })
    .where('id', '=', decision.id)
    .where('status', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
  if (row === undefined) return undefined;
  if (decision.sessions.length > 0)
    await db
      .insertInto('leave_request_sessions')
      .values(
        decision.sessions.map((session) => ({
          leave_request_id: decision.id,
          date: session.date,
          session: session.session,
          granted: session.granted,
          code: session.code,
        })),
      )
      .execute();
  return toLeaveRequest(row);
}

export async function listLeaveRequestSessions(
  db: Executor,
  leaveRequestId: number,
): Promise<LeaveRequestSession[]> {
  const rows = await db
    .selectFrom('leave_request_sessions')
    .selectAll()
    .where('leave_request_id', '=', leaveRequestId)
    .orderBy('date')
    .orderBy('session')
    .execute();
  return rows.map(toLeaveRequestSession);
}

function toLeaveRequestSession(row: Selectable<LeaveRequestSessionsTable>): LeaveRequestSession {
  return { date: row.date, session: row.session, granted: row.granted, code: row.code };
}

function toLeaveRequest(row: Selectable<LeaveRequestsTable>): LeaveRequest {
  return {
    id: row.id,
    schoolId: row.school_id,
    pupilId: row.pupil_id,
    requestedBy: row.requested_by,
    source: row.source,
    purpose: row.purpose,
    reason: row.reason,
    evidence: row.evidence,
    from: { date: row.from_date, session: row.from_session },
    to: { date: row.to_date, session: row.to_session },
    agreedReturn: row.agreed_return,
    exceptionalTestRequired: row.exceptional_test_required,
    status: row.status,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    decisionReason: row.decision_reason,
    createdAt: row.created_at,
  };
}
