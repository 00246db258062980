import type { Selectable } from 'kysely';
import type { IsoDate } from '../domain/calendar/plain-date.ts';
import { isUniqueViolation } from './database-errors.ts';
import type { CaseAlertDecision, CaseAlertDecisionsTable, SessionName } from './schema.ts';
import { succeed } from './result.ts';
import { runAtomically, type Executor } from './transaction.ts';

/** Staff's answer to one rule alert that called for a case to open or advance. */
export interface CaseAlertDecisionRecord {
  readonly id: number;
  readonly schoolId: number;
  readonly pupilId: number;
  readonly rule: string;
  readonly alertDate: IsoDate;
  readonly alertSession: SessionName;
  readonly decision: CaseAlertDecision;
  readonly stage: number;
  readonly caseId: number | null;
  readonly reason: string | null;
  readonly decidedBy: number;
  readonly decidedAt: Date;
}

export type NewCaseAlertDecision = Omit<CaseAlertDecisionRecord, 'id'>;

/** Every decision at a school, for leaving decided alerts out of what is proposed. */
export async function listSchoolCaseAlertDecisions(
  db: Executor,
  schoolId: number,
): Promise<CaseAlertDecisionRecord[]> {
  const rows = await db
    .selectFrom('case_alert_decisions')
    .selectAll()
    .where('school_id', '=', schoolId)
    .orderBy('id')
    .execute();
  return rows.map(toDecision);
}

export async function listPupilCaseAlertDecisions(
  db: Executor,
  query: { readonly schoolId: number; readonly pupilId: number },
): Promise<CaseAlertDecisionRecord[]> {
  const rows = await db
    .selectFrom('case_alert_decisions')
    .selectAll()
    .where('school_id', '=', query.schoolId)
    .where('pupil_id', '=', query.pupilId)
    .orderBy('id')
    .execute();
  return rows.map(toDecision);
}

/**
 * Records decisions on alerts, all or none; false when one of the alerts was decided
 * meanwhile (someone else accepted or dismissed it first).
 */
export async function recordCaseAlertDecisions(
  db: Executor,
  decisions: readonly NewCaseAlertDecision[],
): Promise<boolean> {
  if (decisions.length === 0) return true;
  try {
    // In a savepoint, so a clash leaves the caller's transaction usable for its rollback.
    await runAtomically(db, async (trx) => {
      await trx
        .insertInto('case_alert_decisions')
        .values(
          decisions.map((decision) => ({
            school_id: decision.schoolId,
            pupil_id: decision.pupilId,
            rule: decision.rule,
            alert_date: decision.alertDate,
            alert_session: decision.alertSession,
            decision: decision.decision,
            stage: decision.stage,
            case_id: decision.caseId,
            reason: decision.reason,
            decided_by: decision.decidedBy,
            decided_at: decision.decidedAt,
          })),
        )
        .execute();
      return succeed(undefined);
    });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

function toDecision(row: Selectable<CaseAlertDecisionsTable>): CaseAlertDecisionRecord {
  return {
    id: row.id,
    schoolId: row.school_id,
    pupilId: row.pupil_id,
    rule: row.rule,
    alertDate: row.alert_date,
    alertSession: row.alert_session,
    decision: row.decision,
    stage: row.stage,
    caseId: row.case_id,
    reason: row.reason,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
  };
}
