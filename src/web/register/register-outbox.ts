import type {
  RegisterConflictProblem,
  TakeRegisterRequest,
  TakeRegisterResponse,
} from '../../contracts/register.contract.ts';
import { ApiProblem, NetworkFailure } from '../api-client.ts';
import { describeError, type ShownError } from '../components/problem-alert.tsx';

/** A register submission kept on this device until the server acknowledges it. */
export interface PendingRegister {
  /** Sent as Idempotency-Key: a resend of the same submission is answered, not applied twice. */
  readonly key: string;
  readonly userId: number;
  readonly classId: number;
  readonly className: string;
  readonly request: TakeRegisterRequest;
  readonly savedAt: string;
}

export type SubmissionState =
  | { readonly kind: 'sending'; readonly pending: PendingRegister }
  | {
      readonly kind: 'waiting';
      readonly pending: PendingRegister;
      readonly reason: ShownError;
      readonly attempts: number;
    }
  | {
      readonly kind: 'sent';
      readonly pending: PendingRegister;
      readonly response: TakeRegisterResponse;
    }
  | {
      readonly kind: 'conflict';
      readonly pending: PendingRegister;
      readonly problem: RegisterConflictProblem;
    }
  | { readonly kind: 'failed'; readonly pending: PendingRegister; readonly error: ShownError };

export type SendRegister = (pending: PendingRegister) => Promise<TakeRegisterResponse>;

export interface OutboxTimers {
  setTimeout(callback: () => void, ms: number): number;
  clearTimeout(id: number): void;
}

const storageKey = 'rollcall.register-outbox.v1';
const firstRetryMs = 2_000;
const longestRetryMs = 60_000;

/**
 * Submits registers so that none is lost to a dropped connection: each is written to
 * localStorage before it is sent and removed only once the server has answered, and one
 * that could not be sent is retried with backoff and at once when the browser is back online.
 */
export class RegisterOutbox {
  private readonly states = new Map<string, SubmissionState>();
  private readonly timers = new Map<string, number>();
  private readonly inFlight = new Set<string>();
  private readonly listeners = new Set<() => void>();
  private userId: number | null = null;

  constructor(
    private readonly storage: Storage,
    private readonly send: SendRegister,
    private readonly timing: OutboxTimers,
  ) {}

  /** Starts sending the signed-in user's stored submissions, e.g. after a reload. */
  start(userId: number): void {
    this.userId = userId;
    this.resendAll();
  }

  /** Stops retrying (on sign-out); what is stored stays for the user's next sign-in. */
  stop(): void {
    this.userId = null;
    for (const id of this.timers.values()) this.timing.clearTimeout(id);
    this.timers.clear();
    this.states.clear();
    this.notify();
  }

  submit(pending: PendingRegister): void {
    // A newer submission of the same register supersedes one still waiting.
    for (const older of this.readStored()) {
      if (isSameRegister(older, pending)) this.forget(older.key);
    }
    this.writeStored([...this.readStored(), pending]);
    void this.attempt(pending, 0);
  }

  /** Sends every stored submission now: the connection has just come back. */
  resendAll(): void {
    for (const pending of this.readStored()) {
      if (pending.userId !== this.userId) continue;
      const state = this.states.get(pending.key);
      const attempts = state?.kind === 'waiting' ? state.attempts : 0;
      void this.attempt(pending, attempts);
    }
  }

  /** The latest submission of one register made in this tab or stored on this device. */
  findState(classId: number, date: string, session: string): SubmissionState | undefined {
    let found: SubmissionState | undefined;
    for (const state of this.states.values()) {
      const { pending } = state;
      if (pending.classId === classId && pending.request.date === date) {
        if (pending.request.session === session) found = state;
      }
    }
    return found;
  }

  /** Submissions stored on this device and not yet acknowledged, for the signed-in user. */
  listWaiting(): PendingRegister[] {
    return this.readStored().filter((pending) => pending.userId === this.userId);
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private async attempt(pending: PendingRegister, attempts: number): Promise<void> {
    if (this.inFlight.has(pending.key)) return;
    this.cancelRetry(pending.key);
    this.inFlight.add(pending.key);
    this.setState({ kind: 'sending', pending });
    try {
      const response = await this.send(pending);
      this.removeStored(pending.key);
      this.setState({ kind: 'sent', pending, response });
    } catch (error) {
      if (isWorthRetrying(error)) {
        this.setState({
          kind: 'waiting',
          pending,
          reason: describeError(error),
          attempts: attempts + 1,
        });
        this.scheduleRetry(pending, attempts + 1);
      } else if (
        error instanceof ApiProblem &&
        error.status === 409 &&
        'conflicts' in error.problem
      ) {
        this.removeStored(pending.key);
        this.setState({
          kind: 'conflict',
          pending,
          // The server's 409 for a register carries `conflicts` (RegisterConflictProblem).
          problem: error.problem as unknown as RegisterConflictProblem,
        });
      } else {
        this.removeStored(pending.key);
        this.setState({ kind: 'failed', pending, error: describeError(error) });
      }
    } finally {
      this.inFlight.delete(pending.key);
    }
  }

  private scheduleRetry(pending: PendingRegister, attempts: number): void {
    const delay = Math.min(firstRetryMs * 2 ** (attempts - 1), longestRetryMs);
    const id = this.timing.setTimeout(() => {
      this.timers.delete(pending.key);
      if (this.readStored().some((stored) => stored.key === pending.key)) {
        void this.attempt(pending, attempts);
      }
    }, delay);
    this.timers.set(pending.key, id);
  }

  private cancelRetry(key: string): void {
    const id = this.timers.get(key);
    if (id !== undefined) this.timing.clearTimeout(id);
    this.timers.delete(key);
  }

  private forget(key: string): void {
    this.cancelRetry(key);
    this.removeStored(key);
    this.states.delete(key);
  }

  private setState(state: SubmissionState): void {
    this.states.set(state.pending.key, state);
    this.notify();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  private readStored(): PendingRegister[] {
    try {
      const parsed = JSON.parse(this.storage.getItem(storageKey) ?? '[]') as unknown;
      return Array.isArray(parsed) ? (parsed as PendingRegister[]) : [];
    } catch {
      // A damaged entry must not stop the register page; it cannot be sent anyway.
      return [];
    }
  }

  private writeStored(pending: readonly PendingRegister[]): void {
    this.storage.setItem(storageKey, JSON.stringify(pending));
  }

  private removeStored(key: string): void {
    this.writeStored(this.readStored().filter((pending) => pending.key !== key));
  }
}

function isSameRegister(a: PendingRegister, b: PendingRegister): boolean {
  return (
    a.userId === b.userId &&
    a.classId === b.classId &&
    a.request.date === b.request.date &&
    a.request.session === b.request.session
  );
}

/**
 * No answer, a server that is down or overloaded, or an expired session (the teacher can sign
 * in again in another tab) may all succeed later; anything else would fail the same way again.
 */
export function isWorthRetrying(error: unknown): boolean {
  if (error instanceof NetworkFailure) return true;
  if (!(error instanceof ApiProblem)) return false;
  return error.status >= 500 || error.status === 429 || error.status === 401;
}

/** A fresh Idempotency-Key; getRandomValues works on plain-HTTP school networks too. */
export function createIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
