import type { SessionName } from '../contracts/common.contract.ts';

// Registers run on Europe/London wall-clock time wherever the device thinks it is.
const londonParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  hourCycle: 'h23',
});

/** Today's date in London (YYYY-MM-DD) and the session under way (AM before noon). */
export function readLondonToday(now: Date = new Date()): { date: string; session: SessionName } {
  const parts = Object.fromEntries(
    londonParts.formatToParts(now).map((part) => [part.type, part.value]),
  );
  const date = `${parts['year'] ?? ''}-${parts['month'] ?? ''}-${parts['day'] ?? ''}`;
  return { date, session: Number(parts['hour']) < 12 ? 'AM' : 'PM' };
}

const longDate = new Intl.DateTimeFormat('en-GB', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "Wednesday 4 September 2024" for a plain date. */
export function formatPlainDate(date: string): string {
  const parsed = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) ? date : longDate.format(parsed).replace(',', '');
}

export function describeSession(session: SessionName): string {
  return session === 'AM' ? 'morning' : 'afternoon';
}

export function isSessionName(value: string | null): value is SessionName {
  return value === 'AM' || value === 'PM';
}

export function isPlainDate(value: string | null): value is string {
  return value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value);
}
