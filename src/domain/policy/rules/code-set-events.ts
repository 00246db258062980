import { CODE_ID_LIMIT, LAST_PRESENT_ID } from '../../codes/code-registry.ts';
import type { PupilScan } from '../../statistics/pupil-scan.ts';

/** The most codes (per code table) of a set that is counted before it is listed. */
const COUNTED_CODES_LIMIT = 8;

/**
 * For each distinct code set of a policy, the sessions of the pupil's events with a code in it,
 * in session order. Rules then walk only their own events: whether an event is in a set is
 * data-dependent, and testing it inside every rule's loop cost a mispredicted branch per event
 * and rule, while filling these lists takes no branch at all.
 *
 * A set whose rules all need more of its events than the pupil has (three holiday sessions
 * against a threshold of ten) is only counted, from the scan's code tallies, and not listed:
 * most pupils have too few events in most sets for any rule to fire, and listing them was the
 * larger part of the cost of the sets.
 */
export class CodeSetEvents {
  /**
   * Per code set, the member sessions, valid up to counts[set] when counts[set] reaches
   * minimums[set]; a set with fewer events than that is counted but not listed.
   */
  readonly sessions: Int32Array[];
  readonly counts: Int32Array;
  /** Per code set and code table (segment), the ids of the member codes that are events. */
  private readonly memberIds: readonly (readonly Int32Array[])[];
  /**
   * 1 for the sets worth counting before listing: a rule needs some of their events, and they
   * have few codes (summing the tallies of a set of most absence codes costs about as much as
   * listing its events, which nearly every pupil needs anyway).
   */
  private readonly countFirst: Uint8Array;

  /**
   * @param sets membership of each code set by code key (codeKeyOf)
   * @param minimums per set, the fewest events any rule reading the set's list needs (a rule
   *   with fewer events in its set returns without reading the list); 0 to always list
   * @param capacity the most events a pupil can have (sessions in the calendar)
   */
  constructor(
    private readonly sets: readonly Uint8Array[],
    private readonly minimums: Int32Array,
    capacity: number,
  ) {
    this.sessions = sets.map(() => new Int32Array(capacity));
    this.counts = new Int32Array(sets.length);
    this.memberIds = sets.map((members) => {
      const ids: Int32Array[] = [];
      for (let keyBase = 0; keyBase < members.length; keyBase += CODE_ID_LIMIT) {
        const segmentIds: number[] = [];
        // Presence codes are never events, so they are never in a set's list either.
        for (let id = LAST_PRESENT_ID + 1; id < CODE_ID_LIMIT; id++)
          if (members[keyBase + id] === 1) segmentIds.push(id);
        ids.push(Int32Array.from(segmentIds));
      }
      return ids;
    });
    this.countFirst = Uint8Array.from(this.memberIds, (ids, set) =>
      minimums[set]! > 0 && ids.every((segmentIds) => segmentIds.length <= COUNTED_CODES_LIMIT)
        ? 1
        : 0,
    );
  }

  /** Sort the events of `scan` into the sets. */
  fill(scan: PupilScan): void {
    const { codeKeys, sessions: eventSessions, count } = scan;
    const { sets, sessions: lists, counts, minimums, countFirst } = this;
    for (let set = 0; set < sets.length; set++) {
      if (countFirst[set] === 1 && scan.eventsTallied) {
        const members = this.countMembers(scan, set);
        if (members < minimums[set]!) {
          counts[set] = members;
          continue;
        }
      }
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

  /** The events of `scan` in `set`, from its tallies (valid when scan.eventsTallied). */
  private countMembers(scan: PupilScan, set: number): number {
    const { periodTallies, segmentEventEnds } = scan;
    const memberIds = this.memberIds[set]!;
    let members = 0;
    let segmentStart = 0;
    for (let segment = 0; segment < segmentEventEnds.length; segment++) {
      const segmentEnd = segmentEventEnds[segment]!;
      // A code table that governs none of the pupil's events has nothing tallied.
      if (segmentEnd > segmentStart) {
        const ids = memberIds[segment]!;
        const tallies = periodTallies[segment]!;
        for (let k = 0; k < ids.length; k++) members += tallies[ids[k]!]!;
      }
      segmentStart = segmentEnd;
    }
    return members;
  }
}
