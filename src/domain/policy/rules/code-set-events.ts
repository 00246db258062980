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
    const { sets, sessions: lists, counts } = this;
    for (let set = 0; set < sets.length; set++) {
      const members = sets[set]!;
      const list = lists[set]!;
      let n = 0;
      // Four events at a time: the loop's own overhead was a good part of its cost.
      let i = 0;
      for (; i + 4 <= count; i += 4) {
        list[n] = eventSessions[i]!;
        n += members[codeKeys[i]!]!;
        list[n] = eventSessions[i + 1]!;
        n += members[codeKeys[i + 1]!]!;
        list[n] = eventSessions[i + 2]!;
        n += members[codeKeys[i + 2]!]!;
        list[n] = eventSessions[i + 3]!;
        n += members[codeKeys[i + 3]!]!;
      }
      for (; i < count; i++) {
        // Write every event and keep it by advancing past it only when it is a member.
        list[n] = eventSessions[i]!;
        n += members[codeKeys[i]!]!;
      }
      counts[set] = n;
    }
  }
}
