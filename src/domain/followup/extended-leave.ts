import type { IsoDate } from '../calendar/plain-date.ts';
import type { FirstDayStep, FirstDayWorkflow } from './first-day-response.ts';

/** Reported as missing from education after 10 school days without contact (Delapre, seed 001). */
const REPORT_MISSING_EDUCATION: FirstDayStep = {
  id: 'report-missing-from-education',
  milestone: 'report-missing-education',
  title: 'Report the child missing from education to the local authority (10 school days)',
  dueDay: 10,
  overdueAfterDay: 10,
  assignedRole: 'attendance_lead',
  escalateTo: 'headteacher',
};

/** Off roll only with the local authority's agreement, after 20 school days. */
const REQUEST_OFF_ROLL: FirstDayStep = {
  id: 'request-off-roll',
  milestone: 'request-off-roll',
  title:
    'Ask the local authority to agree removal from roll (20 school days); remove only once it agrees',
  dueDay: 20,
  overdueAfterDay: 20,
  assignedRole: 'headteacher',
  escalateTo: 'headteacher',
};

/**
 * The missing-from-education steps for a pupil not back from extended leave on the agreed
 * return date: the school's own first-day sequence (calls, visit, its own report to the local
 * authority), completed with a report at 10 school days and a request to remove from roll at
 * 20 where the school's sequence stops short of them.
 */
export function planNonReturnWorkflow(workflow: FirstDayWorkflow): FirstDayWorkflow {
  const has = (milestone: FirstDayStep['milestone']) =>
    workflow.steps.some((step) => step.milestone === milestone);
  const added = [
    ...(has('report-missing-education') ? [] : [REPORT_MISSING_EDUCATION]),
    ...(has('request-off-roll') ? [] : [REQUEST_OFF_ROLL]),
  ];
  return {
    id: `${workflow.id}-extended-leave`,
    title: `${workflow.title}: not back from extended leave`,
    steps: [...workflow.steps, ...added].sort((a, b) => a.dueDay - b.dueDay),
  };
}

/** What is known of each school day from the agreed return on. */
export interface ReturnEvidence {
  /** The school days, in order (the calendar's). */
  readonly schoolDays: readonly IsoDate[];
  readonly agreedReturn: IsoDate;
  readonly today: IsoDate;
  /** Days with a mark that counts as attendance: the pupil is back. */
  readonly attendedDates: ReadonlySet<IsoDate>;
  /** Days with an absence mark. */
  readonly absentDates: ReadonlySet<IsoDate>;
  /** Days on which a contact was reached. */
  readonly reachedDates: ReadonlySet<IsoDate>;
}

/** The run of school days a pupil has been missing since the agreed return. */
export interface NonReturnRun {
  readonly startedOn: IsoDate;
  readonly startIndex: number;
  /** School days missing so far, the agreed return day being day 1. */
  readonly days: number;
}

/**
 * Whether the pupil is still not back from extended leave, and for how many school days: from
 * the first school day on or after the agreed return, through today if today is marked absent
 * (through yesterday while today's register is not taken). Attending any day ends it, and so
 * does reaching a contact, as in the first-day response: from then on the school knows where
 * the child is, and any later unexplained absence starts the first-day response afresh.
 */
export function findNonReturnRun(evidence: ReturnEvidence): NonReturnRun | null {
  const { schoolDays, agreedReturn, today } = evidence;
  const startIndex = schoolDays.findIndex((day) => day >= agreedReturn);
  if (startIndex < 0 || schoolDays[startIndex]! > today) return null;
  let days = 0;
  for (let k = startIndex; k < schoolDays.length && schoolDays[k]! <= today; k++) {
    const day = schoolDays[k]!;
    if (evidence.attendedDates.has(day) || evidence.reachedDates.has(day)) return null;
    if (day === today && !evidence.absentDates.has(day)) break;
    days += 1;
  }
  if (days === 0) return null;
  return { startedOn: schoolDays[startIndex]!, startIndex, days };
}
