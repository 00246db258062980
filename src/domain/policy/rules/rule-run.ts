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
  extra: { count?: number; fromSession?: number; detail?: string } = {},
): Alert {
  const alert: { -readonly [K in keyof Alert]: Alert[K] } = {
    rule,
    date: context.calendar.days[session >> 1]!,
    session: (session & 1) === 1 ? 'PM' : 'AM',
  };
  if (extra.count !== undefined) alert.count = extra.count;
  if (extra.fromSession !== undefined) alert.from = context.calendar.days[extra.fromSession >> 1]!;
  if (extra.detail !== undefined) alert.detail = extra.detail;
  return alert;
}
