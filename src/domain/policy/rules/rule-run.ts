import type { SessionName } from '../../calendar/school-calendar.ts';
import type { IsoDate } from '../../calendar/plain-date.ts';
import type { AttendanceContext } from '../../statistics/attendance-context.ts';
import type { PupilScan } from '../../statistics/pupil-scan.ts';

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

/** An alert with its session index, for ordering. */
export interface RaisedAlert {
  readonly session: number;
  readonly alert: Alert;
}

/** What a rule runner sees for one pupil. */
export interface RuleRun {
  readonly context: AttendanceContext;
  readonly scan: PupilScan;
  readonly reachedContactDays: ReadonlySet<number>;
  raise(
    ruleId: string,
    session: number,
    extra?: { count?: number; fromSession?: number; detail?: string },
  ): void;
}

/** Whether the event at `index` has a code in a rule's code set (membership per code table). */
export function eventIsIn(scan: PupilScan, index: number, members: readonly Uint8Array[]): boolean {
  return members[scan.segments[index]!]![scan.codes[index]!] === 1;
}

/** Build an alert for a session index. */
export function alertAt(
  context: AttendanceContext,
  rule: string,
  session: number,
  extra?: { count?: number; fromSession?: number; detail?: string },
): Alert {
  const { days } = context.calendar;
  const date = days[session >> 1]!;
  const sessionName: SessionName = (session & 1) === 1 ? 'PM' : 'AM';
  // The two common shapes are built whole: adding optional fields one by one to thousands of
  // alerts per evaluation cost more than the rules that raised them.
  if (extra === undefined) return { rule, date, session: sessionName };
  const { count, fromSession, detail } = extra;
  if (count !== undefined && fromSession !== undefined && detail === undefined)
    return { rule, date, session: sessionName, count, from: days[fromSession >> 1]! };
  const alert: { -readonly [K in keyof Alert]: Alert[K] } = { rule, date, session: sessionName };
  if (count !== undefined) alert.count = count;
  if (fromSession !== undefined) alert.from = days[fromSession >> 1]!;
  if (detail !== undefined) alert.detail = detail;
  return alert;
}
