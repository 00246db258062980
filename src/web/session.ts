import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { SessionResponse } from '../contracts/auth.contract.ts';
import { ApiProblem, callApi, getJson, rememberCsrfToken } from './api-client.ts';

export type Session = SessionResponse;
export type Role = SessionResponse['user']['role'];

/** The signed-in session (null when signed out), and ways to change it. */
export interface SessionState {
  readonly session: Session | null;
  readonly setSession: (session: Session | null) => void;
}

export const SessionContext = createContext<SessionState>({
  session: null,
  setSession: () => undefined,
});

export function useSession(): SessionState {
  return useContext(SessionContext);
}

/** Asks the server who is signed in; null when nobody is (a 401). */
export async function fetchSession(): Promise<Session | null> {
  try {
    const session = await getJson<Session>('/api/auth/me');
    rememberCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 401) return null;
    throw error;
  }
}

export async function signIn(email: string, password: string): Promise<Session> {
  const session = await callApi<Session>('POST', '/api/auth/login', { body: { email, password } });
  rememberCsrfToken(session.csrfToken);
  return session;
}

export async function signOut(): Promise<void> {
  try {
    await callApi<undefined>('POST', '/api/auth/logout');
  } catch (error) {
    // Already signed out (expired session) is the outcome wanted anyway.
    if (!(error instanceof ApiProblem && error.status === 401)) throw error;
  } finally {
    rememberCsrfToken(null);
  }
}

/** The school a user works in, when their scope is one school. */
export function schoolIdOf(session: Session): number | null {
  return session.scope.kind === 'school' ? session.scope.schoolId : null;
}

const roleNames: Readonly<Record<Role, string>> = {
  admin: 'Administrator',
  headteacher: 'Headteacher',
  attendance_lead: 'Attendance lead',
  attendance_officer: 'Attendance officer',
  office: 'Office staff',
  teacher: 'Teacher',
  governor: 'Governor',
  parent: 'Parent or carer',
  la_officer: 'Local authority officer',
};

export function describeRole(role: Role): string {
  return roleNames[role];
}
