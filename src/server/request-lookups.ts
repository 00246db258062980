import DataLoader from 'dataloader';
import type { AccessTarget } from '../domain/access/access-policy.ts';
import { findManyAccessTargets, type TargetRef } from '../services/access.service.ts';
import { findLiveSessions, type AuthContext, type LiveSession } from '../services/auth.service.ts';

/**
 * The lookups every request makes before its handler runs: its session, and the school of
 * what its path names. Requests that arrive together (300 registers at 8:55) share one query
 * for each instead of one per request. Nothing is kept between batches: a session signed out
 * is refused by the very next request.
 */
export interface RequestLookups {
  readonly sessions: DataLoader<string, LiveSession | undefined>;
  readonly accessTargets: DataLoader<TargetRef, AccessTarget[]>;
}

// A batch closes on the next turn of the event loop, once requests already received have
// asked: the embedded database answers without yielding, so a batch closed within the same
// turn (DataLoader's default) would only ever hold one request.
const nextTurn = (run: () => void) => void setImmediate(run);

export function createRequestLookups(auth: AuthContext): RequestLookups {
  return {
    sessions: new DataLoader((tokens) => findLiveSessions(auth, tokens), {
      cache: false,
      batchScheduleFn: nextTurn,
    }),
    accessTargets: new DataLoader((refs) => findManyAccessTargets(auth.db, refs), {
      cache: false,
      batchScheduleFn: nextTurn,
    }),
  };
}
