import type { IsoDate } from '../domain/calendar/plain-date.ts';
import { codeOfId, NO_MARK } from '../domain/codes/code-registry.ts';
import { isAbsenceCategory } from '../domain/codes/code-table.ts';
import { codeTableFor, findCode } from '../domain/codes/code-tables.ts';
import {
  describeAlertKey,
  findCaseLadder,
  findSchoolCaseLadder,
  proposeCaseAction,
  type CaseAction,
  type CaseLadder,
} from '../domain/followup/case-ladder.ts';
import type { Alert } from '../domain/policy/evaluate-school.ts';
import { err, ok, type Result } from '../domain/result.ts';
import { recordAuditEvent } from '../store/audit.repository.ts';
import {
  listSchoolCaseAlertDecisions,
  recordCaseAlertDecisions,
  type CaseAlertDecisionRecord,
} from '../store/case-alert-decision.repository.ts';
import { listOpenSchoolCases, type AttendanceCase } from '../store/case.repository.ts';
import type { SessionName } from '../store/schema.ts';
import { runAtomically, type Executor } from '../store/transaction.ts';
import {
  moveCaseStage,
  openAttendanceCase,
  type CaseError,
  type CaseworkDeps,
} from './casework.service.ts';
import {
  evaluateStoredSchool,
  type StatisticsError,
  type StoredEvaluation,
} from './school-statistics.service.ts';

/** A session of absence that counted towards an alert: the evidence staff look at. */
export interface EvidenceSession {
  readonly date: IsoDate;
  readonly session: SessionName;
  readonly code: string;
}

export interface AlertEvidence {
  readonly alert: Alert;
  /** The pupil's absences from the alert's first counted day (or the year's start) to it. */
  readonly sessions: readonly EvidenceSession[];
}

/** A case action the alerts call for, for one pupil, with the alerts and their sessions. */
export interface CaseActionView {
  readonly pupilId: number;
  readonly pupilName: string;
  readonly caseId: number | null;
  readonly ladder: string;
  readonly action: CaseAction;
  readonly evidence: readonly AlertEvidence[];
}

interface PupilSituation {
  readonly pupilId: number;
  readonly pupilName: string;
  readonly alerts: readonly Alert[];
  readonly openCase: AttendanceCase | undefined;
}

function decidedKeys(decisions: readonly CaseAlertDecisionRecord[]): Set<string> {
  return new Set(
    decisions.map((decision) =>
      describeAlertKey({
        rule: decision.rule,
        date: decision.alertDate,
        session: decision.alertSession,
      }),
    ),
  );
}

/** The ladder a pupil's action climbs: their open case's, else the school's preset's. */
function findLadderFor(situation: PupilSituation, schoolLadder: CaseLadder | undefined) {
  return situation.openCase ? findCaseLadder(situation.openCase.ladder) : schoolLadder;
}

/**
 * The absences behind each alert, read from the register the evaluation ran on: the marks are
 * already in memory, so a work list of hundreds of pupils costs no query per pupil.
 */
function collectEvidence(
  stored: StoredEvaluation,
  pupilId: number,
  alerts: readonly Alert[],
): AlertEvidence[] {
  const { calendar, jurisdiction, pupils } = stored.register;
  const asOf = stored.evaluation.asOf;
  const yearStart = stored.evaluation.period.from ?? alerts[0]?.date ?? asOf;
  const marks = pupils.find((pupil) => pupil.pupilId === pupilId)?.attendance.marks;
  const absences: { date: IsoDate; session: SessionName; code: string }[] = [];
  for (let session = 0; marks !== undefined && session < marks.length; session++) {
    const id = marks[session] ?? NO_MARK;
    const date = calendar.days[session >> 1];
    if (id === NO_MARK || date === undefined || date > asOf) continue;
    const code = codeOfId(id);
    const category = findCode(codeTableFor(jurisdiction, date), code)?.category;
    if (category !== undefined && isAbsenceCategory(category))
      absences.push({ date, session: session % 2 === 0 ? 'AM' : 'PM', code });
  }
  return alerts.map((alert) => {
    const from = alert.from ?? yearStart;
    return {
      alert,
      sessions: absences.filter((mark) => mark.date >= from && mark.date <= alert.date),
    };
  });
}

/**
 * What the rule alerts as of a day call for at a school: for each pupil, open a case at the
 * stage their alerts point to, or advance their open case to a later stage. Alerts staff
 * already accepted or dismissed are left out. Rollcall proposes; staff decide.
 */
export async function listCaseActions(
  db: Executor,
  query: { readonly schoolId: number; readonly date: IsoDate },
): Promise<Result<CaseActionView[], StatisticsError>> {
  const stored = await evaluateStoredSchool(db, query.schoolId, query.date);
  if (!stored.ok) return stored;
  const schoolLadder = findSchoolCaseLadder(stored.value.register.school.policyPreset);
  const openCases = new Map(
    (await listOpenSchoolCases(db, query.schoolId)).map((found) => [found.pupilId, found]),
  );
  const decisions = new Map<number, CaseAlertDecisionRecord[]>();
  for (const decision of await listSchoolCaseAlertDecisions(db, query.schoolId))
    decisions.set(decision.pupilId, [...(decisions.get(decision.pupilId) ?? []), decision]);
  const evaluations = new Map(stored.value.evaluation.pupils.map((pupil) => [pupil.id, pupil]));
  const views: CaseActionView[] = [];
  for (const pupil of stored.value.register.pupils) {
    const alerts = evaluations.get(String(pupil.pupilId))?.alerts ?? [];
    if (alerts.length === 0) continue;
    const situation = {
      pupilId: pupil.pupilId,
      pupilName: pupil.displayName,
      alerts,
      openCase: openCases.get(pupil.pupilId),
    };
    const view = describeAction(stored.value, situation, schoolLadder, decisions);
    if (view !== null) views.push(view);
  }
  return ok(views.sort((a, b) => b.action.stage - a.action.stage || a.pupilId - b.pupilId));
}

function describeAction(
  stored: StoredEvaluation,
  situation: PupilSituation,
  schoolLadder: CaseLadder | undefined,
  decisions: ReadonlyMap<number, readonly CaseAlertDecisionRecord[]>,
): CaseActionView | null {
  const ladder = findLadderFor(situation, schoolLadder);
  if (ladder === undefined) return null;
  const action = proposeCaseAction(
    ladder,
    situation.alerts,
    situation.openCase?.stage ?? null,
    decidedKeys(decisions.get(situation.pupilId) ?? []),
  );
  if (action === null) return null;
  return {
    pupilId: situation.pupilId,
    pupilName: situation.pupilName,
    caseId: situation.openCase?.id ?? null,
    ladder: ladder.id,
    action,
    evidence: collectEvidence(stored, situation.pupilId, action.because),
  };
}

export type CaseActionError =
  StatisticsError | CaseError | { readonly kind: 'no-case-action'; readonly message: string };

export interface CaseActionDecisionInput {
  readonly schoolId: number;
  readonly pupilId: number;
  /** The day the list was read for: the alerts are evaluated as of it again. */
  readonly date: IsoDate;
  /** The stage the list showed; refused if the alerts now call for another. */
  readonly stage: number | null;
  readonly decidedBy: number;
}

/** The pupil's current action, read again so a decision acts on what the alerts say now. */
async function findCurrentAction(
  db: Executor,
  input: CaseActionDecisionInput,
): Promise<Result<CaseActionView, CaseActionError>> {
  const listed = await listCaseActions(db, { schoolId: input.schoolId, date: input.date });
  if (!listed.ok) return listed;
  const view = listed.value.find((candidate) => candidate.pupilId === input.pupilId);
  if (view === undefined)
    return err({
      kind: 'no-case-action',
      message: `the alerts as of ${input.date} call for no case action for this pupil (it may have been decided already)`,
    });
  if (input.stage !== null && view.action.stage !== input.stage)
    return err({
      kind: 'no-case-action',
      message: `the alerts now call for stage ${view.action.stage}, not stage ${input.stage}; read the list again`,
    });
  return ok(view);
}

function toDecisions(
  view: CaseActionView,
  input: CaseActionDecisionInput,
  outcome: { decision: 'accepted' | 'dismissed'; caseId: number | null; reason: string | null },
  at: Date,
) {
  return view.action.because.map((alert) => ({
    schoolId: input.schoolId,
    pupilId: input.pupilId,
    rule: alert.rule,
    alertDate: alert.date,
    alertSession: alert.session,
    decision: outcome.decision,
    stage: view.action.stage,
    caseId: outcome.caseId,
    reason: outcome.reason,
    decidedBy: input.decidedBy,
    decidedAt: at,
  }));
}

const alreadyDecided: CaseActionError = {
  kind: 'no-case-action',
  message: 'someone decided on these alerts meanwhile; read the list again',
};

/**
 * Staff accept what the alerts call for: the case opens at the stage (or the open case moves
 * up to it), recorded, in the case and the audit log, as accepted from those alerts.
 */
export async function acceptCaseAction(
  deps: CaseworkDeps,
  input: CaseActionDecisionInput & { readonly note: string | null },
): Promise<Result<{ view: CaseActionView; case: AttendanceCase }, CaseActionError>> {
  const current = await findCurrentAction(deps.db, input);
  if (!current.ok) return current;
  const view = current.value;
  const fromAlerts = view.action.because.map(({ rule, date, session }) => ({
    rule,
    date,
    session,
  }));
  const at = deps.clock.now();
  return runAtomically<{ view: CaseActionView; case: AttendanceCase }, CaseActionError>(
    deps.db,
    async (trx) => {
      const changed =
        view.caseId === null
          ? await openAttendanceCase(
              { db: trx, clock: deps.clock },
              {
                schoolId: input.schoolId,
                pupilId: input.pupilId,
                ladder: view.ladder,
                stage: view.action.stage,
                notes: input.note,
                openedBy: input.decidedBy,
                fromAlerts,
              },
            )
          : await moveCaseStage(
              { db: trx, clock: deps.clock },
              {
                caseId: view.caseId,
                stage: view.action.stage,
                reason: input.note ?? 'accepted from the rule alerts',
                movedBy: input.decidedBy,
                fromAlerts,
              },
            );
      if (!changed.ok) return changed;
      const caseId = changed.value.case.id;
      const recorded = await recordCaseAlertDecisions(
        trx,
        toDecisions(view, input, { decision: 'accepted', caseId, reason: null }, at),
      );
      if (!recorded) return err(alreadyDecided);
      return ok({ view, case: changed.value.case });
    },
  );
}

/**
 * Staff dismiss what the alerts call for, saying why; the decision is kept, so the same
 * alerts are not proposed again (a later alert is).
 */
export async function dismissCaseAction(
  deps: CaseworkDeps,
  input: CaseActionDecisionInput & { readonly reason: string },
): Promise<Result<CaseActionView, CaseActionError>> {
  const current = await findCurrentAction(deps.db, input);
  if (!current.ok) return current;
  const view = current.value;
  const at = deps.clock.now();
  return runAtomically<CaseActionView, CaseActionError>(deps.db, async (trx) => {
    const recorded = await recordCaseAlertDecisions(
      trx,
      toDecisions(view, input, { decision: 'dismissed', caseId: null, reason: input.reason }, at),
    );
    if (!recorded) return err(alreadyDecided);
    await recordAuditEvent(trx, {
      actorUserId: input.decidedBy,
      action: 'case-action.dismissed',
      subjectPupilId: input.pupilId,
      details: {
        schoolId: input.schoolId,
        caseId: view.caseId,
        stage: view.action.stage,
        alerts: view.action.because.map((alert) => describeAlertKey(alert)),
        reason: input.reason,
      },
      occurredAt: at,
    });
    return ok(view);
  });
}
