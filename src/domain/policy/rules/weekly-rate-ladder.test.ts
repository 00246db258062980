import { describe, expect, it } from 'vitest';
import type { PreparedWeeklyRate } from './weekly-rate.ts';
import { buildLadders } from './weekly-rate-ladder.ts';

const NEVER = 1 << 30;

/** A rule holding from ceil(share * possible) absences, and never below `floor` sessions. */
function rateFrom(rank: number, share: number, floor: number, stride: number): PreparedWeeklyRate {
  const threshold = new Int32Array(stride);
  for (let possible = 0; possible < stride; possible++)
    threshold[possible] = possible < floor ? NEVER : Math.ceil(share * possible);
  return { rank, direction: 1, threshold, trackedIndex: -1, trackedAtLeast: 0 };
}

describe('weekly rate ladders', () => {
  const stride = 121;
  const rates = [
    rateFrom(0, 0.5, 20, stride),
    rateFrom(1, 0.02, 20, stride),
    rateFrom(2, 0.1, 20, stride),
    rateFrom(3, 0.1, 0, stride),
  ];

  it('stacks nested rules weakest first, and starts another ladder for one that is not nested', () => {
    const ladders = buildLadders(rates, stride, 60);
    // 10% from the first session is weakest; 10% and 50% once there are 20 sessions hold only
    // where it does, while 2% from 20 sessions holds where 10% from the start does not.
    expect(ladders.map((ladder) => [...ladder.ranks])).toEqual([[3, 2, 0], [1]]);
  });

  it('reads how many rungs hold from one table, the same as counting thresholds reached', () => {
    for (const ladder of buildLadders(rates, stride, 60)) {
      // The table covers one academic year: 60 sessions here, so counts 0 to 60.
      expect(ladder.levelStride).toBe(61);
      for (let possible = 0; possible < ladder.levelStride; possible++)
        for (let absent = 0; absent < ladder.levelStride; absent++) {
          let holding = 0;
          for (let rung = 0; rung < ladder.rungs; rung++)
            if (absent >= ladder.thresholds[possible * ladder.rungs + rung]!) holding++;
          expect(ladder.levels[possible * ladder.levelStride + absent]).toBe(holding);
        }
    }
  });
});
