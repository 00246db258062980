/** Timing and memory helpers shared by the benchmark suites. */

export interface Timing {
  /** Median, fastest and slowest of the timed runs, in milliseconds. */
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly runs: number;
}

export interface MemorySample {
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
}

/** Collect garbage when the process runs with --expose-gc, so each run starts from a clean heap. */
export function collectGarbage(): void {
  globalThis.gc?.();
}

/** Whether `global.gc` is available (npm run bench passes --expose-gc). */
export function canCollectGarbage(): boolean {
  return typeof globalThis.gc === 'function';
}

/** The process's resident set and V8 heap in use right now. */
export function sampleMemory(): MemorySample {
  const usage = process.memoryUsage();
  return { rssBytes: usage.rss, heapUsedBytes: usage.heapUsed };
}

/** The highest resident set size the process has reached so far (the kernel's high-water mark). */
export function readPeakRss(): number {
  return process.resourceUsage().maxRSS * 1024;
}

/**
 * Run `task` `warmups` times untimed (so the JIT has optimised it), then `runs` times timed.
 * `inspect` sees every timed result while it is still alive, so a caller can sample memory and
 * consume the result (which also keeps the work from being optimised away). No full collection
 * is forced between runs: each one throws away optimised code that refers to objects it frees,
 * so the runs would measure re-optimisation rather than the steady state.
 */
export function timeRuns<T>(
  task: () => T,
  options: { warmups: number; runs: number; inspect: (result: T) => void },
): Timing {
  for (let i = 0; i < options.warmups; i++) options.inspect(task());
  const times: number[] = [];
  for (let i = 0; i < options.runs; i++) {
    const start = process.hrtime.bigint();
    const result = task();
    const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
    times.push(elapsed);
    options.inspect(result);
  }
  return summarise(times);
}

function timeOnce<T>(task: () => T, inspect: (result: T) => void): number {
  const start = process.hrtime.bigint();
  const result = task();
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  inspect(result);
  return elapsed;
}

function summarise(times: readonly number[]): Timing {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    medianMs: median(sorted),
    minMs: sorted[0]!,
    maxMs: sorted[sorted.length - 1]!,
    runs: sorted.length,
  };
}

/** The median of some figures, in any order. */
function medianOf(values: readonly number[]): number {
  return median([...values].sort((a, b) => a - b));
}

function median(sorted: readonly number[]): number {
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Times a task against its baseline in alternating rounds, one run of each per round, so both
 * see the same machine (a busy neighbour, a clock change) and the ratio compares like with like.
 * The ratio is the median of the rounds' own ratios.
 */
export function timeAgainstBaseline<B, T>(
  baseline: { task: () => B; inspect: (result: B) => void },
  measured: { task: () => T; inspect: (result: T) => void },
  options: { warmups: number; rounds: number },
): { baseline: Timing; measured: Timing; ratio: number } {
  for (let i = 0; i < options.warmups; i++) {
    baseline.inspect(baseline.task());
    measured.inspect(measured.task());
  }
  const baselineTimes: number[] = [];
  const measuredTimes: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    baselineTimes.push(timeOnce(baseline.task, baseline.inspect));
    measuredTimes.push(timeOnce(measured.task, measured.inspect));
  }
  return summariseRounds(baselineTimes, measuredTimes);
}

/**
 * timeAgainstBaseline for tasks that wait (database queries): each task checks its own result.
 * After `warmups` untimed runs of each, `rounds` rounds each time the baseline, then the task.
 */
export async function timeAgainstBaselineAsync(
  baseline: () => Promise<unknown>,
  measured: () => Promise<unknown>,
  options: { warmups: number; rounds: number },
): Promise<{ baseline: Timing; measured: Timing; ratio: number }> {
  const timeOnceAsync = async (task: () => Promise<unknown>): Promise<number> => {
    const start = performance.now();
    await task();
    return performance.now() - start;
  };
  for (let i = 0; i < options.warmups; i++) {
    await baseline();
    await measured();
  }
  const baselineTimes: number[] = [];
  const measuredTimes: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    baselineTimes.push(await timeOnceAsync(baseline));
    measuredTimes.push(await timeOnceAsync(measured));
  }
  return summariseRounds(baselineTimes, measuredTimes);
}

/** Paired rounds summed up: each side's timing, and the median of the rounds' own ratios. */
function summariseRounds(
  baselineTimes: readonly number[],
  measuredTimes: readonly number[],
): { baseline: Timing; measured: Timing; ratio: number } {
  return {
    baseline: summarise(baselineTimes),
    measured: summarise(measuredTimes),
    ratio: medianOf(measuredTimes.map((time, round) => time / baselineTimes[round]!)),
  };
}
