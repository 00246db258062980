import type { Selectable } from 'kysely';
import type { IsoDate } from '../domain/calendar/plain-date.ts';
import type { FollowUpTasksTable } from './schema.ts';
import type { Executor } from './transaction.ts';

/** One step of a school's first-day response for one pupil's run of unexplained absence. */
export interface FollowUpTask {
  readonly id: number;
  readonly schoolId: number;
  readonly pupilId: number;
  readonly workflow: string;
  readonly step: string;
  readonly absenceDay: number;
  readonly absenceStartedOn: IsoDate;
  readonly dueOn: IsoDate;
  readonly assignedRole: string;
  readonly escalateToRole: string;
  readonly escalatedAt: Date | null;
  readonly doneAt: Date | null;
  readonly doneBy: number | null;
  readonly outcome: string | null;
}

export type NewFollowUpTask = Omit<
  FollowUpTask,
  'id' | 'escalatedAt' | 'doneAt' | 'doneBy' | 'outcome'
>;

/** Creates the tasks not yet created; a task already there (done or not) is left alone. */
export async function createMissingFollowUpTasks(
  db: Executor,
  tasks: readonly NewFollowUpTask[],
): Promise<void> {
  if (tasks.length === 0) return;
  await db
    .insertInto('follow_up_tasks')
    .values(
      tasks.map((task) => ({
        school_id: task.schoolId,
        pupil_id: task.pupilId,
        workflow: task.workflow,
        step: task.step,
        absence_day: task.absenceDay,
        absence_started_on: task.absenceStartedOn,
        due_on: task.dueOn,
        assigned_role: task.assignedRole,
        escalate_to_role: task.escalateToRole,
      })),
    )
    .onConflict((conflict) =>
      conflict.columns(['pupil_id', 'absence_started_on', 'step', 'absence_day']).doNothing(),
    )
    .execute();
}

/** Tasks of one pupil's run of absence, done or not, in due order. */
export async function listRunTasks(
  db: Executor,
  run: { readonly pupilId: number; readonly absenceStartedOn: IsoDate },
): Promise<FollowUpTask[]> {
  const rows = await db
    .selectFrom('follow_up_tasks')
    .selectAll()
    .where('pupil_id', '=', run.pupilId)
    .where('absence_started_on', '=', run.absenceStartedOn)
    .orderBy('due_on')
    .orderBy('id')
    .execute();
  return rows.map(toFollowUpTask);
}

/** A school's undone tasks due on or before a day. */
export async function listOpenFollowUpTasks(
  db: Executor,
  query: { readonly schoolId: number; readonly dueBy: IsoDate; readonly pupilId?: number },
): Promise<FollowUpTask[]> {
  let builder = db
    .selectFrom('follow_up_tasks')
    .selectAll()
    .where('school_id', '=', query.schoolId)
    .where('done_at', 'is', null)
    .where('due_on', '<=', query.dueBy);
  if (query.pupilId !== undefined) builder = builder.where('pupil_id', '=', query.pupilId);
  const rows = await builder.orderBy('due_on').orderBy('pupil_id').orderBy('id').execute();
  return rows.map(toFollowUpTask);
}

export async function findFollowUpTask(
  db: Executor,
  id: number,
): Promise<FollowUpTask | undefined> {
  const row = await db
    .selectFrom('follow_up_tasks')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row === undefined ? undefined : toFollowUpTask(row);
}

/** Marks a task done once; undefined when it was done already. */
export async function completeFollowUpTask(
  db: Executor,
  completion: {
    readonly id: number;
    readonly doneBy: number;
    readonly outcome: string;
    readonly at: Date;
  },
): Promise<FollowUpTask | undefined> {
  const row = await db
    .updateTable('follow_up_tasks')
    .set({ done_at: completion.at, done_by: completion.doneBy, outcome: completion.outcome })
    .where('id', '=', completion.id)
    .where('done_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  return row === undefined ? undefined : toFollowUpTask(row);
}

/** Records when an overdue task was first escalated; later calls keep the first time. */
export async function markFollowUpTasksEscalated(
  db: Executor,
  ids: readonly number[],
  at: Date,
): Promise<FollowUpTask[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .updateTable('follow_up_tasks')
    .set({ escalated_at: at })
    .where('id', 'in', ids)
    .where('escalated_at', 'is', null)
    .returningAll()
    .execute();
  return rows.map(toFollowUpTask);
}

function toFollowUpTask(row: Selectable<FollowUpTasksTable>): FollowUpTask {
  return {
    id: row.id,
    schoolId: row.school_id,
    pupilId: row.pupil_id,
    workflow: row.workflow,
    step: row.step,
    absenceDay: row.absence_day,
    absenceStartedOn: row.absence_started_on,
    dueOn: row.due_on,
    assignedRole: row.assigned_role,
    escalateToRole: row.escalate_to_role,
    escalatedAt: row.escalated_at,
    doneAt: row.done_at,
    doneBy: row.done_by,
    outcome: row.outcome,
  };
}
