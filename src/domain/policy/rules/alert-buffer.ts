import type { IsoDate } from '../../calendar/plain-date.ts';
import type { Alert } from './rule-run.ts';

/** "No count" and "no first session" in an AlertBuffer's number columns. */
export const NONE = -1;

/**
 * One pupil's alerts while the rules run, kept as numbers in reused columns, and turned into
 * Alert objects once, in output order, when the pupil is done. Building each alert as an object
 * with a wrapper for sorting, then sorting the wrappers by comparing rule id strings, cost as
 * much as running the rules.
 *
 * A rule is known by its rank: the position of its id in the policy's ids sorted as strings.
 * Alerts are listed by session, then rule id, which is the order of the sort key
 * session * ruleCount + rank.
 */
export class AlertBuffer {
  /** Alerts raised so far for the current pupil. */
  count = 0;
  private keys = new Int32Array(64);
  private ranks = new Int32Array(64);
  private sessions = new Int32Array(64);
  private counts = new Int32Array(64);
  private fromSessions = new Int32Array(64);
  /** Indices of the alerts in output order, filled by sortedAlerts (which also sorts keys). */
  private order = new Int32Array(64);
  /**
   * The alert object last built for each sort key, with its evidence, so that pupils with the
   * same alert share one object (most alerts are weekly rates, the same few hundred for every
   * pupil): allocated on the first alert, and the same for every pupil of an evaluation.
   */
  private shared: (Alert | undefined)[] = [];
  private sharedCounts = new Int32Array(0);
  private sharedFromSessions = new Int32Array(0);
  /** Scratch for presortBySessionBlock. */
  private blockStarts = new Int32Array(64);
  private scratchKeys = new Int32Array(64);

  /**
   * @param ruleIds the policy's rule ids sorted as strings; a rule's rank indexes it
   * @param days the calendar's school days, for the dates of session indices
   */
  constructor(
    private readonly ruleIds: readonly string[],
    private readonly days: readonly IsoDate[],
  ) {}

  /** Forget the previous pupil's alerts. */
  clear(): void {
    this.count = 0;
  }

  /** Record an occurrence of the rule of rank `rank` at `session`, with optional evidence. */
  raise(rank: number, session: number, count: number = NONE, fromSession: number = NONE): void {
    if (this.count === this.keys.length) this.grow();
    const i = this.count++;
    this.keys[i] = session * this.ruleIds.length + rank;
    this.ranks[i] = rank;
    this.sessions[i] = session;
    this.counts[i] = count;
    this.fromSessions[i] = fromSession;
  }

  /** The current pupil's alerts as objects, by session and then rule id. */
  sortedAlerts(): Alert[] {
    const n = this.count;
    if (n === 0) return [];
    // Sized once: growing an array by push left most of each pupil's array as spare capacity.
    const alerts = new Array<Alert>(n);
    this.sortOrder();
    if (this.shared.length === 0) this.allocateShared();
    const { order, keys, ranks, sessions, counts, fromSessions, ruleIds, days } = this;
    const { shared, sharedCounts, sharedFromSessions } = this;
    for (let k = 0; k < n; k++) {
      const i = order[k]!;
      const key = keys[k]!;
      const count = counts[i]!;
      const fromSession = fromSessions[i]!;
      let alert = shared[key];
      // A rule raises its alerts all with evidence or all without, so an alert without any
      // (most of them: weekly rates) matches the one shared under its key.
      if (
        alert === undefined ||
        ((count & fromSession) !== NONE &&
          (sharedCounts[key] !== count || sharedFromSessions[key] !== fromSession))
      ) {
        alert = alertOf(ruleIds[ranks[i]!]!, days, sessions[i]!, count, fromSession);
        shared[key] = alert;
        sharedCounts[key] = count;
        sharedFromSessions[key] = fromSession;
      }
      alerts[k] = alert;
    }
    return alerts;
  }

  /** One slot per sort key: every session of the calendar times every rule. */
  private allocateShared(): void {
    const size = this.days.length * 2 * this.ruleIds.length;
    this.shared = new Array<Alert | undefined>(size).fill(undefined);
    this.sharedCounts = new Int32Array(size);
    this.sharedFromSessions = new Int32Array(size);
  }

  /**
   * Put the alert indices in key order. A pupil has a handful of alerts, raised rule by rule in
   * session order, and an insertion sort of them (stable, as Array.prototype.sort is) beats the
   * built-in sort's per-call overhead. The keys are sorted in place alongside the indices, so
   * the inner loop reads one array instead of going through the indices. A pupil with many
   * alerts has them presorted by block of sessions first (see presortBySessionBlock).
   */
  private sortOrder(): void {
    const n = this.count;
    const { order, keys } = this;
    if (n > 20) this.presortBySessionBlock();
    else for (let i = 0; i < n; i++) order[i] = i;
    // Insertion sort of what the presort left (runs of at most a few alerts out of place).
    for (let i = 1; i < n; i++) {
      const key = keys[i]!;
      const index = order[i]!;
      let j = i;
      while (j > 0 && keys[j - 1]! > key) {
        keys[j] = keys[j - 1]!;
        order[j] = order[j - 1]!;
        j--;
      }
      keys[j] = key;
      order[j] = index;
    }
  }

  /**
   * A counting sort of the alerts by blocks of 16 sessions (8 school days), which leaves keys
   * and order nearly sorted: an insertion sort of many alerts raised rule by rule otherwise moves
   * most of them a long way.
   */
  private presortBySessionBlock(): void {
    const n = this.count;
    const { keys, sessions, order } = this;
    let low = sessions[0]! >> 4;
    let high = low;
    for (let i = 1; i < n; i++) {
      const block = sessions[i]! >> 4;
      low = Math.min(low, block);
      high = Math.max(high, block);
    }
    const blocks = high - low + 1;
    if (this.blockStarts.length < blocks + 1) this.blockStarts = new Int32Array(blocks + 1);
    const starts = this.blockStarts;
    starts.fill(0, 0, blocks + 1);
    for (let i = 0; i < n; i++) starts[(sessions[i]! >> 4) - low + 1]!++;
    for (let b = 1; b <= blocks; b++) starts[b]! += starts[b - 1]!;
    const sortedKeys = this.scratchKeys;
    for (let i = 0; i < n; i++) {
      const place = starts[(sessions[i]! >> 4) - low]!++;
      order[place] = i;
      sortedKeys[place] = keys[i]!;
    }
    // Copied back in a loop: a subarray view and the built-in copy cost more for a few dozen keys.
    for (let i = 0; i < n; i++) keys[i] = sortedKeys[i]!;
  }

  private grow(): void {
    const size = this.keys.length * 2;
    const grown = <T extends Float64Array | Int32Array>(column: T, empty: T): T => {
      empty.set(column);
      return empty;
    };
    this.keys = grown(this.keys, new Int32Array(size));
    this.ranks = grown(this.ranks, new Int32Array(size));
    this.sessions = grown(this.sessions, new Int32Array(size));
    this.counts = grown(this.counts, new Int32Array(size));
    this.fromSessions = grown(this.fromSessions, new Int32Array(size));
    this.order = new Int32Array(size);
    this.scratchKeys = new Int32Array(size);
  }
}

/**
 * Build one alert. Each shape is a literal with its fields in output order (rule, date, session,
 * count, from), so alerts of a shape share one hidden class and serialise the same as ever.
 */
function alertOf(
  rule: string,
  days: readonly IsoDate[],
  session: number,
  count: number,
  fromSession: number,
): Alert {
  const date = days[session >> 1]!;
  const name = (session & 1) === 1 ? 'PM' : 'AM';
  if (fromSession === NONE) {
    if (count === NONE) return { rule, date, session: name };
    return { rule, date, session: name, count };
  }
  const from = days[fromSession >> 1]!;
  if (count === NONE) return { rule, date, session: name, from };
  return { rule, date, session: name, count, from };
}
