import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new session token: 32 random bytes, URL-safe. Only its hash is ever stored. */
export function createSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The SHA-256 of a session token, as stored in auth_sessions.token_hash. */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * The CSRF token for a session, derived from the session token: it needs no storage, dies
 * with the session, and cannot be computed by a page that cannot read the HttpOnly cookie.
 */
export function deriveCsrfToken(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('rollcall-csrf').digest('base64url');
}

/** Compares a presented CSRF token with the session's in constant time. */
export function isCsrfTokenValid(sessionToken: string, presented: string): boolean {
  const expected = Buffer.from(deriveCsrfToken(sessionToken));
  const actual = Buffer.from(presented);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
