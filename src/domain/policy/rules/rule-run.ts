import type { SessionName } from '../../calendar/school-calendar.ts';
import type { IsoDate } from '../../calendar/plain-date.ts';
import type { AttendanceContext } from '../../statistics/attendance-context.ts';
import type { PupilScan } from '../../statistics/pupil-scan.ts';
import type { AlertBuffer } from './alert-buffer.ts';
import type { CodeSetEvents } from './code-set-events.ts';
import type { YearToDate } from './year-to-date.ts';

/** One occurrence of a rule: the session at which its condition became true. */
export interface Alert {
  readonly rule: string;
  readonly date: IsoDate;
  readonly session: SessionName;
  /** Sessions counted towards the occurrence, where the rule counts. */
  readonly count?: number;
  /** First date of the evidence (first session counted, first day of the run). */
  readonly from?: IsoDate;
  readonly detail?: string;
}

/** What a rule runner sees for one pupil. */
export interface RuleRun {
  readonly context: AttendanceContext;
  readonly scan: PupilScan;
  readonly reachedContactDays: ReadonlySet<number>;
  /** The pupil's events sorted into the policy's code sets. */
  readonly events: CodeSetEvents;
  /** Where the runner raises its alerts, by the rule's rank (see AlertBuffer). */
  readonly alerts: AlertBuffer;
  /** A year-to-date walker for rules to restart and use (count rules with `onlyWhen`). */
  readonly yearToDate: YearToDate;
}
