import { addDays, type IsoDate } from '../domain/calendar/plain-date.ts';
import { countSchoolDaysThrough, type SchoolCalendar } from '../domain/calendar/school-calendar.ts';
import { planNonReturnWorkflow } from '../domain/followup/extended-leave.ts';
import {
  describeTaskKey,
  findDueTasks,
  findFirstDayWorkflow,
  type FirstDayWorkflow,
} from '../domain/followup/first-day-response.ts';
import { err, ok, type Result } from '../domain/result.ts';
import { recordAuditEvent } from '../store/audit.repository.ts';
import type { ContactAttempt } from '../store/contact-attempt.repository.ts';
import {
  completeFollowUpTask,
  createMissingFollowUpTasks,
  findFollowUpTask,
  listOpenFollowUpTasks,
  listRunTasks,
  markFollowUpTasksEscalated,
  type FollowUpTask,
} from '../store/follow-up-task.repository.ts';
import { listPupilMarks, listSchoolMarks } from '../store/mark.repository.ts';
import type { ContactOutcome } from '../store/schema.ts';
import { runAtomically, type Executor } from '../store/transaction.ts';
import { reportAbsence, type AbsenceReason } from './absence-report.service.ts';
import type { Clock } from './clock.ts';
import {
  listContactAttemptsSince,
  logContactAttempt,
  type ContactLogError,
} from './contact-attempt.service.ts';
import { findNonReturns } from './extended-leave-return.service.ts';
import { applyDecidedLeave } from './leave-request.service.ts';
import { londonWallClock } from './london-time.ts';
import { loadSchoolCalendar, type SchoolCalendarError } from './school-calendar.service.ts';

export interface FirstDayDeps {
  readonly db: Executor;
  readonly clock: Clock;
}

/** A task as staff see it: the step's wording, the run it belongs to, and whether it is late. */
export interface FirstDayTaskView {
  readonly task: FollowUpTask;
  readonly title: string;
  /** School days of unexplained absence so far in the run. */
  readonly absenceDays: number;
  readonly overdue: boolean;
}

// Enough school days back to see the longest run any workflow acts on (off roll at 20).
const LOOK_BACK_SCHOOL_DAYS = 30;
const REACHED: ReadonlySet<ContactOutcome> = new Set(['reached', 'reason-given']);

interface AbsenceRun {
  readonly pupilId: number;
  readonly startedOn: IsoDate;
  readonly startIndex: number;
  readonly days: number;
}

/**
 * The pupil's current run of unexplained absence ending on day `dayIndex`: consecutive school
 * days with an N mark and no contact reached that day. A contact reached ends the run.
 */
async function findAbsenceRun(
  db: Executor,
  calendar: SchoolCalendar,
  schoolId: number,
  pupilId: number,
  unexplainedDates: ReadonlySet<IsoDate>,
  dayIndex: number,
): Promise<AbsenceRun | null> {
  const earliest = Math.max(0, dayIndex - LOOK_BACK_SCHOOL_DAYS);
  const attempts = await listContactAttemptsSince(db, {
    pupilId,
    since: calendar.days[earliest]!,
    schoolIds: [schoolId],
  });
  const reachedDates = new Set(
    attempts
      .filter((attempt) => REACHED.has(attempt.outcome))
      .map((attempt) => londonWallClock(attempt.attemptedAt).date),
  );
  let k = dayIndex;
  while (
    k >= earliest &&
    unexplainedDates.has(calendar.days[k]!) &&
    !reachedDates.has(calendar.days[k]!)
  )
    k -= 1;
  const days = dayIndex - k;
  if (days === 0) return null;
  return { pupilId, startedOn: calendar.days[k + 1]!, startIndex: k + 1, days };
}

async function createRunTasks(
  trx: Executor,
  schoolId: number,
  calendar: SchoolCalendar,
  workflow: FirstDayWorkflow,
  run: AbsenceRun,
  at: Date,
): Promise<FirstDayTaskView[]> {
  const existing = await listRunTasks(trx, {
    pupilId: run.pupilId,
    absenceStartedOn: run.startedOn,
  });
  const done = new Set(
    existing
      .filter((task) => task.doneAt !== null)
      .map((task) => describeTaskKey(task.step, task.absenceDay)),
  );
  const due = findDueTasks(workflow, run.days, done);
  await createMissingFollowUpTasks(
    trx,
    due.map((task) => ({
      schoolId,
      pupilId: run.pupilId,
      workflow: workflow.id,
      step: task.step.id,
      absenceDay: task.day,
      absenceStartedOn: run.startedOn,
      dueOn: calendar.days[run.startIndex + task.day - 1]!,
      assignedRole: task.step.assignedRole,
      escalateToRole: task.step.escalateTo,
    })),
  );
  const stored = new Map(
    (await listRunTasks(trx, { pupilId: run.pupilId, absenceStartedOn: run.startedOn })).map(
      (task) => [describeTaskKey(task.step, task.absenceDay), task],
    ),
  );
  const overdueIds = due
    .filter((task) => task.overdue)
    .flatMap((task) => stored.get(task.key)?.id ?? []);
  for (const escalated of await markFollowUpTasksEscalated(trx, overdueIds, at))
    await recordAuditEvent(trx, {
      actorUserId: null,
      action: 'follow-up-task.escalated',
      subjectPupilId: run.pupilId,
      details: {
        taskId: escalated.id,
        schoolId,
        step: escalated.step,
        escalateTo: escalated.escalateToRole,
      },
      occurredAt: at,
    });
  return due.flatMap((task) => {
    const row = stored.get(task.key);
    if (row === undefined) return [];
    return [
      {
        task: task.overdue && row.escalatedAt === null ? { ...row, escalatedAt: at } : row,
        title: task.step.title,
        absenceDays: run.days,
        overdue: task.overdue,
      },
    ];
  });
}

/**
 * Today's first-day response for a school: decided leave is brought into the register; a pupil
 * not back from extended leave on the agreed return date gets the missing-from-education steps
 * from that day; each other pupil still unexplained gets the tasks their run of absence calls
 * for; and steps left undone past their day are escalated. Returns every open task of a
 * current run. Running it again the same day creates nothing twice.
 */
export async function refreshFirstDayTasks(
  deps: FirstDayDeps,
  query: { readonly schoolId: number; readonly date: IsoDate; readonly actorUserId: number },
): Promise<Result<FirstDayTaskView[], SchoolCalendarError>> {
  const loaded = await loadSchoolCalendar(deps.db, query.schoolId);
  if (!loaded.ok) return loaded;
  const { calendar, school } = loaded.value;
  const dayIndex = countSchoolDaysThrough(calendar, query.date) - 1;
  if (dayIndex < 0) return ok([]);
  const day = calendar.days[dayIndex]!;
  await applyDecidedLeave(deps, { schoolId: school.id, date: day, recordedBy: query.actorUserId });
  const lookBackFrom = calendar.days[Math.max(0, dayIndex - LOOK_BACK_SCHOOL_DAYS)]!;
  const marks = await listSchoolMarks(deps.db, {
    schoolId: school.id,
    from: lookBackFrom,
    to: day,
  });
  const unexplained = new Map<number, Set<IsoDate>>();
  for (const mark of marks) {
    if (mark.code !== 'N') continue;
    const dates = unexplained.get(mark.pupilId) ?? new Set<IsoDate>();
    dates.add(mark.date);
    unexplained.set(mark.pupilId, dates);
  }
  const workflow = findFirstDayWorkflow(school.policyPreset);
  const at = deps.clock.now();
  const views: FirstDayTaskView[] = [];
  const nonReturns = await findNonReturns(deps.db, loaded.value, {
    from: lookBackFrom,
    today: day,
    marks,
  });
  const nonReturnWorkflow = planNonReturnWorkflow(workflow);
  for (const nonReturn of nonReturns) {
    const created = await runAtomically<FirstDayTaskView[], never>(deps.db, async (trx) => {
      const started = await listRunTasks(trx, {
        pupilId: nonReturn.pupilId,
        absenceStartedOn: nonReturn.startedOn,
      });
      if (started.length === 0)
        await recordAuditEvent(trx, {
          actorUserId: null,
          action: 'extended-leave.not-returned',
          subjectPupilId: nonReturn.pupilId,
          details: {
            schoolId: school.id,
            leaveRequestId: nonReturn.leaveRequestId,
            agreedReturn: nonReturn.agreedReturn,
            workflow: nonReturnWorkflow.id,
          },
          occurredAt: at,
        });
      return ok(await createRunTasks(trx, school.id, calendar, nonReturnWorkflow, nonReturn, at));
    });
    if (created.ok) views.push(...created.value);
  }
  // The missing-from-education steps replace the first-day response for those pupils.
  const missing = new Set(nonReturns.map((nonReturn) => nonReturn.pupilId));
  for (const [pupilId, dates] of unexplained) {
    if (!dates.has(day) || missing.has(pupilId)) continue;
    const run = await findAbsenceRun(deps.db, calendar, school.id, pupilId, dates, dayIndex);
    if (run === null) continue;
    const created = await runAtomically<FirstDayTaskView[], never>(deps.db, async (trx) =>
      ok(await createRunTasks(trx, school.id, calendar, workflow, run, at)),
    );
    if (created.ok) views.push(...created.value);
  }
  return ok(
    views.sort((a, b) => a.task.dueOn.localeCompare(b.task.dueOn) || a.task.id - b.task.id),
  );
}

export interface FollowUpContactInput {
  readonly schoolId: number;
  readonly pupilId: number;
  readonly contactId: number | null;
  readonly outcome: ContactOutcome;
  readonly note: string | null;
  /** The reason a reached contact gave; it replaces N on the run's marks. */
  readonly reason: AbsenceReason | null;
  readonly madeBy: number;
}

export interface RecordedFollowUpContact {
  readonly attempt: ContactAttempt;
  readonly completedTaskIds: readonly number[];
  readonly resolvedMarks: number;
}

export type FollowUpContactError =
  | ContactLogError
  | SchoolCalendarError
  | { readonly kind: 'reason-needs-contact'; readonly message: string };

/**
 * Record a call or message made for the first-day response: it completes the calling tasks due
 * today, and a contact reached who gives a reason turns the run's N marks into that reason.
 */
export async function recordFollowUpContact(
  deps: FirstDayDeps,
  input: FollowUpContactInput,
): Promise<Result<RecordedFollowUpContact, FollowUpContactError>> {
  if (input.reason !== null && !REACHED.has(input.outcome))
    return err({
      kind: 'reason-needs-contact',
      message: `a reason comes from a contact reached; the outcome was "${input.outcome}"`,
    });
  const loaded = await loadSchoolCalendar(deps.db, input.schoolId);
  if (!loaded.ok) return loaded;
  const { calendar, school } = loaded.value;
  const at = deps.clock.now();
  const today = londonWallClock(at).date;
  const workflow = findFirstDayWorkflow(school.policyPreset);
  const dayIndex = countSchoolDaysThrough(calendar, today) - 1;
  // The run is read before the contact is logged: a contact reached today would end it.
  const run =
    dayIndex < 0
      ? null
      : await findAbsenceRun(
          deps.db,
          calendar,
          school.id,
          input.pupilId,
          new Set(
            (
              await listPupilMarks(deps.db, {
                pupilId: input.pupilId,
                from: addDays(today, -60),
                to: today,
              })
            )
              .filter((mark) => mark.schoolId === school.id && mark.code === 'N')
              .map((mark) => mark.date),
          ),
          dayIndex,
        );
  return runAtomically<RecordedFollowUpContact, FollowUpContactError>(deps.db, async (trx) => {
    const logged = await logContactAttempt(
      { db: trx, clock: deps.clock },
      {
        schoolId: input.schoolId,
        pupilId: input.pupilId,
        contactId: input.contactId,
        outcome: input.outcome,
        note: input.note,
        madeBy: input.madeBy,
      },
    );
    if (!logged.ok) return logged;
    const callingSteps = new Set(
      workflow.steps.filter((step) => step.doneByContact).map((step) => step.id),
    );
    const completedTaskIds: number[] = [];
    for (const task of await listOpenFollowUpTasks(trx, {
      schoolId: input.schoolId,
      dueBy: today,
      pupilId: input.pupilId,
    })) {
      if (!callingSteps.has(task.step)) continue;
      const completed = await completeFollowUpTask(trx, {
        id: task.id,
        doneBy: input.madeBy,
        outcome: `contact attempt ${logged.value.id}: ${input.outcome}`,
        at,
      });
      if (completed) completedTaskIds.push(completed.id);
    }
    let resolvedMarks = 0;
    if (input.reason !== null) {
      const reported = await reportAbsence(
        { db: trx, clock: deps.clock },
        {
          schoolId: input.schoolId,
          pupilId: input.pupilId,
          reportedBy: input.madeBy,
          contactId: input.contactId,
          source: 'office',
          reason: input.reason,
          details: input.note,
          from: { date: run?.startedOn ?? today, session: 'AM' },
          to: { date: today, session: 'PM' },
          expectedReturn: null,
        },
      );
      if (reported.ok) resolvedMarks = reported.value.resolvedMarks;
    }
    if (completedTaskIds.length > 0)
      await recordAuditEvent(trx, {
        actorUserId: input.madeBy,
        action: 'follow-up-task.completed',
        subjectPupilId: input.pupilId,
        details: { taskIds: completedTaskIds, contactAttemptId: logged.value.id, resolvedMarks },
        occurredAt: at,
      });
    return ok({ attempt: logged.value, completedTaskIds, resolvedMarks });
  });
}

export type CompleteTaskError =
  | { readonly kind: 'task-not-found'; readonly taskId: number }
  | { readonly kind: 'task-already-done'; readonly taskId: number };

/** Record a step done (a home visit, an email home, a referral made) with what came of it. */
export async function completeFirstDayTask(
  deps: FirstDayDeps,
  input: { readonly taskId: number; readonly doneBy: number; readonly outcome: string },
): Promise<Result<FollowUpTask, CompleteTaskError>> {
  const at = deps.clock.now();
  return runAtomically<FollowUpTask, CompleteTaskError>(deps.db, async (trx) => {
    const existing = await findFollowUpTask(trx, input.taskId);
    if (!existing) return err({ kind: 'task-not-found', taskId: input.taskId });
    const completed = await completeFollowUpTask(trx, {
      id: input.taskId,
      doneBy: input.doneBy,
      outcome: input.outcome,
      at,
    });
    if (!completed) return err({ kind: 'task-already-done', taskId: input.taskId });
    await recordAuditEvent(trx, {
      actorUserId: input.doneBy,
      action: 'follow-up-task.completed',
      subjectPupilId: completed.pupilId,
      details: { taskIds: [completed.id], step: completed.step, schoolId: completed.schoolId },
      occurredAt: at,
    });
    return ok(completed);
  });
}
