import { useEffect, useState } from 'preact/hooks';

// One polite live region for the whole app: screen readers announce what is put here, and
// a single region avoids announcements competing with each other.
let current = '';
const listeners = new Set<(message: string) => void>();

/** Tells screen-reader users (and everyone, in the status bar) what just happened. */
export function announce(message: string): void {
  // Clearing first makes a repeated message ("Sent") be announced again.
  current = '';
  for (const listener of listeners) listener(current);
  queueMicrotask(() => {
    current = message;
    for (const listener of listeners) listener(current);
  });
}

export function useAnnouncement(): string {
  const [message, setMessage] = useState(current);
  useEffect(() => {
    listeners.add(setMessage);
    return () => {
      listeners.delete(setMessage);
    };
  }, []);
  return message;
}
