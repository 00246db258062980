import { isIsoDate, type IsoDate } from '../domain/calendar/plain-date.ts';
import { countSchoolDaysThrough } from '../domain/calendar/school-calendar.ts';
import {
  describeAlertKey,
  findCaseLadder,
  proposeCaseStage,
  type StageProposal,
} from '../domain/followup/case-ladder.ts';
import { planNoticeToImprove } from '../domain/followup/penalty-notice.ts';
import { err, ok, type Result } from '../domain/result.ts';
import { recordAuditEvent } from '../store/audit.repository.ts';
import { listPupilCaseAlertDecisions } from '../store/case-alert-decision.repository.ts';
import {
  appendCaseEvent,
  changeCaseStage,
  closeCase,
  findCase,
  listCaseEvents,
  openCase,
  type AttendanceCase,
  type CaseEvent,
} from '../store/case.repository.ts';
import type { CaseEventKind } from '../store/schema.ts';
import { runAtomically, type Executor } from '../store/transaction.ts';
import type { Clock } from './clock.ts';
import { londonWallClock } from './london-time.ts';
import { loadSchoolCalendar, type SchoolCalendarError } from './school-calendar.service.ts';
import { evaluateStoredSchool, type StatisticsError } from './school-statistics.service.ts';

export interface CaseworkDeps {
  readonly db: Executor;
  readonly clock: Clock;
}

/** The rule alerts a case was opened or moved because of, when staff accepted their call. */
export type AcceptedAlerts = readonly {
  readonly rule: string;
  readonly date: IsoDate;
  readonly session: 'AM' | 'PM';
}[];

function describeAcceptedAlerts(alerts: AcceptedAlerts): string {
  return alerts.map((alert) => `${alert.rule} (${alert.date} ${alert.session})`).join(', ');
}

export type CaseError =
  | { readonly kind: 'case-not-found'; readonly caseId: number }
  | { readonly kind: 'case-closed'; readonly caseId: number }
  | { readonly kind: 'case-already-open' }
  | { readonly kind: 'invalid-case'; readonly field: string; readonly message: string };

/** Open a case for a pupil on the school's ladder at a stage staff chose. */
export async function openAttendanceCase(
  deps: CaseworkDeps,
  input: {
    readonly schoolId: number;
    readonly pupilId: number;
    readonly ladder: string;
    readonly stage: number;
    readonly notes: string | null;
    readonly openedBy: number;
    /** Set when staff accepted what the alerts called for. */
    readonly fromAlerts?: AcceptedAlerts;
  },
): Promise<Result<{ case: AttendanceCase; event: CaseEvent }, CaseError>> {
  const ladder = findCaseLadder(input.ladder);
  if (!ladder)
    return err({
      kind: 'invalid-case',
      field: 'ladder',
      message: `there is no ladder "${input.ladder}"`,
    });
  const stage = ladder.stages.find((candidate) => candidate.stage === input.stage);
  if (!stage)
    return err({
      kind: 'invalid-case',
      field: 'stage',
      message: `the ${ladder.id} ladder has stages 1 to ${ladder.stages.length}`,
    });
  const at = deps.clock.now();
  return runAtomically<{ case: AttendanceCase; event: CaseEvent }, CaseError>(
    deps.db,
    async (trx) => {
      const opened = await openCase(trx, { ...input, at });
      if (!opened.ok) return opened;
      const fromAlerts = input.fromAlerts ?? [];
      const event = await appendCaseEvent(trx, {
        caseId: opened.value.id,
        kind: 'opened',
        occurredOn: londonWallClock(at).date,
        summary:
          `Opened at stage ${stage.stage}: ${stage.title}` +
          (fromAlerts.length > 0 ? `; accepted from ${describeAcceptedAlerts(fromAlerts)}` : ''),
        details: {
          ladder: ladder.id,
          stage: stage.stage,
          ...(fromAlerts.length > 0 ? { fromAlerts } : {}),
        },
        reviewOn: null,
        dueOn: null,
        recordedBy: input.openedBy,
        recordedAt: at,
      });
      await recordAuditEvent(trx, {
        actorUserId: input.openedBy,
        action: 'case.opened',
        subjectPupilId: input.pupilId,
        details: {
          caseId: opened.value.id,
          ladder: ladder.id,
          stage: stage.stage,
          ...(fromAlerts.length > 0 ? { fromAlerts } : {}),
        },
        occurredAt: at,
      });
      return ok({ case: opened.value, event });
    },
  );
}

/** Move an open case up or down its ladder; the reason is kept as evidence. */
export async function moveCaseStage(
  deps: CaseworkDeps,
  input: {
    readonly caseId: number;
    readonly stage: number;
    readonly reason: string;
    readonly movedBy: number;
    /** Set when staff accepted what the alerts called for. */
    readonly fromAlerts?: AcceptedAlerts;
  },
): Promise<Result<{ case: AttendanceCase; event: CaseEvent }, CaseError>> {
  const current = await findCase(deps.db, input.caseId);
  if (!current) return err({ kind: 'case-not-found', caseId: input.caseId });
  const ladder = findCaseLadder(current.ladder);
  const stage = ladder?.stages.find((candidate) => candidate.stage === input.stage);
  if (!stage)
    return err({
      kind: 'invalid-case',
      field: 'stage',
      message: `the ${current.ladder} ladder has stages 1 to ${ladder?.stages.length ?? 0}`,
    });
  const at = deps.clock.now();
  return runAtomically<{ case: AttendanceCase; event: CaseEvent }, CaseError>(
    deps.db,
    async (trx) => {
      const moved = await changeCaseStage(trx, { id: input.caseId, stage: input.stage });
      if (!moved) return err({ kind: 'case-closed', caseId: input.caseId });
      const event = await appendCaseEvent(trx, {
        caseId: moved.id,
        kind: 'stage-changed',
        occurredOn: londonWallClock(at).date,
        summary: `Stage ${current.stage} to ${stage.stage} (${stage.title}): ${input.reason}`,
        details: {
          from: current.stage,
          to: stage.stage,
          reason: input.reason,
          ...(input.fromAlerts === undefined ? {} : { fromAlerts: input.fromAlerts }),
        },
        reviewOn: null,
        dueOn: null,
        recordedBy: input.movedBy,
        recordedAt: at,
      });
      await recordAuditEvent(trx, {
        actorUserId: input.movedBy,
        action: 'case.stage-changed',
        subjectPupilId: moved.pupilId,
        details: {
          caseId: moved.id,
          from: current.stage,
          to: stage.stage,
          ...(input.fromAlerts === undefined ? {} : { fromAlerts: input.fromAlerts }),
        },
        occurredAt: at,
      });
      return ok({ case: moved, event });
    },
  );
}

export async function closeAttendanceCase(
  deps: CaseworkDeps,
  input: { readonly caseId: number; readonly reason: string; readonly closedBy: number },
): Promise<Result<AttendanceCase, CaseError>> {
  const at = deps.clock.now();
  return runAtomically<AttendanceCase, CaseError>(deps.db, async (trx) => {
    const closed = await closeCase(trx, { id: input.caseId, closedBy: input.closedBy, at });
    if (!closed)
      return (await findCase(trx, input.caseId))
        ? err({ kind: 'case-closed', caseId: input.caseId })
        : err({ kind: 'case-not-found', caseId: input.caseId });
    await appendCaseEvent(trx, {
      caseId: closed.id,
      kind: 'closed',
      occurredOn: londonWallClock(at).date,
      summary: `Closed: ${input.reason}`,
      details: {},
      reviewOn: null,
      dueOn: null,
      recordedBy: input.closedBy,
      recordedAt: at,
    });
    await recordAuditEvent(trx, {
      actorUserId: input.closedBy,
      action: 'case.closed',
      subjectPupilId: closed.pupilId,
      details: { caseId: closed.id },
      occurredAt: at,
    });
    return ok(closed);
  });
}

/** What staff record in a case; each kind carries what its evidence needs. */
export type CaseEventInput =
  | {
      readonly kind: 'meeting' | 'note' | 'attendance-contract' | 'parenting-contract';
      readonly occurredOn: IsoDate;
      readonly summary: string;
      readonly reviewOn?: IsoDate | undefined;
    }
  | {
      readonly kind: 'action-plan' | 'engagement-plan' | 'reintegration-plan';
      readonly occurredOn: IsoDate;
      readonly summary: string;
      readonly targets: readonly string[];
      readonly reviewOn: IsoDate;
    }
  | {
      readonly kind: 'part-time-timetable';
      readonly occurredOn: IsoDate;
      readonly summary: string;
      readonly endsOn: IsoDate;
    }
  | {
      readonly kind: 'referral';
      readonly occurredOn: IsoDate;
      readonly summary: string;
      readonly to: string;
    }
  | {
      readonly kind: 'notice-to-improve';
      readonly occurredOn: IsoDate;
      readonly summary: string;
      readonly weeks: number;
    };

/** The local authority must hear of a part-time timetable within 5 school days. */
const PART_TIME_NOTIFICATION_SCHOOL_DAYS = 5;

/** Add a meeting, plan, contract, timetable, referral or notice to a case, append-only. */
export async function addCaseEvent(
  deps: CaseworkDeps,
  input: { readonly caseId: number; readonly event: CaseEventInput; readonly recordedBy: number },
): Promise<Result<CaseEvent, CaseError | SchoolCalendarError>> {
  const current = await findCase(deps.db, input.caseId);
  if (!current) return err({ kind: 'case-not-found', caseId: input.caseId });
  if (current.closedAt !== null) return err({ kind: 'case-closed', caseId: input.caseId });
  const event = input.event;
  if (!isIsoDate(event.occurredOn))
    return err({ kind: 'invalid-case', field: 'occurredOn', message: 'expected YYYY-MM-DD' });
  let reviewOn: IsoDate | null = null;
  let dueOn: IsoDate | null = null;
  let details: Record<string, unknown> = {};
  switch (event.kind) {
    case 'meeting':
    case 'note':
    case 'attendance-contract':
    case 'parenting-contract':
      reviewOn = event.reviewOn ?? null;
      break;
    case 'action-plan':
    case 'engagement-plan':
    case 'reintegration-plan':
      if (event.reviewOn <= event.occurredOn)
        return err({
          kind: 'invalid-case',
          field: 'reviewOn',
          message: `the review (${event.reviewOn}) must come after the plan is agreed (${event.occurredOn})`,
        });
      reviewOn = event.reviewOn;
      details = { targets: event.targets };
      break;
    case 'part-time-timetable': {
      const loaded = await loadSchoolCalendar(deps.db, current.schoolId);
      if (!loaded.ok) return loaded;
      const { days } = loaded.value.calendar;
      const start = countSchoolDaysThrough(loaded.value.calendar, event.occurredOn) - 1;
      const isSchoolDay = days[start] === event.occurredOn;
      // Day 1 of the 5 is the start day when it is a school day, else the next school day.
      dueOn =
        days[(isSchoolDay ? start : start + 1) + PART_TIME_NOTIFICATION_SCHOOL_DAYS - 1] ?? null;
      if (dueOn === null)
        return err({
          kind: 'invalid-case',
          field: 'occurredOn',
          message: "the school's calendar does not reach 5 school days after the start",
        });
      reviewOn = event.endsOn;
      details = { endsOn: event.endsOn };
      break;
    }
    case 'referral':
      details = { to: event.to };
      break;
    case 'notice-to-improve': {
      const plan = planNoticeToImprove(event.occurredOn, event.weeks);
      if (!plan.ok)
        return err({ kind: 'invalid-case', field: 'weeks', message: plan.error.message });
      reviewOn = plan.value.reviewOn;
      details = { weeks: plan.value.weeks, periodEnds: plan.value.periodEnds };
      break;
    }
  }
  const at = deps.clock.now();
  return runAtomically<CaseEvent, never>(deps.db, async (trx) => {
    const recorded = await appendCaseEvent(trx, {
      caseId: current.id,
      kind: event.kind satisfies CaseEventKind,
      occurredOn: event.occurredOn,
      summary: event.summary,
      details,
      reviewOn,
      dueOn,
      recordedBy: input.recordedBy,
      recordedAt: at,
    });
    await recordAuditEvent(trx, {
      actorUserId: input.recordedBy,
      action: 'case.event-added',
      subjectPupilId: current.pupilId,
      details: { caseId: current.id, caseEventId: recorded.id, kind: event.kind },
      occurredAt: at,
    });
    return ok(recorded);
  });
}

export async function listAttendanceCaseEvents(db: Executor, caseId: number): Promise<CaseEvent[]> {
  return listCaseEvents(db, caseId);
}

/**
 * The stage the rule engine's alerts point to for a pupil; a proposal staff accept or not.
 * Alerts already accepted or dismissed (the school's case actions) are left out.
 */
export async function proposePupilCaseStage(
  db: Executor,
  query: {
    readonly schoolId: number;
    readonly pupilId: number;
    readonly ladder: string;
    readonly currentStage: number;
    readonly asOf: IsoDate;
  },
): Promise<Result<StageProposal | null, StatisticsError | CaseError>> {
  const ladder = findCaseLadder(query.ladder);
  if (!ladder)
    return err({
      kind: 'invalid-case',
      field: 'ladder',
      message: `there is no ladder "${query.ladder}"`,
    });
  const stored = await evaluateStoredSchool(db, query.schoolId, query.asOf);
  if (!stored.ok) return stored;
  const pupil = stored.value.evaluation.pupils.find((p) => p.id === String(query.pupilId));
  const decided = new Set(
    (await listPupilCaseAlertDecisions(db, query)).map((decision) =>
      describeAlertKey({
        rule: decision.rule,
        date: decision.alertDate,
        session: decision.alertSession,
      }),
    ),
  );
  const undecided = (pupil?.alerts ?? []).filter((alert) => !decided.has(describeAlertKey(alert)));
  return ok(proposeCaseStage(ladder, undecided, query.currentStage));
}
