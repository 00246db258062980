import cliProgress from 'cli-progress';
import type { CliIo } from './cli-io.ts';

/** Reports how far a long job has got: a bar on a terminal, a line per tenth otherwise. */
export interface ProgressReporter {
  update(done: number, total: number): void;
  stop(): void;
}

/**
 * A bar redrawn in place when standard error is a terminal; plain lines otherwise (a log file
 * or CI output gets a readable record, not control characters).
 */
export function createProgressReporter(
  label: string,
  io: CliIo,
  isTerminal: boolean = process.stderr.isTTY,
): ProgressReporter {
  if (isTerminal) {
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {value}/{total}`, hideCursor: true, clearOnComplete: false },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(done, total) {
        if (!started) bar.start(total, 0);
        started = true;
        bar.setTotal(total);
        bar.update(done);
      },
      stop() {
        if (started) bar.stop();
      },
    };
  }
  let lastTenth = -1;
  return {
    update(done, total) {
      const tenth = total === 0 ? 10 : Math.floor((done * 10) / total);
      if (tenth === lastTenth) return;
      lastTenth = tenth;
      io.error(`${label}: ${done} of ${total}`);
    },
    stop() {},
  };
}
