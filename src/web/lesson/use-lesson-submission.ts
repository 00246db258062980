import { useEffect, useRef, useState } from 'preact/hooks';
import type {
  LessonConflictProblem,
  TakeLessonRegisterResponse,
} from '../../contracts/lesson.contract.ts';
import { ApiProblem, callApi } from '../api-client.ts';
import { describeError, type ShownError } from '../components/problem-alert.tsx';
import { isWorthRetrying } from '../register/register-outbox.ts';
import type { LessonEntry } from './lesson-register-model.ts';

/** Where the last sending of a lesson register is. */
export type LessonSubmission =
  | { readonly kind: 'sending'; readonly entries: readonly LessonEntry[] }
  | {
      readonly kind: 'waiting';
      readonly entries: readonly LessonEntry[];
      readonly reason: ShownError;
      readonly attempts: number;
    }
  | {
      readonly kind: 'sent';
      readonly entries: readonly LessonEntry[];
      /** Every pupil sent, with the mark the server now holds. */
      readonly marks: TakeLessonRegisterResponse['marks'];
      readonly recorded: number;
      readonly at: Date;
    }
  | {
      /** Someone else changed some of these pupils' marks meanwhile; nothing was recorded. */
      readonly kind: 'conflict';
      readonly entries: readonly LessonEntry[];
      readonly conflicts: LessonConflictProblem['conflicts'];
    }
  | {
      readonly kind: 'failed';
      readonly entries: readonly LessonEntry[];
      readonly error: ShownError;
    };

const firstRetryMs = 2_000;
const longestRetryMs = 60_000;

/** How long to wait before the next try after a number of failed ones, doubling to a minute. */
export function lessonRetryDelayMs(attempts: number): number {
  return Math.min(firstRetryMs * 2 ** Math.max(0, attempts - 1), longestRetryMs);
}

/**
 * Sends a lesson register and keeps trying while the connection is down: again with backoff,
 * and at once when the browser is back online. The server leaves a mark that already holds the
 * code sent as it is, so a retry after a lost answer records nothing twice and is no conflict.
 */
export function useLessonSubmission(
  lessonId: number,
  date: string,
): { submission: LessonSubmission | null; submit: (entries: readonly LessonEntry[]) => void } {
  const [submission, setSubmission] = useState<LessonSubmission | null>(null);
  const latest = useRef<LessonSubmission | null>(null);
  const timer = useRef<number | null>(null);
  // Each sending has a number; an answer to an older one, or after the page closed, is ignored.
  const sequence = useRef(0);

  const show = (next: LessonSubmission): void => {
    latest.current = next;
    setSubmission(next);
  };

  const cancelRetry = (): void => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = null;
  };

  const attempt = (entries: readonly LessonEntry[], attempts: number): void => {
    cancelRetry();
    const mine = ++sequence.current;
    show({ kind: 'sending', entries });
    callApi<TakeLessonRegisterResponse>('PUT', `/api/lessons/${String(lessonId)}/register`, {
      body: { date, entries },
    }).then(
      (response) => {
        if (mine === sequence.current)
          show({
            kind: 'sent',
            entries,
            marks: response.marks,
            recorded: response.recorded,
            at: new Date(),
          });
      },
      (error: unknown) => {
        if (mine !== sequence.current) return;
        if (error instanceof ApiProblem && error.status === 409 && 'conflicts' in error.problem) {
          // The server's 409 for a lesson register carries `conflicts` (LessonConflictProblem).
          const { conflicts } = error.problem as unknown as LessonConflictProblem;
          show({ kind: 'conflict', entries, conflicts });
          return;
        }
        if (!isWorthRetrying(error)) {
          show({ kind: 'failed', entries, error: describeError(error) });
          return;
        }
        show({ kind: 'waiting', entries, reason: describeError(error), attempts: attempts + 1 });
        timer.current = window.setTimeout(
          () => {
            attempt(entries, attempts + 1);
          },
          lessonRetryDelayMs(attempts + 1),
        );
      },
    );
  };

  useEffect(() => {
    const sendNow = (): void => {
      const waiting = latest.current;
      if (waiting?.kind === 'waiting') attempt(waiting.entries, waiting.attempts);
    };
    window.addEventListener('online', sendNow);
    return () => {
      window.removeEventListener('online', sendNow);
      cancelRetry();
      sequence.current += 1;
    };
  }, []);

  return {
    submission,
    submit: (entries) => {
      attempt(entries, 0);
    },
  };
}
