import {
  writeRegisterSubmission,
  writeRegisterSubmissions,
  type RegisterSubmission,
  type RegisterSubmissionOutcome,
} from './register-submission.repository.ts';
import type { Executor } from './transaction.ts';

export interface RegisterWriteQueueOptions {
  /** Statements in flight at once: 1 for the embedded database, which runs one at a time. */
  readonly concurrency: number;
  /** The most submissions, and entries, one statement carries. */
  readonly maxSubmissions: number;
  readonly maxEntries: number;
}

const DEFAULT_OPTIONS: RegisterWriteQueueOptions = {
  concurrency: 1,
  maxSubmissions: 40,
  maxEntries: 1500,
};

interface Waiting {
  readonly submission: RegisterSubmission;
  readonly resolve: (outcome: RegisterSubmissionOutcome) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit for register submissions. A submission arriving while the database is free is
 * written on the next turn of the event loop, with any that arrived in the same turn; those
 * arriving while a statement runs wait for it and then go together in the next one. At 8:55, when hundreds of registers arrive within seconds, each
 * statement carries many of them, and the cost of a statement (planning, a round trip, a
 * commit) is shared instead of paid by each. A caller is answered only once the statement
 * holding its submission has committed.
 */
export class RegisterWriteQueue {
  readonly #db: Executor;
  readonly #options: RegisterWriteQueueOptions;
  #waiting: Waiting[] = [];
  #running = 0;
  #startScheduled = false;

  constructor(db: Executor, options: Partial<RegisterWriteQueueOptions> = {}) {
    if (db.isTransaction)
      throw new Error('a register write queue needs the database, not a transaction');
    this.#db = db;
    this.#options = { ...DEFAULT_OPTIONS, ...options };
  }

  write(submission: RegisterSubmission): Promise<RegisterSubmissionOutcome> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ submission, resolve, reject });
      this.#scheduleStatements();
    });
  }

  /**
   * Statements start on the next turn of the event loop, never straight away: requests that
   * have arrived meanwhile reach the queue first. The embedded database answers without ever
   * yielding to the event loop, so without this turn each request would be read, checked and
   * written before the next one was even read, and no two would ever share a statement.
   */
  #scheduleStatements(): void {
    if (this.#startScheduled) return;
    this.#startScheduled = true;
    setImmediate(() => {
      this.#startScheduled = false;
      this.#startStatements();
    });
  }

  #startStatements(): void {
    while (this.#running < this.#options.concurrency && this.#waiting.length > 0) {
      const batch = this.#takeBatch();
      this.#running++;
      void this.#writeBatch(batch).finally(() => {
        this.#running--;
        this.#scheduleStatements();
      });
    }
  }

  /**
   * The oldest waiting submission and those after it that may share its statement: none naming
   * a pupil already in the batch (a statement cannot write one mark twice, and outcomes are
   * matched by pupil) or an idempotency key already in it (the second must see the first one's
   * stored answer). Those left wait for the next statement, in their order.
   */
  #takeBatch(): Waiting[] {
    const batch: Waiting[] = [];
    const left: Waiting[] = [];
    const pupils = new Set<number>();
    const keys = new Set<string>();
    let entries = 0;
    for (const waiting of this.#waiting) {
      const { submission } = waiting;
      const key =
        submission.idempotency === null
          ? null
          : `${String(submission.recordedBy)}:${submission.idempotency.key}`;
      const fits =
        batch.length === 0 ||
        (batch.length < this.#options.maxSubmissions &&
          entries + submission.entries.length <= this.#options.maxEntries &&
          (key === null || !keys.has(key)) &&
          submission.entries.every((entry) => !pupils.has(entry.pupilId)));
      if (!fits) {
        left.push(waiting);
        continue;
      }
      batch.push(waiting);
      entries += submission.entries.length;
      if (key !== null) keys.add(key);
      for (const entry of submission.entries) pupils.add(entry.pupilId);
    }
    this.#waiting = left;
    return batch;
  }

  async #writeBatch(batch: readonly Waiting[]): Promise<void> {
    try {
      const outcomes = await writeRegisterSubmissions(
        this.#db,
        batch.map((waiting) => waiting.submission),
      );
      batch.forEach((waiting, index) => {
        const outcome = outcomes[index];
        if (outcome === undefined) waiting.reject(new Error('a batched register had no answer'));
        else waiting.resolve(outcome);
      });
    } catch (error) {
      if (batch.length === 1) {
        batch[0]?.reject(error);
        return;
      }
      // One submission the database refuses outright must not fail the others: each is
      // written again on its own, and only the one at fault sees the error.
      await Promise.all(
        batch.map(async (waiting) => {
          try {
            waiting.resolve(await writeRegisterSubmission(this.#db, waiting.submission));
          } catch (alone) {
            waiting.reject(alone);
          }
        }),
      );
    }
  }
}

/**
 * How many register statements to keep in flight: PGlite runs one statement at a time, so a
 * second would only wait; a PostgreSQL server writes a few side by side on its own cores.
 */
export function chooseRegisterWriteConcurrency(
  databaseKind: 'embedded' | 'memory' | 'postgres',
): number {
  return databaseKind === 'postgres' ? 2 : 1;
}
