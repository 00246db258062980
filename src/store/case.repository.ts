import type { Selectable } from 'kysely';
import type { IsoDate } from '../domain/calendar/plain-date.ts';
import { isUniqueViolation } from './database-errors.ts';
import { fail, succeed, type Result } from './result.ts';
import type { CaseEventKind, CaseEventsTable, CasesTable } from './schema.ts';
import { runAtomically, type Executor } from './transaction.ts';

/** A pupil's attendance case: where they stand on the school's escalation ladder. */
export interface AttendanceCase {
  readonly id: number;
  readonly schoolId: number;
  readonly pupilId: number;
  readonly ladder: string;
  readonly stage: number;
  readonly openedAt: Date;
  readonly openedBy: number;
  readonly closedAt: Date | null;
  readonly closedBy: number | null;
  readonly notes: string | null;
}

/** Something that happened in a case: evidence, so never edited once recorded. */
export interface CaseEvent {
  readonly id: number;
  readonly caseId: number;
  readonly kind: CaseEventKind;
  readonly occurredOn: IsoDate;
  readonly summary: string;
  readonly details: Readonly<Record<string, unknown>>;
  readonly reviewOn: IsoDate | null;
  readonly dueOn: IsoDate | null;
  readonly recordedBy: number;
  readonly recordedAt: Date;
}

export type NewCaseEvent = Omit<CaseEvent, 'id'>;

export async function openCase(
  db: Executor,
  opening: {
    readonly schoolId: number;
    readonly pupilId: number;
    readonly ladder: string;
    readonly stage: number;
    readonly openedBy: number;
    readonly notes: string | null;
    readonly at: Date;
  },
): Promise<Result<AttendanceCase, { readonly kind: 'case-already-open' }>> {
  try {
    return await runAtomically(db, async (trx) => {
      const row = await trx
        .insertInto('cases')
        .values({
          school_id: opening.schoolId,
          pupil_id: opening.pupilId,
          ladder: opening.ladder,
          stage: opening.stage,
          opened_at: opening.at,
          opened_by: opening.openedBy,
          notes: opening.notes,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return succeed(toCase(row));
    });
  } catch (error) {
    if (isUniqueViolation(error)) return fail({ kind: 'case-already-open' });
    throw error;
  }
}

export async function findCase(db: Executor, id: number): Promise<AttendanceCase | undefined> {
  const row = await db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toCase(row);
}

export async function listPupilCases(db: Executor, pupilId: number): Promise<AttendanceCase[]> {
  const rows = await db
    .selectFrom('cases')
    .selectAll()
    .where('pupil_id', '=', pupilId)
    .orderBy('opened_at')
    .orderBy('id')
    .execute();
  return rows.map(toCase);
}

/** Moves an open case to a stage; undefined when the case is closed. */
export async function changeCaseStage(
  db: Executor,
  change: { readonly id: number; readonly stage: number },
): Promise<AttendanceCase | undefined> {
  const row = await db
    .updateTable('cases')
    .set({ stage: change.stage })
    .where('id', '=', change.id)
    .where('closed_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  return row === undefined ? undefined : toCase(row);
}

export async function closeCase(
  db: Executor,
  closing: { readonly id: number; readonly closedBy: number; readonly at: Date },
): Promise<AttendanceCase | undefined> {
  const row = await db
    .updateTable('cases')
    .set({ closed_at: closing.at, closed_by: closing.closedBy })
    .where('id', '=', closing.id)
    .where('closed_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  return row === undefined ? undefined : toCase(row);
}

export async function appendCaseEvent(db: Executor, event: NewCaseEvent): Promise<CaseEvent> {
  const row = await db
    .insertInto('case_events')
    .values({
      case_id: event.caseId,
      kind: event.kind,
      occurred_on: event.occurredOn,
      summary: event.summary,
      details: JSON.stringify(event.details),
      review_on: event.reviewOn,
      due_on: event.dueOn,
      recorded_by: event.recordedBy,
      recorded_at: event.recordedAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toCaseEvent(row);
}

export async function listCaseEvents(db: Executor, caseId: number): Promise<CaseEvent[]> {
  const rows = await db
    .selectFrom('case_events')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('id')
    .execute();
  return rows.map(toCaseEvent);
}

function toCase(row: Selectable<CasesTable>): AttendanceCase {
  return {
    id: row.id,
    schoolId: row.school_id,
    pupilId: row.pupil_id,
    ladder: row.ladder,
    stage: row.stage,
    openedAt: row.opened_at,
    openedBy: row.opened_by,
    closedAt: row.closed_at,
    closedBy: row.closed_by,
    notes: row.notes,
  };
}

function toCaseEvent(row: Selectable<CaseEventsTable>): CaseEvent {
  return {
    id: row.id,
    caseId: row.case_id,
    kind: row.kind,
    occurredOn: row.occurred_on,
    summary: row.summary,
    details: row.details,
    reviewOn: row.review_on,
    dueOn: row.due_on,
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at,
  };
}

/** A school's open cases, oldest first. */
export async function listOpenSchoolCases(
  db: Executor,
  schoolId: number,
): Promise<AttendanceCase[]> {
  const rows = await db
    .selectFrom('cases')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('closed_at', 'is', null)
    .orderBy('opened_at')
    .orderBy('id')
    .execute();
  return rows.map(toCase);
}

/** The schools with at least one open case. */
export async function listSchoolsWithOpenCases(db: Executor): Promise<number[]> {
  const rows = await db
    .selectFrom('cases')
    .select('school_id')
    .distinct()
    .where('closed_at', 'is', null)
    .orderBy('school_id')
    .execute();
  return rows.map((row) => row.school_id);
}
