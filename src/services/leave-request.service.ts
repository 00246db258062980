import { isIsoDate, type IsoDate } from '../domain/calendar/plain-date.ts';
import type { SessionName } from '../domain/calendar/school-calendar.ts';
import {
  checkAgreedReturn,
  decideLeaveSessions,
  HOLIDAY_CODES,
  needsWalesExceptionalTest,
  type LeaveDecision,
  type LeaveDecisionProblem,
  type LeavePurpose,
  type LeaveSession,
} from '../domain/followup/leave-decision.ts';
import { err, ok, type Result } from '../domain/result.ts';
import { recordAuditEvent } from '../store/audit.repository.ts';
import {
  createLeaveRequest,
  findLeaveRequest,
  listLeaveRequestSessions,
  listPendingLeaveRequests,
  listPupilLeaveRequests,
  recordLeaveDecision,
  type LeaveRequest,
  type LeaveRequestSession,
} from '../store/leave-request.repository.ts';
import { listPupilMarks, recordSessionMarks } from '../store/mark.repository.ts';
import { findPupil, findRollEnrolments } from '../store/pupil.repository.ts';
import { runAtomically, type Executor } from '../store/transaction.ts';
import type { Clock } from './clock.ts';
import { londonWallClock } from './london-time.ts';
import {
  loadSchoolCalendar,
  type LoadedSchoolCalendar,
  type SchoolCalendarError,
} from './school-calendar.service.ts';

export interface LeaveDeps {
  readonly db: Executor;
  readonly clock: Clock;
}

export interface LeaveRequestInput {
  readonly schoolId: number;
  readonly pupilId: number;
  readonly requestedBy: number;
  readonly source: 'parent' | 'office';
  readonly purpose: LeavePurpose;
  readonly reason: string;
  readonly evidence: string | null;
  readonly from: { readonly date: IsoDate; readonly session: SessionName };
  readonly to: { readonly date: IsoDate; readonly session: SessionName };
  readonly agreedReturn: IsoDate | null;
}

export type LeaveRequestError =
  | SchoolCalendarError
  | { readonly kind: 'invalid-span'; readonly field: string; readonly message: string };

/** The school sessions between two session points inclusive, closures excluded. */
export function listSpanSessions(
  loaded: LoadedSchoolCalendar,
  from: { readonly date: IsoDate; readonly session: SessionName },
  to: { readonly date: IsoDate; readonly session: SessionName },
): LeaveSession[] {
  const closed = new Set(loaded.closedSessions.map((s) => `${s.date} ${s.session}`));
  const sessions: LeaveSession[] = [];
  for (const date of loaded.calendar.days) {
    if (date < from.date || date > to.date) continue;
    for (const session of ['AM', 'PM'] as const) {
      if (date === from.date && from.session === 'PM' && session === 'AM') continue;
      if (date === to.date && to.session === 'AM' && session === 'PM') continue;
      if (!closed.has(`${date} ${session}`)) sessions.push({ date, session });
    }
  }
  return sessions;
}

/** A parent applies for leave (or the office enters the application); the head decides later. */
export async function submitLeaveRequest(
  deps: LeaveDeps,
  input: LeaveRequestInput,
): Promise<Result<LeaveRequest, LeaveRequestError>> {
  for (const [field, date] of [
    ['from.date', input.from.date],
    ['to.date', input.to.date],
    ['agreedReturn', input.agreedReturn],
  ] as const)
    if (date !== null && !isIsoDate(date))
      return err({ kind: 'invalid-span', field, message: `"${date}" is not a date (YYYY-MM-DD)` });
  if (`${input.to.date}${input.to.session}` < `${input.from.date}${input.from.session}`)
    return err({
      kind: 'invalid-span',
      field: 'to',
      message: `the leave ends (${input.to.date} ${input.to.session}) before it starts (${input.from.date} ${input.from.session})`,
    });
  const loaded = await loadSchoolCalendar(deps.db, input.schoolId);
  if (!loaded.ok) return loaded;
  const sessions = listSpanSessions(loaded.value, input.from, input.to);
  if (sessions.length === 0)
    return err({
      kind: 'invalid-span',
      field: 'from',
      message: `there are no school sessions between ${input.from.date} and ${input.to.date}`,
    });
  const returnProblem = checkAgreedReturn(input.purpose, input.to.date, input.agreedReturn);
  if (returnProblem !== null)
    return err({ kind: 'invalid-span', field: 'agreedReturn', message: returnProblem });

  const jurisdiction = loaded.value.school.jurisdiction;
  const holidaySessions =
    jurisdiction === 'wales'
      ? await countHolidaySessionsInYear(deps.db, loaded.value, input.pupilId, input.from.date)
      : 0;
  const at = deps.clock.now();
  return runAtomically<LeaveRequest, never>(deps.db, async (trx) => {
    const request = await createLeaveRequest(trx, {
      ...input,
      exceptionalTestRequired: needsWalesExceptionalTest(
        jurisdiction,
        input.purpose,
        holidaySessions,
        sessions.length,
      ),
      at,
    });
    await recordAuditEvent(trx, {
      actorUserId: input.requestedBy,
      action: 'leave-request.submitted',
      subjectPupilId: input.pupilId,
      details: {
        leaveRequestId: request.id,
        schoolId: input.schoolId,
        purpose: input.purpose,
        from: input.from,
        to: input.to,
        exceptionalTestRequired: request.exceptionalTestRequired,
      },
      occurredAt: at,
    });
    return ok(request);
  });
}

/**
 * Holiday sessions already in the pupil's school year: marked H, F or G, plus sessions of
 * other granted requests not yet reached by the register.
 */
async function countHolidaySessionsInYear(
  db: Executor,
  loaded: LoadedSchoolCalendar,
  pupilId: number,
  date: IsoDate,
  kinds: { readonly codes: ReadonlySet<string>; readonly exceptional: boolean } = {
    codes: HOLIDAY_CODES,
    exceptional: false,
  },
): Promise<number> {
  const startYear = Number(date.slice(0, 4)) - (date.slice(5) < '09-01' ? 1 : 0);
  const from = `${startYear}-09-01`;
  const to = `${startYear + 1}-08-31`;
  const counted = new Set<string>();
  for (const mark of await listPupilMarks(db, { pupilId, from, to }))
    if (mark.schoolId === loaded.school.id && kinds.codes.has(mark.code))
      counted.add(`${mark.date} ${mark.session}`);
  for (const request of await listPupilLeaveRequests(db, pupilId)) {
    if (request.schoolId !== loaded.school.id) continue;
    if (request.purpose === 'exceptional' && !kinds.exceptional) continue;
    for (const session of await listLeaveRequestSessions(db, request.id))
      if (session.granted && session.date >= from && session.date <= to)
        counted.add(`${session.date} ${session.session}`);
  }
  return counted.size;
}

export interface LeaveDecisionInput {
  readonly leaveRequestId: number;
  readonly decision: LeaveDecision;
  /** Goes back to the parent with the decision. */
  readonly reason: string;
  readonly decidedBy: number;
}

export type LeaveDecisionError =
  | SchoolCalendarError
  | LeaveDecisionProblem
  | { readonly kind: 'leave-request-not-found'; readonly leaveRequestId: number }
  | { readonly kind: 'already-decided'; readonly status: string }
  | { readonly kind: 'reason-missing' };

export interface DecidedLeave {
  readonly request: LeaveRequest;
  readonly sessions: readonly LeaveRequestSession[];
  /** Register marks written or changed because of the decision (sessions up to today). */
  readonly marksChanged: number;
}

/**
 * The head (or delegate) grants all, grants part or refuses. Each session gets its code; the
 * register takes them now for sessions already past, and later ones when the register reaches
 * them (applyDecidedLeave).
 */
export async function decideLeaveRequest(
  deps: LeaveDeps,
  input: LeaveDecisionInput,
): Promise<Result<DecidedLeave, LeaveDecisionError>> {
  if (input.reason.trim() === '') return err({ kind: 'reason-missing' });
  const request = await findLeaveRequest(deps.db, input.leaveRequestId);
  if (!request)
    return err({ kind: 'leave-request-not-found', leaveRequestId: input.leaveRequestId });
  if (request.status !== 'pending') return err({ kind: 'already-decided', status: request.status });
  const loaded = await loadSchoolCalendar(deps.db, request.schoolId);
  if (!loaded.ok) return loaded;
  const decided = decideLeaveSessions(
    loaded.value.school.jurisdiction,
    request.purpose,
    listSpanSessions(loaded.value, request.from, request.to),
    input.decision,
  );
  if (!decided.ok) return decided;
  const status =
    input.decision.kind === 'grant-all'
      ? 'granted'
      : input.decision.kind === 'grant-part'
        ? 'part-granted'
        : 'refused';
  const at = deps.clock.now();
  const today = londonWallClock(at).date;
  return runAtomically<DecidedLeave, LeaveDecisionError>(deps.db, async (trx) => {
    const updated = await recordLeaveDecision(trx, {
      id: request.id,
      status,
      decidedBy: input.decidedBy,
      reason: input.reason.trim(),
      at,
      sessions: decided.value,
    });
    if (updated === undefined) return err({ kind: 'already-decided', status: 'decided' });
    const marksChanged = await applyLeaveSessions(trx, {
      request: updated,
      sessions: decided.value.filter((session) => session.date <= today),
      recordedBy: input.decidedBy,
      at,
    });
    await recordAuditEvent(trx, {
      actorUserId: input.decidedBy,
      action: 'leave-request.decided',
      subjectPupilId: request.pupilId,
      details: {
        leaveRequestId: request.id,
        schoolId: request.schoolId,
        status,
        grantedSessions: decided.value.filter((s) => s.granted).length,
        refusedSessions: decided.value.filter((s) => !s.granted).length,
        marksChanged,
      },
      occurredAt: at,
    });
    return ok({ request: updated, sessions: decided.value, marksChanged });
  });
}

/** Codes that say the pupil was not in: a decision may replace them. */
const UNEXPLAINED_ABSENCE = new Set(['N', 'O']);

/**
 * Write a decision's codes into the register: a granted session replaces no mark, N or O
 * (never a present mark: the pupil came in after all); a refused one replaces only N or O,
 * because a refused session counts against the pupil only if they were away.
 */
async function applyLeaveSessions(
  trx: Executor,
  work: {
    readonly request: LeaveRequest;
    readonly sessions: readonly LeaveRequestSession[];
    readonly recordedBy: number;
    readonly at: Date;
  },
): Promise<number> {
  const { request } = work;
  if (work.sessions.length === 0) return 0;
  const marks = await listPupilMarks(trx, {
    pupilId: request.pupilId,
    from: request.from.date,
    to: request.to.date,
  });
  const markAt = new Map(
    marks
      .filter((mark) => mark.schoolId === request.schoolId)
      .map((mark) => [`${mark.date} ${mark.session}`, mark]),
  );
  let changed = 0;
  for (const session of work.sessions) {
    const existing = markAt.get(`${session.date} ${session.session}`);
    if (existing !== undefined && !UNEXPLAINED_ABSENCE.has(existing.code)) continue;
    if (existing === undefined && !session.granted) continue;
    const [enrolment] = await findRollEnrolments(trx, {
      schoolId: request.schoolId,
      date: session.date,
      pupilIds: [request.pupilId],
    });
    if (enrolment === undefined) continue;
    const recorded = await recordSessionMarks(trx, {
      schoolId: request.schoolId,
      date: session.date,
      session: session.session,
      entries: [
        {
          pupilId: request.pupilId,
          enrolmentId: enrolment.enrolmentId,
          code: session.code,
          expectedVersion: existing?.version ?? null,
        },
      ],
      recordedBy: work.recordedBy,
      source: 'office',
      reason: `leave request ${request.id} ${session.granted ? 'granted' : 'refused'}: ${request.decisionReason ?? ''}`,
      at: work.at,
    });
    if (recorded.ok) changed += recorded.value.created + recorded.value.changed;
  }
  return changed;
}

/**
 * Bring decided leave into a day's register: sessions of granted or refused leave that the
 * register has since marked N or O take the decision's code. Run before first-day tasks, so a
 * pupil on agreed leave is not chased.
 */
export async function applyDecidedLeave(
  deps: LeaveDeps,
  query: { readonly schoolId: number; readonly date: IsoDate; readonly recordedBy: number },
): Promise<number> {
  const rows = await deps.db
    .selectFrom('leave_request_sessions')
    .innerJoin('leave_requests', 'leave_requests.id', 'leave_request_sessions.leave_request_id')
    .select('leave_requests.id')
    .where('leave_requests.school_id', '=', query.schoolId)
    .where('leave_request_sessions.date', '=', query.date)
    .execute();
  let changed = 0;
  for (const { id } of rows) {
    const request = await findLeaveRequest(deps.db, id);
    if (request === undefined) continue;
    const sessions = (await listLeaveRequestSessions(deps.db, id)).filter(
      (session) => session.date === query.date,
    );
    const at = deps.clock.now();
    const outcome = await runAtomically<number, never>(deps.db, async (trx) =>
      ok(await applyLeaveSessions(trx, { request, sessions, recordedBy: query.recordedBy, at })),
    );
    if (outcome.ok) changed += outcome.value;
  }
  return changed;
}

/** Codes that record leave in a school year: holiday agreed or not, and exceptional leave. */
const LEAVE_CODES: ReadonlySet<string> = new Set([...HOLIDAY_CODES, 'C']);

/** A request as the head sees it before deciding. */
export interface PendingLeaveView {
  readonly request: LeaveRequest;
  readonly pupil: { readonly firstName: string; readonly lastName: string };
  /** The school sessions asked for: the ones a part grant chooses from. */
  readonly sessions: readonly LeaveSession[];
  /** Leave already in the pupil's school year, so the head sees the whole pattern. */
  readonly leaveSessionsThisYear: number;
}

/** A school's requests waiting for a decision, oldest first, with what the head weighs. */
export async function listPendingLeaveForDecision(
  db: Executor,
  schoolId: number,
): Promise<Result<PendingLeaveView[], SchoolCalendarError>> {
  const loaded = await loadSchoolCalendar(db, schoolId);
  if (!loaded.ok) return loaded;
  const views: PendingLeaveView[] = [];
  for (const request of await listPendingLeaveRequests(db, schoolId)) {
    const pupil = await findPupil(db, request.pupilId);
    views.push({
      request,
      pupil: {
        firstName: pupil?.preferredFirstName ?? pupil?.legalFirstName ?? '',
        lastName: pupil?.preferredLastName ?? pupil?.legalLastName ?? '',
      },
      sessions: listSpanSessions(loaded.value, request.from, request.to),
      leaveSessionsThisYear: await countHolidaySessionsInYear(
        db,
        loaded.value,
        request.pupilId,
        request.from.date,
        { codes: LEAVE_CODES, exceptional: true },
      ),
    });
  }
  return ok(views);
}
