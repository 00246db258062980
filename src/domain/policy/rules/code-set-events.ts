import type { PupilScan } from '../../statistics/pupil-scan.ts';

/**
 * For each distinct code set of a policy, the sessions of the pupil's events with a code in it,
 * in session order. Rules then walk only their own events: whether an event is in a set is
 * data-dependent, and testing it inside every rule's loop cost a mispredicted branch per event
 * and rule, while filling these lists takes no branch at all.
 */
export class CodeSetEvents {
  /** Per code set, the member sessions (valid up to counts[set]). */
  readonly sessions: Int32Array[];
  readonly counts: Int32Array;

  /**
   * @param sets membership of each code set by code key (codeKeyOf)
   * @param capacity the most events a pupil can have (sessions in the calendar)
   */
  constructor(
    private readonly sets: readonly Uint8Array[],
    capacity: number,
  ) {
    this.sessions = sets.map(() => new Int32Array(capacity));
    this.counts = new Int32Array(sets.length);
  }

  /** Sort the events of `scan` into the sets. */
  fill(scan: PupilScan): void {
    const { codeKeys, sessions: eventSessions, count } = scan;
    for (let set = 0; set < this.sets.length; set++) {
      const members = this.sets[set]!;
      const list = this.sessions[set]!;
      let n = 0;
      for (let i = 0; i < count; i++) {
        // Write every event and keep it by advancing past it only when it is a member.
        list[n] = eventSessions[i]!;
        n += members[codeKeys[i]!]!;
      }
      this.counts[set] = n;
    }
  }
}
