import type { FollowUpTaskList } from '../../contracts/follow-up.contract.ts';

export type FollowUpTask = FollowUpTaskList['tasks'][number];

/** Where a task stands on the day shown: past its step's day, due now, or not yet due. */
export type DueState = 'overdue' | 'due' | 'later';

export interface TaskGroup {
  readonly state: DueState;
  readonly heading: string;
  readonly tasks: readonly FollowUpTask[];
}

const headings: Readonly<Record<DueState, string>> = {
  overdue: 'Overdue',
  due: 'Due today',
  later: 'Due later',
};

/** A task not done by its step's last day is overdue; one due on or before the day is due. */
export function findDueState(task: FollowUpTask, date: string): DueState {
  if (task.overdue) return 'overdue';
  return task.dueOn <= date ? 'due' : 'later';
}

/**
 * The day's tasks as the work list shows them: overdue first, then due today, then later, each
 * group oldest due first and a pupil's steps together; groups with no task are left out.
 */
export function groupTasksByDueState(
  tasks: readonly FollowUpTask[],
  date: string,
): readonly TaskGroup[] {
  const order: readonly DueState[] = ['overdue', 'due', 'later'];
  return order
    .map((state) => ({
      state,
      heading: headings[state],
      tasks: tasks
        .filter((task) => findDueState(task, date) === state)
        .sort(
          (a, b) =>
            a.dueOn.localeCompare(b.dueOn) ||
            a.absenceStartedOn.localeCompare(b.absenceStartedOn) ||
            a.pupilId - b.pupilId ||
            a.absenceDay - b.absenceDay ||
            a.id - b.id,
        ),
    }))
    .filter((group) => group.tasks.length > 0);
}

const roleWords: Readonly<Record<string, string>> = {
  office: 'the office',
  attendance_officer: 'the attendance officer',
  attendance_lead: 'the attendance lead',
  headteacher: 'the headteacher',
};

/** "the attendance lead" for a task role, as a sentence names who a step is for. */
export function describeTaskRole(role: string): string {
  return roleWords[role] ?? role.replaceAll('_', ' ');
}

/** "Day 2 of absence" or, for a step that fell due earlier in the run, "day 1 (now day 3)". */
export function describeAbsenceDay(task: FollowUpTask): string {
  return task.absenceDay === task.absenceDays
    ? `Day ${String(task.absenceDay)} of absence`
    : `Day ${String(task.absenceDay)} of absence (now day ${String(task.absenceDays)})`;
}
