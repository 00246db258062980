import { useState } from 'preact/hooks';
import { announce } from '../status-announcer.ts';
import { describeError, type ShownError } from './problem-alert.tsx';

/** What a change that went through answered with. */
export interface Submitted<T> {
  readonly value: T;
}

export interface SubmitOptions {
  /**
   * The error to show when the work fails, or null when the form has dealt with the failure
   * itself (a conflict it shows its own way); every failure is described plainly otherwise.
   */
  readonly onFailure?: (failure: unknown) => ShownError | null;
}

/**
 * One change sent to the server: busy while it goes, then done (announced, and kept for the
 * form to show) or an error. A null done message announces nothing, for forms whose caller
 * says what happened.
 */
export function useSubmission() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const submit = async <T>(
    work: () => Promise<T>,
    doneMessage: string | ((result: T) => string) | null,
    options: SubmitOptions = {},
  ): Promise<Submitted<T> | null> => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const value = await work();
      const message = typeof doneMessage === 'function' ? doneMessage(value) : doneMessage;
      if (message !== null) {
        setDone(message);
        announce(message);
      }
      return { value };
    } catch (failure) {
      setError(
        options.onFailure === undefined ? describeError(failure) : options.onFailure(failure),
      );
      return null;
    } finally {
      setBusy(false);
    }
  };
  /** Shows a problem found before anything was sent (an answer missing). */
  const showError = (shown: ShownError): void => {
    setError(shown);
  };
  const reset = (): void => {
    setError(null);
    setDone(null);
  };
  return { busy, error, done, submit, showError, reset };
}
