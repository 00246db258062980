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
import type { AttendanceContext, PupilAttendance, TableSegment } from './attendance-context.ts';
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
  /**
   * Code key of each event (codeKeyOf: the code table and the code in one number), so a rule
   * tests membership of its code set in both tables with a single array read.
   */
  readonly codeKeys: Uint16Array;
  /** Per segment, code tallies over the evaluation period (index 0 = unmarked). */
  readonly periodTallies: Int32Array[];
  /** Sessions on roll: [first, end) clipped to as-of. */
  firstSession: number;
  endSession: number;
  /** Where tallies of sessions before the evaluation period go: they are not reported. */
  readonly discardedTallies: Int32Array;
  /** Scratch for periodStatistics: tallies of all tables by code, and codes in key order. */
  readonly mergedTallies: Int32Array;
  readonly codeOrder: Int32Array;
}

/** Buffers sized for a calendar; reuse them across pupils. */
export function createPupilScan(context: AttendanceContext): PupilScan {
  const sessions = context.calendar.days.length * 2;
  return {
    count: 0,
    sessions: new Int32Array(sessions),
    codes: new Uint8Array(sessions),
    categories: new Uint8Array(sessions),
    codeKeys: new Uint16Array(sessions),
    periodTallies: context.segments.map(() => new Int32Array(CODE_ID_LIMIT)),
    firstSession: 0,
    endSession: 0,
    discardedTallies: new Int32Array(CODE_ID_LIMIT),
    mergedTallies: new Int32Array(CODE_ID_LIMIT),
    codeOrder: new Int32Array(CODE_ID_LIMIT),
  };
}

/** The ids of the two plain presence marks, which make up most of every register. */
const AM_PRESENT = codeId('/');
const PM_PRESENT = codeId('\\');
const LATE = codeId('L');

/**
 * Four sessions "/ \ / \" read as one 32-bit word in the machine's byte order. A register is
 * mostly whole days of presence, so comparing four marks at a time with this word skips most of
 * the per-mark work (tally and event test) that otherwise dominates the evaluation.
 */
const PRESENT_WORD = new Uint32Array(
  new Uint8Array([AM_PRESENT, PM_PRESENT, AM_PRESENT, PM_PRESENT]).buffer,
)[0]!;

/** For every byte a mark can hold, 1 if it is an event (not plain presence), else 0. */
const IS_EVENT = new Uint8Array(256).fill(1).fill(0, NO_MARK + 1, LAST_PRESENT_ID + 1);

/** A pupil's marks as 32-bit words, or null when the bytes are not 4-aligned in their buffer. */
function marksAsWords(marks: Uint8Array): Uint32Array | null {
  if (marks.byteOffset % 4 !== 0) return null;
  return new Uint32Array(marks.buffer, marks.byteOffset, marks.length >> 2);
}

/**
 * Tally the marks of sessions [from, to) one by one and append the events to `scan`, from
 * index `count`; returns the new event count.
 */
function scanSessions(
  scan: PupilScan,
  marks: Uint8Array,
  from: number,
  to: number,
  segment: TableSegment,
  tallies: Int32Array,
  count: number,
): number {
  const { categories, keyBase } = segment;
  const isEvent = IS_EVENT;
  const { sessions, codes, categories: eventCategories, codeKeys } = scan;
  for (let s = from; s < to; s++) {
    const code = marks[s]!;
    tallies[code]!++;
    // Written at `count` whatever the mark, and kept by advancing `count` only for an event: the
    // marks that reach this loop are a mix of presence and events, and a branch on which one
    // each is was mispredicted often enough to cost more than the stores.
    sessions[count] = s;
    codes[count] = code;
    eventCategories[count] = categories[code]!;
    codeKeys[count] = keyBase + code;
    count += isEvent[code]!;
  }
  return count;
}

/**
 * Tally the marks of sessions [from, to) and append the events to `scan`: whole words of
 * presence are counted in one step, every other mark goes through scanSessions.
 */
function scanRange(
  scan: PupilScan,
  marks: Uint8Array,
  words: Uint32Array | null,
  from: number,
  to: number,
  segment: TableSegment,
  tallies: Int32Array,
  count: number,
): number {
  if (words === null || to - from < 8)
    return scanSessions(scan, marks, from, to, segment, tallies, count);
  const firstWord = (from + 3) >> 2;
  const endWord = to >> 2;
  count = scanSessions(scan, marks, from, firstWord * 4, segment, tallies, count);
  const presentWord = PRESENT_WORD;
  let presentWords = 0;
  for (let w = firstWord; w < endWord; w++) {
    if (words[w] === presentWord) presentWords++;
    else count = scanSessions(scan, marks, w * 4, w * 4 + 4, segment, tallies, count);
  }
  tallies[AM_PRESENT]! += presentWords * 2;
  tallies[PM_PRESENT]! += presentWords * 2;
  return scanSessions(scan, marks, endWord * 4, to, segment, tallies, count);
}

/** Fill `scan` for one pupil. */
export function scanPupil(
  context: AttendanceContext,
  pupil: PupilAttendance,
  scan: PupilScan,
): void {
  const marks = pupil.marks;
  const words = marksAsWords(marks);
  const first = pupil.rollFromDay * 2;
  const end = Math.min(pupil.rollToDay, context.asOfDayEnd) * 2;
  const periodStart = context.periodFirstDay * 2;
  scan.firstSession = first;
  scan.endSession = Math.max(first, end);
  let count = 0;
  const { segments } = context;
  for (let index = 0; index < segments.length; index++) {
    const segment = segments[index]!;
    const next = segments[index + 1];
    const from = Math.max(first, segment.fromDay * 2);
    // (A register shorter than the calendar has no marks, and so no events, past its end.)
    const to = Math.min(end, next ? next.fromDay * 2 : Number.MAX_SAFE_INTEGER, marks.length);
    const tallies = scan.periodTallies[index]!;
    tallies.fill(0);
    // Before the period only events matter; inside it every code is tallied too.
    const split = Math.min(Math.max(from, periodStart), to);
    if (from < split)
      count = scanRange(scan, marks, words, from, split, segment, scan.discardedTallies, count);
    if (split < to) count = scanRange(scan, marks, words, split, to, segment, tallies, count);
  }
  scan.count = count;
}

/** Code tallies and session counts of the evaluation period. */
export function periodStatistics(
  context: AttendanceContext,
  scan: PupilScan,
): { codes: Record<string, number>; sessions: SessionCounts } {
  const sessions = emptySessionCounts();
  const lateId = LATE;
  // Tallies of both code tables merged by code, and the codes in the order they are first met
  // (table by table, ids ascending), which is the order of the keys of `codes`.
  const { mergedTallies: merged, codeOrder: order } = scan;
  merged.fill(0);
  let codeCount = 0;
  for (let index = 0; index < context.segments.length; index++) {
    const segment = context.segments[index]!;
    // A code table that governs no day of the period has nothing tallied.
    const next = context.segments[index + 1];
    if (segment.fromDay >= context.asOfDayEnd || (next && next.fromDay <= context.periodFirstDay))
      continue;
    const tallies = scan.periodTallies[index]!;
    for (let id = 0; id < tallies.length; id++) {
      const n = tallies[id]!;
      if (n === 0) continue;
      if (id === NO_MARK) {
        sessions.unmarked += n;
        continue;
      }
      if (merged[id] === 0) order[codeCount++] = id;
      merged[id]! += n;
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
  // Each key is written once: reading back a key that varies from pupil to pupil cost more than
  // the rest of these statistics.
  const codes: Record<string, number> = {};
  for (let k = 0; k < codeCount; k++) codes[codeOfId(order[k]!)] = merged[order[k]!]!;
  return { codes, sessions };
}
