/** Who a first-day task is for, named as the roles Rollcall's users hold. */
export type TaskRole = 'office' | 'attendance_officer' | 'attendance_lead' | 'headteacher';

/**
 * One step of a school's response to unexplained absence. Days are school days of the current
 * run of unexplained absence: day 1 is the first.
 */
export interface FirstDayStep {
  readonly id: string;
  readonly title: string;
  /** The absence day on which the step falls due. */
  readonly dueDay: number;
  /** The absence day after which an undone step is overdue and escalates. */
  readonly overdueAfterDay: number;
  readonly assignedRole: TaskRole;
  readonly escalateTo: TaskRole;
  /** Repeats on every day of the run from dueDay (e.g. a daily call). */
  readonly repeatsDaily?: boolean;
  /** A recorded call or message to a contact completes it (the calling steps). */
  readonly doneByContact?: boolean;
  /** The step reports the child to the local authority, or asks it to agree removal from roll. */
  readonly milestone?: 'report-missing-education' | 'request-off-roll';
}

export interface FirstDayWorkflow {
  readonly id: string;
  readonly title: string;
  readonly steps: readonly FirstDayStep[];
}

/** Delapre Primary's first-day response procedure (seed 001). */
export const DELAPRE_WORKFLOW: FirstDayWorkflow = {
  id: 'delapre',
  title: 'Delapre Primary first-day response',
  steps: [
    {
      id: 'call-all-contacts',
      doneByContact: true,
      title: 'Call the first contact and, if needed, every other contact; record each call',
      dueDay: 1,
      overdueAfterDay: 1,
      assignedRole: 'office',
      escalateTo: 'attendance_lead',
    },
    {
      id: 'follow-up-call',
      doneByContact: true,
      title: 'Follow-up call (preferably from a withheld number); record it',
      dueDay: 2,
      overdueAfterDay: 2,
      assignedRole: 'office',
      escalateTo: 'attendance_lead',
    },
    {
      id: 'email-home',
      title: 'Email home asking for contact now; allow 3 working days to respond',
      dueDay: 3,
      overdueAfterDay: 3,
      assignedRole: 'office',
      escalateTo: 'attendance_lead',
    },
    {
      // Day 3 allows three working days, so the visit falls on day 5 or 6.
      id: 'home-visit',
      title:
        'Home visit by two staff, one a designated safeguarding lead; card through the door if no answer',
      dueDay: 5,
      overdueAfterDay: 6,
      assignedRole: 'attendance_lead',
      escalateTo: 'headteacher',
    },
    {
      id: 'report-missing-from-education',
      milestone: 'report-missing-education',
      title: 'Report the child missing from education to the local authority',
      dueDay: 10,
      overdueAfterDay: 10,
      assignedRole: 'attendance_lead',
      escalateTo: 'headteacher',
    },
    {
      id: 'request-off-roll',
      milestone: 'request-off-roll',
      title: 'Ask the local authority to agree removal from roll (20 school days without contact)',
      dueDay: 20,
      overdueAfterDay: 20,
      assignedRole: 'headteacher',
      escalateTo: 'headteacher',
    },
  ],
};

/** Mason Moor Primary (seed 004, section 4.5): a call every day, codes fixed within 5 working days. */
export const MASON_MOOR_WORKFLOW: FirstDayWorkflow = {
  id: 'mason-moor',
  title: 'Mason Moor Primary unexplained absence',
  steps: [
    {
      id: 'daily-call',
      doneByContact: true,
      title:
        'Call the parent this morning to find the reason; if no contact is reachable consider social care or the police',
      dueDay: 1,
      overdueAfterDay: 1,
      assignedRole: 'office',
      escalateTo: 'attendance_lead',
      repeatsDaily: true,
    },
    {
      id: 'resolve-code',
      title: 'Enter the correct code: no later than 5 working days after the absence',
      dueDay: 1,
      overdueAfterDay: 5,
      assignedRole: 'office',
      escalateTo: 'attendance_lead',
    },
    {
      id: 'consider-education-welfare',
      title:
        'Absence continues: consider involving an education welfare officer and wider partners',
      dueDay: 5,
      overdueAfterDay: 7,
      assignedRole: 'attendance_lead',
      escalateTo: 'headteacher',
    },
  ],
};

/** Wigston Academies Trust (seed 002): first-day call, welfare check at three days, PME at 15. */
export const WIGSTON_WORKFLOW: FirstDayWorkflow = {
  id: 'wigston',
  title: 'Wigston Academies Trust first-day response',
  steps: [
    {
      id: 'first-day-contact',
      doneByContact: true,
      title: 'Contact the parent or guardian on the first day to establish the reason',
      dueDay: 1,
      overdueAfterDay: 1,
      assignedRole: 'attendance_officer',
      escalateTo: 'attendance_lead',
    },
    {
      id: 'welfare-check',
      doneByContact: true,
      title:
        'Welfare check call by tutor, head of year or attendance officer (three consecutive days)',
      dueDay: 3,
      overdueAfterDay: 3,
      assignedRole: 'attendance_officer',
      escalateTo: 'attendance_lead',
    },
    {
      id: 'weekly-welfare-check',
      title: 'Weekly welfare check by the pastoral team (extended absence)',
      dueDay: 5,
      overdueAfterDay: 6,
      assignedRole: 'attendance_officer',
      escalateTo: 'attendance_lead',
    },
    {
      id: 'report-pupil-missing-education',
      milestone: 'report-missing-education',
      title: 'Report to the local authority on the Pupils Missing Education form (15 days)',
      dueDay: 15,
      overdueAfterDay: 15,
      assignedRole: 'attendance_lead',
      escalateTo: 'headteacher',
    },
  ],
};

export const FIRST_DAY_WORKFLOWS: readonly FirstDayWorkflow[] = [
  DELAPRE_WORKFLOW,
  MASON_MOOR_WORKFLOW,
  WIGSTON_WORKFLOW,
];

/** The workflow a school follows by its policy preset; Delapre's is the default sequence. */
export function findFirstDayWorkflow(policyPreset: string): FirstDayWorkflow {
  return FIRST_DAY_WORKFLOWS.find((workflow) => workflow.id === policyPreset) ?? DELAPRE_WORKFLOW;
}

/** One occurrence of a step: a repeating step has one per absence day. */
export interface FirstDayTask {
  readonly step: FirstDayStep;
  /** The absence day the task falls due on. */
  readonly day: number;
  readonly key: string;
  readonly overdue: boolean;
}

/** The key naming a task within one run of absence. */
export function describeTaskKey(stepId: string, day: number): string {
  return `${stepId}@${day}`;
}

/**
 * The tasks a run of unexplained absence calls for on its `absenceDay`th school day: every step
 * due by now that is not done, each overdue once its day has passed. Done tasks are named by key.
 */
export function findDueTasks(
  workflow: FirstDayWorkflow,
  absenceDay: number,
  done: ReadonlySet<string>,
): FirstDayTask[] {
  const tasks: FirstDayTask[] = [];
  for (const step of workflow.steps) {
    if (step.dueDay > absenceDay) continue;
    const days = step.repeatsDaily
      ? Array.from({ length: absenceDay - step.dueDay + 1 }, (_, i) => step.dueDay + i)
      : [step.dueDay];
    for (const day of days) {
      const key = describeTaskKey(step.id, day);
      if (done.has(key)) continue;
      const lateBy = step.overdueAfterDay - step.dueDay;
      tasks.push({ step, day, key, overdue: absenceDay > day + lateBy });
    }
  }
  return tasks;
}
