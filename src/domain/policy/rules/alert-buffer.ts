import type { IsoDate } from '../../calendar/plain-date.ts';
import type { Alert } from './rule-run.ts';

/** "No count" and "no first session" in an AlertBuffer's number columns. */
export const NONE = -1;

/**
 * One pupil's alerts while the rules run, kept as numbers, and turned into Alert objects once,
 * in output order, when the pupil is done. Building each alert as an object with a wrapper for
 * sorting, then sorting the wrappers by comparing rule id strings, cost as much as running the
 * rules.
 *
 * A rule is known by its rank: the position of its id in the policy's ids sorted as strings.
 * Alerts are listed by session, then rule id, which is the order of the key
 * session << rankBits | rank. A raised alert sets its key's bit in a bitmap (and the bits of that
 * word in two smaller bitmaps that say where to look), so reading the bits back in order lists
 * the alerts in output order with no sort: sorting each pupil's alerts, raised rule by rule,
 * cost as much as building them.
 * A rule raises at most once per session, so keys repeat only when a policy gives two rules the
 * same id; such repeats are kept aside in raise order and merged in after the rest.
 */
export class AlertBuffer {
  /** Alerts raised so far for the current pupil. */
  count = 0;
  private readonly rankBits: number;
  /**
   * One bit per key; one bit per word of `bits`; one bit per word of `summary`. All zeros
   * between pupils: reading the alerts back clears them.
   */
  private readonly bits: Int32Array;
  private readonly summary: Int32Array;
  private readonly top: Int32Array;
  /** Count and first session of the alert raised first under each key, side by side. */
  private readonly evidence: Int32Array;
  /** Alerts raised under a key already raised for the current pupil, in raise order. */
  private repeats = 0;
  private repeatKeys: Int32Array = new Int32Array(0);
  private repeatCounts: Int32Array = new Int32Array(0);
  private repeatFromSessions: Int32Array = new Int32Array(0);
  /**
   * The alert object built for each key of an alert without evidence, so that pupils with the
   * same alert share one object (most such alerts are weekly rates, the same few hundred for
   * every pupil): allocated on the first alert, and the same for every pupil of an evaluation.
   * An alert with evidence is built for its pupil: looking for the same evidence among earlier
   * pupils' alerts cost more than building it.
   */
  private shared: (Alert | undefined)[] = [];

  /**
   * @param ruleIds the policy's rule ids sorted as strings; a rule's rank indexes it
   * @param days the calendar's school days, for the dates of session indices
   */
  constructor(
    private readonly ruleIds: readonly string[],
    private readonly days: readonly IsoDate[],
  ) {
    this.rankBits = 32 - Math.clz32(Math.max(0, ruleIds.length - 1));
    const keys = (days.length * 2) << this.rankBits;
    const words = (keys + 31) >> 5;
    this.bits = new Int32Array(words);
    this.summary = new Int32Array((words + 31) >> 5);
    this.top = new Int32Array((this.summary.length + 31) >> 5);
    this.evidence = new Int32Array(keys * 2);
  }

  /** Forget the previous pupil's alerts (sortedAlerts already has, when it was called). */
  clear(): void {
    if (this.count === 0) return;
    this.bits.fill(0);
    this.summary.fill(0);
    this.top.fill(0);
    this.count = 0;
    this.repeats = 0;
  }

  /** Record an occurrence of the rule of rank `rank` at `session`, with optional evidence. */
  raise(rank: number, session: number, count: number = NONE, fromSession: number = NONE): void {
    const key = (session << this.rankBits) | rank;
    const word = key >> 5;
    const bit = 1 << (key & 31);
    const bits = this.bits;
    const wordBits = bits[word]!;
    this.count++;
    if ((wordBits & bit) !== 0) {
      this.raiseRepeat(key, count, fromSession);
      return;
    }
    bits[word] = wordBits | bit;
    this.summary[word >> 5]! |= 1 << (word & 31);
    this.top[word >> 10]! |= 1 << ((word >> 5) & 31);
    this.evidence[key * 2] = count;
    this.evidence[key * 2 + 1] = fromSession;
  }

  /**
   * The current pupil's alerts as objects, by session and then rule id (in raise order for
   * alerts of the same rule id at the same session). Leaves the buffer clear.
   */
  sortedAlerts(): Alert[] {
    const n = this.count;
    if (n === 0) return [];
    if (this.shared.length === 0) this.allocateShared();
    // Sized once: growing an array by push left most of each pupil's array as spare capacity.
    const alerts = new Array<Alert>(n);
    const keys = this.repeats === 0 ? null : new Int32Array(n - this.repeats);
    const { bits, summary, top, evidence } = this;
    let k = 0;
    for (let t = 0; t < top.length; t++) {
      let topBits = top[t]!;
      top[t] = 0;
      while (topBits !== 0) {
        const lowestTop = topBits & -topBits;
        topBits ^= lowestTop;
        const s = (t << 5) | (31 - Math.clz32(lowestTop));
        let summaryBits = summary[s]!;
        summary[s] = 0;
        while (summaryBits !== 0) {
          const lowest = summaryBits & -summaryBits;
          summaryBits ^= lowest;
          const word = (s << 5) | (31 - Math.clz32(lowest));
          let wordBits = bits[word]!;
          bits[word] = 0;
          while (wordBits !== 0) {
            const lowestBit = wordBits & -wordBits;
            wordBits ^= lowestBit;
            const key = (word << 5) | (31 - Math.clz32(lowestBit));
            if (keys === null)
              alerts[k++] = this.alertOf(key, evidence[key * 2]!, evidence[key * 2 + 1]!);
            else keys[k++] = key;
          }
        }
      }
    }
    if (keys !== null) this.mergeRepeats(alerts, keys);
    this.count = 0;
    this.repeats = 0;
    return alerts;
  }

  /** The alert for a key and its evidence, shared with earlier pupils when it has none. */
  private alertOf(key: number, count: number, fromSession: number): Alert {
    const rank = key & ((1 << this.rankBits) - 1);
    const session = key >> this.rankBits;
    if ((count & fromSession) !== NONE)
      return buildAlert(this.ruleIds[rank]!, this.days, session, count, fromSession);
    let alert = this.shared[key];
    if (alert === undefined) {
      alert = buildAlert(this.ruleIds[rank]!, this.days, session, NONE, NONE);
      this.shared[key] = alert;
    }
    return alert;
  }

  private raiseRepeat(key: number, count: number, fromSession: number): void {
    if (this.repeats === this.repeatKeys.length) {
      const size = Math.max(8, this.repeats * 2);
      const grown = (column: Int32Array): Int32Array => {
        const larger = new Int32Array(size);
        larger.set(column);
        return larger;
      };
      this.repeatKeys = grown(this.repeatKeys);
      this.repeatCounts = grown(this.repeatCounts);
      this.repeatFromSessions = grown(this.repeatFromSessions);
    }
    const i = this.repeats++;
    this.repeatKeys[i] = key;
    this.repeatCounts[i] = count;
    this.repeatFromSessions[i] = fromSession;
  }

  /**
   * Build the alerts of `keys` (the first raised under each key, in key order) with the repeats
   * placed after every alert of the same or a lower key raised before them, as a stable sort of
   * the alerts in raise order would.
   */
  private mergeRepeats(alerts: Alert[], keys: Int32Array): void {
    const merged: { key: number; count: number; fromSession: number }[] = Array.from(
      keys,
      (key) => ({ key, count: this.evidence[key * 2]!, fromSession: this.evidence[key * 2 + 1]! }),
    );
    for (let r = 0; r < this.repeats; r++) {
      const key = this.repeatKeys[r]!;
      let at = merged.length;
      while (at > 0 && merged[at - 1]!.key > key) at--;
      merged.splice(at, 0, {
        key,
        count: this.repeatCounts[r]!,
        fromSession: this.repeatFromSessions[r]!,
      });
    }
    merged.forEach(({ key, count, fromSession }, index) => {
      alerts[index] = this.alertOf(key, count, fromSession);
    });
  }

  /** One slot per key: every session of the calendar times every rank. */
  private allocateShared(): void {
    const size = this.evidence.length / 2;
    this.shared = new Array<Alert | undefined>(size).fill(undefined);
  }
}

/**
 * Build one alert. Each shape is a literal with its fields in output order (rule, date, session,
 * count, from), so alerts of a shape share one hidden class and serialise the same as ever.
 */
function buildAlert(
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
