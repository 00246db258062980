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
  readonly categories: Uint8Array;
  /**
   * Code key of each event (codeKeyOf: the code table and the code in one number), so a rule
   * tests membership of its code set in both tables with a single array read.
   */
  readonly codeKeys: Uint16Array;
  /** Per segment, code tallies over the evaluation period (index 0 = unmarked). */
  readonly periodTallies: Int32Array[];
  /** Per segment, the index after its last event (events are in segment order). */
  readonly segmentEventEnds: Int32Array;
  /**
   * Per segment, the codes of its events in the evaluation period as two 32-bit masks (bit id
   * of word 0 for ids below 32, bit id - 32 of word 1 for the rest): the codes other than plain
   * presence that periodTallies counts, so periodStatistics visits only those.
   */
  readonly periodEventCodes: Int32Array;
  /**
   * Whether every event is in the period, and so counted in periodTallies: then the events
   * with a given code can be counted from the tallies without walking the events.
   */
  eventsTallied: boolean;
  /** Sessions on roll: [first, end) clipped to as-of. */
  firstSession: number;
  endSession: number;
  /** Where tallies of sessions before the evaluation period go: they are not reported. */
  readonly discardedTallies: Int32Array;
  /** Scratch for periodStatistics: tallies of all tables by code, and codes in key order. */
  readonly mergedTallies: Int32Array;
  readonly codeOrder: Int32Array;
  /** Scratch for periodStatistics: session totals by category number. */
  readonly categoryTotals: Int32Array;
  /** Scratch for the pupil's marks, and the same bytes read four at a time (see scanPupil). */
  readonly markBytes: Uint8Array;
  readonly markWords: Uint32Array;
  /** Scratch for scanRange: the indices of the words of marks that are not all presence. */
  readonly mixedWords: Int32Array;
}

/** Buffers sized for a calendar; reuse them across pupils. */
export function createPupilScan(context: AttendanceContext): PupilScan {
  const sessions = context.calendar.days.length * 2;
  const markWords = new Uint32Array((sessions + 3) >> 2);
  return {
    count: 0,
    sessions: new Int32Array(sessions),
    categories: new Uint8Array(sessions),
    codeKeys: new Uint16Array(sessions),
    periodTallies: context.segments.map(() => new Int32Array(CODE_ID_LIMIT)),
    segmentEventEnds: new Int32Array(context.segments.length),
    periodEventCodes: new Int32Array(context.segments.length * 2),
    eventsTallied: false,
    firstSession: 0,
    endSession: 0,
    discardedTallies: new Int32Array(CODE_ID_LIMIT),
    mergedTallies: new Int32Array(CODE_ID_LIMIT),
    codeOrder: new Int32Array(CODE_ID_LIMIT),
    categoryTotals: new Int32Array(8),
    markBytes: new Uint8Array(markWords.buffer),
    markWords,
    mixedWords: new Int32Array(markWords.length),
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

/**
 * A pupil's marks as 32-bit words: copied into the scan's scratch, which is cheaper than a new
 * view of the pupil's own buffer (and needs no alignment), or null when they do not fit.
 */
function marksAsWords(scan: PupilScan, marks: Uint8Array): Uint32Array | null {
  if (marks.length > scan.markBytes.length) return null;
  scan.markBytes.set(marks);
  return scan.markWords;
}

/**
 * Tally the marks of sessions [from, to) one by one and append the sessions of the events to
 * `sessions`, from index `count`; returns the new event count.
 */
function scanSessions(
  marks: Uint8Array,
  from: number,
  to: number,
  tallies: Int32Array,
  sessions: Int32Array,
  count: number,
): number {
  const isEvent = IS_EVENT;
  for (let s = from; s < to; s++) {
    const code = marks[s]!;
    tallies[code]!++;
    // Written at `count` whatever the mark, and kept by advancing `count` only for an event: the
    // marks that reach this loop are a mix of presence and events, and a branch on which one
    // each is was mispredicted often enough to cost more than the store.
    sessions[count] = s;
    count += isEvent[code]!;
  }
  return count;
}

/**
 * Tally the marks of sessions [from, to) and append the sessions of the events: whole words of
 * presence are counted in one step, the marks of every other word one by one.
 */
function scanRange(
  marks: Uint8Array,
  words: Uint32Array | null,
  mixedWords: Int32Array,
  from: number,
  to: number,
  tallies: Int32Array,
  sessions: Int32Array,
  count: number,
): number {
  if (words === null || to - from < 16)
    return scanSessions(marks, from, to, tallies, sessions, count);
  const firstWord = (from + 3) >> 2;
  const endWord = to >> 2;
  count = scanSessions(marks, from, firstWord * 4, tallies, sessions, count);
  const presentWord = PRESENT_WORD;
  const isEvent = IS_EVENT;
  // Four marks at a time compared as one word, and the words that are not all presence listed
  // without a branch: which words those are is data, and a branch on it (even one taken only
  // for the eight-mark blocks that differ) was mispredicted often enough to cost more than
  // comparing every word.
  let mixed = 0;
  for (let w = firstWord; w < endWord; w++) {
    const differs = words[w]! ^ presentWord;
    mixedWords[mixed] = w;
    mixed += (differs | -differs) >>> 31;
  }
  const presentWords = endWord - firstWord - mixed;
  for (let m = 0; m < mixed; m++) {
    // The four marks of the word written out: the inner loop's own overhead was about 2% of the
    // evaluation (bench/suites/engine.bench.ts).
    const s = mixedWords[m]! * 4;
    const first = marks[s]!;
    tallies[first]!++;
    sessions[count] = s;
    count += isEvent[first]!;
    const second = marks[s + 1]!;
    tallies[second]!++;
    sessions[count] = s + 1;
    count += isEvent[second]!;
    const third = marks[s + 2]!;
    tallies[third]!++;
    sessions[count] = s + 2;
    count += isEvent[third]!;
    const fourth = marks[s + 3]!;
    tallies[fourth]!++;
    sessions[count] = s + 3;
    count += isEvent[fourth]!;
  }
  tallies[AM_PRESENT]! += presentWords * 2;
  tallies[PM_PRESENT]! += presentWords * 2;
  return scanSessions(marks, endWord * 4, to, tallies, sessions, count);
}

/**
 * Fill in the category and code key of events [from, to), all read under `segment`. This
 * is done once per event rather than for every mark the scan looks at one by one, most of
 * which are presence. With `maskAt` at 0 or more, the events' codes are also recorded as masks
 * in periodEventCodes[maskAt] and [maskAt + 1].
 */
function describeEvents(
  scan: PupilScan,
  marks: Uint8Array,
  segment: TableSegment,
  from: number,
  to: number,
  maskAt: number,
): void {
  const { categories, keyBase } = segment;
  const { sessions, categories: eventCategories, codeKeys } = scan;
  let low = 0;
  let high = 0;
  for (let i = from; i < to; i++) {
    const code = marks[sessions[i]!]!;
    eventCategories[i] = categories[code]!;
    codeKeys[i] = keyBase + code;
    // A shift takes its count modulo 32, so each bit goes to one word or the other by a select.
    const bit = 1 << code;
    low |= code < 32 ? bit : 0;
    high |= code < 32 ? 0 : bit;
  }
  if (maskAt >= 0) {
    scan.periodEventCodes[maskAt] = low;
    scan.periodEventCodes[maskAt + 1] = high;
  }
}

/** Fill `scan` for one pupil. */
export function scanPupil(
  context: AttendanceContext,
  pupil: PupilAttendance,
  scan: PupilScan,
): void {
  const marks = pupil.marks;
  const words = marksAsWords(scan, marks);
  const first = pupil.rollFromDay * 2;
  const end = Math.min(pupil.rollToDay, context.asOfDayEnd) * 2;
  // (A register shorter than the calendar has no marks, and so no events, past its end.)
  const markedEnd = Math.min(end, marks.length);
  const periodStart = context.periodFirstDay * 2;
  scan.firstSession = first;
  scan.endSession = Math.max(first, end);
  const { sessions } = scan;
  let count = 0;
  const { segments } = context;
  for (let index = 0; index < segments.length; index++) {
    const segment = segments[index]!;
    const next = segments[index + 1];
    const from = Math.max(first, segment.fromDay * 2);
    const to = next ? Math.min(markedEnd, next.fromDay * 2) : markedEnd;
    const tallies = scan.periodTallies[index]!;
    tallies.fill(0);
    scan.periodEventCodes[index * 2] = 0;
    scan.periodEventCodes[index * 2 + 1] = 0;
    scan.segmentEventEnds[index] = count;
    // Most pupils' sessions all fall under one code table.
    if (from >= to) continue;
    const segmentFirstEvent = count;
    // Before the period only events matter; inside it every code is tallied too.
    const split = Math.min(Math.max(from, periodStart), to);
    if (from < split)
      count = scanRange(
        marks,
        words,
        scan.mixedWords,
        from,
        split,
        scan.discardedTallies,
        sessions,
        count,
      );
    const periodFirstEvent = count;
    if (split < to)
      count = scanRange(marks, words, scan.mixedWords, split, to, tallies, sessions, count);
    describeEvents(scan, marks, segment, segmentFirstEvent, periodFirstEvent, -1);
    describeEvents(scan, marks, segment, periodFirstEvent, count, index * 2);
    scan.segmentEventEnds[index] = count;
  }
  scan.count = count;
  scan.eventsTallied = first >= periodStart;
}

/** Whether the code table of segment `index` governs any school day of the period. */
function governsPeriod(context: AttendanceContext, index: number): boolean {
  const next = context.segments[index + 1];
  return !(
    context.segments[index]!.fromDay >= context.asOfDayEnd ||
    (next !== undefined && next.fromDay <= context.periodFirstDay)
  );
}

/** Code tallies and session counts of the evaluation period. */
export function periodStatistics(
  context: AttendanceContext,
  scan: PupilScan,
): { codes: Record<string, number>; sessions: SessionCounts } {
  // A period almost always falls under one code table (tables change in the summer holiday).
  let governing = -1;
  for (let index = 0; index < context.segments.length; index++) {
    if (!governsPeriod(context, index)) continue;
    if (governing >= 0) return mergedPeriodStatistics(context, scan);
    governing = index;
  }
  if (governing < 0) return mergedPeriodStatistics(context, scan);
  return tableStatistics(
    scan.periodTallies[governing]!,
    context.segments[governing]!.categories,
    scan.categoryTotals,
    scan.periodEventCodes[governing * 2]!,
    scan.periodEventCodes[governing * 2 + 1]!,
  );
}

/**
 * periodStatistics for tallies all read under one code table: codes in id order, and totals
 * summed by category without a branch on it (which category each code is in varies from pupil
 * to pupil, and mispredicted often).
 */
function tableStatistics(
  tallies: Int32Array,
  categories: Uint8Array,
  byCategory: Int32Array,
  lowCodes: number,
  highCodes: number,
): { codes: Record<string, number>; sessions: SessionCounts } {
  byCategory.fill(0);
  // No mark (id 0) is in no category, so it counts as unmarked, and it is not a code.
  byCategory[CATEGORY_NONE]! += tallies[NO_MARK]!;
  // The two presence codes (and often late) lead almost every pupil's tallies: a literal for
  // them is one allocation where adding each key to an empty object was a keyed store apiece.
  // They are code ids 1 to 3 (code-registry lists them first), so the key order is unchanged.
  const am = tallies[AM_PRESENT]!;
  const pm = tallies[PM_PRESENT]!;
  const late = tallies[LATE]!;
  let codes: Record<string, number>;
  if (am !== 0 && pm !== 0) {
    codes = late !== 0 ? { '/': am, '\\': pm, L: late } : { '/': am, '\\': pm };
    byCategory[categories[AM_PRESENT]!]! += am;
    byCategory[categories[PM_PRESENT]!]! += pm;
    byCategory[categories[LATE]!]! += late;
  } else {
    codes = {};
    for (let id = NO_MARK + 1; id <= LATE; id++)
      addTally(codes, byCategory, categories, tallies, id);
  }
  if (CODE_ID_LIMIT > 64) {
    for (let id = LATE + 1; id < tallies.length; id++)
      addTally(codes, byCategory, categories, tallies, id);
  } else {
    // Only the ids of the period's events can be counted beyond presence: visiting just those
    // skips a loop over every code with a mispredicted branch for each one that is counted.
    let low = lowCodes & ~((1 << (LATE + 1)) - 1);
    while (low !== 0) {
      const bit = low & -low;
      low ^= bit;
      addTally(codes, byCategory, categories, tallies, 31 - Math.clz32(bit));
    }
    let high = highCodes;
    while (high !== 0) {
      const bit = high & -high;
      high ^= bit;
      addTally(codes, byCategory, categories, tallies, 63 - Math.clz32(bit));
    }
  }
  const present = byCategory[CATEGORY_PRESENT]!;
  const approvedActivity = byCategory[CATEGORY_APPROVED]!;
  const authorisedAbsence = byCategory[CATEGORY_AUTHORISED]!;
  const unauthorisedAbsence = byCategory[CATEGORY_UNAUTHORISED]!;
  const attended = present + approvedActivity;
  // Fields in the order of emptySessionCounts, which is their order in the output.
  const sessions: SessionCounts = {
    possible: attended + authorisedAbsence + unauthorisedAbsence,
    attended,
    present,
    late: categories[LATE] === CATEGORY_PRESENT ? tallies[LATE]! : 0,
    approvedActivity,
    authorisedAbsence,
    unauthorisedAbsence,
    notPossible: byCategory[CATEGORY_NOT_POSSIBLE]!,
    // A code the session's table does not have (CATEGORY_NONE): input validation keeps these out.
    unmarked: byCategory[CATEGORY_NONE]!,
  };
  return { codes, sessions };
}

/** Add code `id` to `codes` and its category's total, when it was counted at all. */
function addTally(
  codes: Record<string, number>,
  byCategory: Int32Array,
  categories: Uint8Array,
  tallies: Int32Array,
  id: number,
): void {
  const n = tallies[id] ?? 0;
  if (n === 0) return;
  codes[codeOfId(id)] = n;
  byCategory[categories[id]!]! += n;
}

/** periodStatistics when tables change within the period: tallies merged by code. */
function mergedPeriodStatistics(
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
    if (!governsPeriod(context, index)) continue;
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
