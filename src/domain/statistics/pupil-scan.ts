import {
  CATEGORY_APPROVED,
  CATEGORY_AUTHORISED,
  CATEGORY_NONE,
  CATEGORY_NOT_POSSIBLE,
  CATEGORY_PRESENT,
  CATEGORY_UNAUTHORISED,
  CODE_ID_LIMIT,
  codeId,
  codeOfId,
  LAST_PRESENT_ID,
  NO_MARK,
} from '../codes/code-registry.ts';
import type { AttendanceContext, PupilAttendance } from './attendance-context.ts';
import { emptySessionCounts, type SessionCounts } from './session-counts.ts';

/**
 * The sessions of one pupil that are not plain presence ("events"), in session order, from the
 * start of the calendar to as-of, plus code tallies for the evaluation period. Present sessions
 * are the great majority, so everything downstream works on the events alone.
 */
export interface PupilScan {
  /** Number of events; the arrays below are reused buffers, valid up to this length. */
  count: number;
  readonly sessions: Int32Array;
  readonly codes: Uint8Array;
  readonly categories: Uint8Array;
  /** Segment (code table) index of each event. */
  readonly segments: Uint8Array;
  /** Per segment, code tallies over the evaluation period (index 0 = unmarked). */
  readonly periodTallies: Int32Array[];
  /** A buffer as long as the events can be, for rule runners to reuse instead of allocating. */
  readonly scratch: Int32Array;
  /** Sessions on roll: [first, end) clipped to as-of. */
  firstSession: number;
  endSession: number;
}

/** Buffers sized for a calendar; reuse them across pupils. */
export function createPupilScan(context: AttendanceContext): PupilScan {
  const sessions = context.calendar.days.length * 2;
  return {
    count: 0,
    sessions: new Int32Array(sessions),
    codes: new Uint8Array(sessions),
    categories: new Uint8Array(sessions),
    segments: new Uint8Array(sessions),
    scratch: new Int32Array(sessions),
    periodTallies: context.segments.map(() => new Int32Array(CODE_ID_LIMIT)),
    firstSession: 0,
    endSession: 0,
  };
}

/** Fill `scan` for one pupil. */
export function scanPupil(
  context: AttendanceContext,
  pupil: PupilAttendance,
  scan: PupilScan,
): void {
  const marks = pupil.marks;
  const first = pupil.rollFromDay * 2;
  const end = Math.min(pupil.rollToDay, context.asOfDayEnd) * 2;
  const periodStart = context.periodFirstDay * 2;
  scan.firstSession = first;
  scan.endSession = Math.max(first, end);
  let count = 0;
  const eventSessions = scan.sessions;
  const eventCodes = scan.codes;
  const eventSegments = scan.segments;
  const segmentCount = context.segments.length;
  // Imported constants are module bindings the optimiser reloads on every use; locals it keeps
  // in registers, which made this loop (every mark of every pupil) about 20% faster.
  const noMark = NO_MARK;
  const lastPresentId = LAST_PRESENT_ID;
  for (let segment = 0; segment < segmentCount; segment++) {
    const segmentStart = context.segments[segment]!.fromDay * 2;
    const next = context.segments[segment + 1];
    const segmentEnd = next ? next.fromDay * 2 : Number.MAX_SAFE_INTEGER;
    const from = Math.max(first, segmentStart);
    const to = Math.min(end, segmentEnd);
    const tallies = scan.periodTallies[segment]!;
    tallies.fill(0);
    // Before the period only events matter; inside it every code is tallied too.
    const split = Math.min(Math.max(from, periodStart), to);
    for (let s = from; s < split; s++) {
      const code = marks[s]!;
      if (code === noMark || code > lastPresentId) {
        eventSessions[count] = s;
        eventCodes[count] = code;
        eventSegments[count] = segment;
        count++;
      }
    }
    for (let s = split; s < to; s++) {
      const code = marks[s]!;
      tallies[code]!++;
      if (code === noMark || code > lastPresentId) {
        eventSessions[count] = s;
        eventCodes[count] = code;
        eventSegments[count] = segment;
        count++;
      }
    }
  }
  scan.count = count;
  for (let i = 0; i < count; i++) {
    scan.categories[i] = context.segments[eventSegments[i]!]!.categories[eventCodes[i]!]!;
  }
}

/** Code tallies and session counts of the evaluation period. */
export function periodStatistics(
  context: AttendanceContext,
  scan: PupilScan,
): { codes: Record<string, number>; sessions: SessionCounts } {
  const codes: Record<string, number> = {};
  const sessions = emptySessionCounts();
  const lateId = codeId('L');
  for (let index = 0; index < context.segments.length; index++) {
    const segment = context.segments[index]!;
    const tallies = scan.periodTallies[index]!;
    for (let id = 0; id < tallies.length; id++) {
      const n = tallies[id]!;
      if (n === 0) continue;
      if (id === NO_MARK) {
        sessions.unmarked += n;
        continue;
      }
      const code = codeOfId(id);
      codes[code] = (codes[code] ?? 0) + n;
      switch (segment.categories[id]) {
        case CATEGORY_PRESENT:
          sessions.present += n;
          if (id === lateId) sessions.late += n;
          break;
        case CATEGORY_APPROVED:
          sessions.approvedActivity += n;
          break;
        case CATEGORY_AUTHORISED:
          sessions.authorisedAbsence += n;
          break;
        case CATEGORY_UNAUTHORISED:
          sessions.unauthorisedAbsence += n;
          break;
        case CATEGORY_NOT_POSSIBLE:
          sessions.notPossible += n;
          break;
        case CATEGORY_NONE:
          // A code the session's table does not have: input validation keeps these out.
          sessions.unmarked += n;
          break;
      }
    }
  }
  sessions.attended = sessions.present + sessions.approvedActivity;
  sessions.possible = sessions.attended + sessions.authorisedAbsence + sessions.unauthorisedAbsence;
  return { codes, sessions };
}
