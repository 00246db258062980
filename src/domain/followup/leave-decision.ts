import type { IsoDate } from '../calendar/plain-date.ts';
import type { SessionName } from '../calendar/school-calendar.ts';
import type { Jurisdiction } from '../codes/code-table.ts';
import { codeTableFor } from '../codes/code-tables.ts';
import { err, ok, type Result } from '../result.ts';

/** What the leave is for: the code a granted session carries depends on it. */
export type LeavePurpose = 'holiday' | 'extended-holiday' | 'exceptional';

/** One school session of a request. */
export interface LeaveSession {
  readonly date: IsoDate;
  readonly session: SessionName;
}

/** The head's (or delegate's) decision on a request. */
export type LeaveDecision =
  | { readonly kind: 'grant-all' }
  | { readonly kind: 'grant-part'; readonly granted: readonly LeaveSession[] }
  | { readonly kind: 'refuse' };

/** A decided session and the code it takes: granted now, or refused if the pupil is absent. */
export interface DecidedLeaveSession extends LeaveSession {
  readonly granted: boolean;
  readonly code: string;
}

export type LeaveDecisionProblem =
  | { readonly kind: 'no-sessions'; readonly message: string }
  | {
      readonly kind: 'not-requested';
      readonly sessions: readonly LeaveSession[];
      readonly message: string;
    }
  | { readonly kind: 'grant-part-covers-all'; readonly message: string };

function describeSession(session: LeaveSession): string {
  return `${session.date} ${session.session}`;
}

/**
 * The code a granted session of leave takes. England since 19 Aug 2024 has no holiday code:
 * leave is granted only for exceptional circumstances (C). England before then and Wales
 * keep agreed holiday (H) and extended holiday (F).
 */
export function findGrantedLeaveCode(
  jurisdiction: Jurisdiction,
  date: IsoDate,
  purpose: LeavePurpose,
): string {
  if (codeTableFor(jurisdiction, date).id === 'england-2024') return 'C';
  switch (purpose) {
    case 'holiday':
      return 'H';
    case 'extended-holiday':
      return 'F';
    case 'exceptional':
      return 'C';
  }
}

/**
 * The code a refused session takes when the pupil is away anyway: a holiday not agreed is G in
 * every table; other leave not granted is unauthorised absence (O).
 */
export function findRefusedLeaveCode(purpose: LeavePurpose): string {
  return purpose === 'exceptional' ? 'O' : 'G';
}

/** Turn a decision into a code per requested session, for the jurisdiction and each date. */
export function decideLeaveSessions(
  jurisdiction: Jurisdiction,
  purpose: LeavePurpose,
  requested: readonly LeaveSession[],
  decision: LeaveDecision,
): Result<DecidedLeaveSession[], LeaveDecisionProblem> {
  if (requested.length === 0)
    return err({ kind: 'no-sessions', message: 'the request covers no school sessions' });
  const key = (session: LeaveSession) => describeSession(session);
  let granted: ReadonlySet<string>;
  switch (decision.kind) {
    case 'grant-all':
      granted = new Set(requested.map(key));
      break;
    case 'refuse':
      granted = new Set();
      break;
    case 'grant-part': {
      const requestedKeys = new Set(requested.map(key));
      const stray = decision.granted.filter((session) => !requestedKeys.has(key(session)));
      if (stray.length > 0)
        return err({
          kind: 'not-requested',
          sessions: stray,
          message: `${stray.map(describeSession).join(', ')} ${stray.length === 1 ? 'is' : 'are'} not among the sessions requested`,
        });
      granted = new Set(decision.granted.map(key));
      if (granted.size === requestedKeys.size)
        return err({
          kind: 'grant-part-covers-all',
          message: 'the part granted is the whole request; decide "grant-all" instead',
        });
      break;
    }
  }
  return ok(
    requested.map((session) => {
      const isGranted = granted.has(key(session));
      return {
        ...session,
        granted: isGranted,
        code: isGranted
          ? findGrantedLeaveCode(jurisdiction, session.date, purpose)
          : findRefusedLeaveCode(purpose),
      };
    }),
  );
}

/** Wales: holidays beyond 10 days (20 sessions) in a school year need exceptional circumstances. */
export const WALES_HOLIDAY_SESSIONS_BEFORE_EXCEPTIONAL_TEST = 20;

/**
 * Whether a Welsh holiday request must pass the exceptional-circumstances test: it would take
 * the year's holiday sessions (granted or taken) beyond 10 days.
 */
export function needsWalesExceptionalTest(
  jurisdiction: Jurisdiction,
  purpose: LeavePurpose,
  holidaySessionsThisYear: number,
  requestedSessions: number,
): boolean {
  if (jurisdiction !== 'wales' || purpose === 'exceptional') return false;
  return (
    holidaySessionsThisYear + requestedSessions > WALES_HOLIDAY_SESSIONS_BEFORE_EXCEPTIONAL_TEST
  );
}

/** Codes that count as holiday already taken in a school year (granted or not). */
export const HOLIDAY_CODES: ReadonlySet<string> = new Set(['H', 'F', 'G']);

/** Extended leave must name an agreed return on or after the last day away. */
export function checkAgreedReturn(
  purpose: LeavePurpose,
  lastDay: IsoDate,
  agreedReturn: IsoDate | null,
): string | null {
  if (purpose !== 'extended-holiday') return null;
  if (agreedReturn === null)
    return 'extended leave needs the agreed return date (the school starts missing-education checks if the pupil is not back)';
  if (agreedReturn <= lastDay)
    return `the agreed return (${agreedReturn}) must be after the last day away (${lastDay})`;
  return null;
}
