import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deactivateUser } from '../../src/store/user.repository.ts';
import { makeSchool } from '../db/factories.ts';
import { useTestDatabase } from '../db/test-database.ts';
import {
  buildTestApp,
  makeUserWithPassword,
  readJson,
  readSessionCookie,
  signInAs,
  testPassword,
  type TestApp,
} from './test-app.ts';

const database = useTestDatabase();
let testApp: TestApp;

beforeEach(async () => {
  testApp = await buildTestApp(database.db);
});
afterEach(async () => {
  await testApp.app.close();
});

async function makeStaff() {
  const school = await makeSchool(database.db);
  return makeUserWithPassword(database.db, {
    role: 'attendance_officer',
    scope: { kind: 'school', schoolId: school.id },
  });
}

function logIn(email: string, password: string, remoteAddress = '192.0.2.1') {
  return testApp.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password },
    remoteAddress,
  });
}

describe('signing in', () => {
  it('returns the user, scope and CSRF token and sets a hardened session cookie', async () => {
    const user = await makeStaff();
    const response = await logIn(user.email, testPassword);

    expect(response.statusCode).toBe(200);
    expect(readJson(response)).toMatchObject({
      user: { id: user.id, email: user.email, role: 'attendance_officer' },
      scope: user.scope,
      csrfToken: expect.any(String) as unknown,
      expiresAt: '2024-09-04T20:30:00.000Z',
    });
    const cookie = response.cookies.find((candidate) => candidate.name === 'rollcall_session');
    expect(cookie).toMatchObject({
      httpOnly: true,
      sameSite: 'Strict',
      secure: true,
      path: '/',
    });
    expect(cookie?.expires?.toISOString()).toBe('2024-09-04T20:30:00.000Z');
    expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('stores only a hash of the session token', async () => {
    const user = await makeStaff();
    const response = await logIn(user.email, testPassword);
    const token = readSessionCookie(response).split('=')[1];
    const stored = await database.db
      .selectFrom('auth_sessions')
      .select('token_hash')
      .where('user_id', '=', user.id)
      .execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.token_hash).not.toBe(token);
    expect(stored[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('accepts the email in any case and with surrounding spaces', async () => {
    const user = await makeStaff();
    const response = await logIn(`  ${user.email.toUpperCase()} `, testPassword);
    expect(response.statusCode).toBe(200);
  });

  it('gives the same answer for a wrong password, an unknown email and a deactivated account', async () => {
    const user = await makeStaff();
    const deactivated = await makeStaff();
    await deactivateUser(database.db, { userId: deactivated.id, at: testApp.clock.now() });

    const answers = await Promise.all([
      logIn(user.email, 'not the password'),
      logIn('nobody@example.test', testPassword),
      logIn(deactivated.email, testPassword),
    ]);
    for (const response of answers) {
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(readJson(response)).toEqual({
        type: 'https://rollcall.example/problems/invalid-credentials',
        title: 'Sign-in failed',
        status: 401,
        detail: 'The email or password is incorrect.',
      });
      expect(response.cookies).toEqual([]);
    }
  });
});

describe('login rate limiting', () => {
  it('refuses an email after five failures in 15 minutes, even with the right password', async () => {
    const user = await makeStaff();
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect((await logIn(user.email, 'wrong password', `198.51.100.${attempt}`)).statusCode).toBe(
        401,
      );
    }
    const refused = await logIn(user.email, testPassword, '198.51.100.99');
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('900');
    expect(readJson(refused)).toMatchObject({
      type: 'https://rollcall.example/problems/too-many-attempts',
      status: 429,
    });
  });

  it('lets the email sign in again once the failures are older than 15 minutes', async () => {
    const user = await makeStaff();
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await logIn(user.email, 'wrong password');
    }
    testApp.clock.advanceMinutes(14);
    expect((await logIn(user.email, testPassword)).statusCode).toBe(429);
    testApp.clock.advanceMinutes(2);
    expect((await logIn(user.email, testPassword)).statusCode).toBe(200);
  });

  it('refuses an address after twenty failures across different emails', async () => {
    const user = await makeStaff();
    const address = '203.0.113.7';
    for (let attempt = 0; attempt < 20; attempt += 1) {
      await logIn(`guess${attempt}@example.test`, 'wrong password', address);
    }
    expect((await logIn(user.email, testPassword, address)).statusCode).toBe(429);
    expect((await logIn(user.email, testPassword, '203.0.113.8')).statusCode).toBe(200);
  });

  it('keeps counting across a restart, since attempts live in the database', async () => {
    const user = await makeStaff();
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await logIn(user.email, 'wrong password');
    }
    await testApp.app.close();
    testApp = await buildTestApp(database.db);
    expect((await logIn(user.email, testPassword)).statusCode).toBe(429);
  });
});

describe('sessions', () => {
  it('tells a signed-in user who they are', async () => {
    const user = await makeStaff();
    const client = await signInAs(testApp.app, user);
    const response = await testApp.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: client.cookie },
    });
    expect(response.statusCode).toBe(200);
    expect(readJson(response)).toMatchObject({
      user: { id: user.id, displayName: user.displayName },
      csrfToken: client.csrfToken,
      classIds: [],
      pupilIds: [],
    });
    expect(readJson(response)['capabilities']).toContain('amend-mark');
  });

  it('answers 401 without a cookie and with a made-up one', async () => {
    for (const headers of [{}, { cookie: 'rollcall_session=made-up' }]) {
      const response = await testApp.app.inject({ method: 'GET', url: '/api/auth/me', headers });
      expect(response.statusCode).toBe(401);
      expect(readJson(response)['type']).toBe('https://rollcall.example/problems/unauthenticated');
    }
  });

  it('expires a session after its time to live', async () => {
    const user = await makeStaff();
    const client = await signInAs(testApp.app, user);
    testApp.clock.advanceMinutes(12 * 60 + 1);
    const response = await testApp.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: client.cookie },
    });
    expect(response.statusCode).toBe(401);
  });

  it('ends the session on logout and clears the cookie', async () => {
    const user = await makeStaff();
    const client = await signInAs(testApp.app, user);
    const logout = await testApp.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: client.cookie, 'x-csrf-token': client.csrfToken },
    });
    expect(logout.statusCode).toBe(204);
    const cleared = logout.cookies.find((cookie) => cookie.name === 'rollcall_session');
    expect(cleared?.value).toBe('');
    expect(cleared?.expires?.getTime()).toBeLessThanOrEqual(Date.now());

    // Replaying the old cookie must not work.
    const me = await testApp.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: client.cookie },
    });
    expect(me.statusCode).toBe(401);
  });
});

describe('requests arriving together', () => {
  it('each act as their own user, and a signed-out session among them is refused', async () => {
    const people = [await makeStaff(), await makeStaff(), await makeStaff()];
    const clients = await Promise.all(people.map((person) => signInAs(testApp.app, person)));
    const signedOut = clients[2];
    if (signedOut === undefined) throw new Error('no third client');
    await testApp.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: signedOut.cookie, 'x-csrf-token': signedOut.csrfToken },
    });

    // Sessions of requests arriving together are read in one query; the answers must not mix.
    const answers = await Promise.all(
      [...clients, ...clients].map((client) =>
        testApp.app.inject({
          method: 'GET',
          url: '/api/auth/me',
          headers: { cookie: client.cookie },
        }),
      ),
    );

    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 200, 401, 200, 200, 401]);
    const ids = answers
      .filter((answer) => answer.statusCode === 200)
      .map((answer) => (readJson(answer)['user'] as { id: number }).id);
    expect(ids).toEqual([people[0]?.id, people[1]?.id, people[0]?.id, people[1]?.id]);
  });
});

describe('CSRF protection', () => {
  it('refuses a change authenticated by cookie without the CSRF header', async () => {
    const user = await makeStaff();
    const client = await signInAs(testApp.app, user);
    const response = await testApp.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: client.cookie },
    });
    expect(response.statusCode).toBe(403);
    expect(readJson(response)['type']).toBe('https://rollcall.example/problems/csrf');
  });

  it("refuses another session's CSRF token", async () => {
    const user = await makeStaff();
    const mine = await signInAs(testApp.app, user);
    const theirs = await signInAs(testApp.app, await makeStaff());
    const response = await testApp.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: mine.cookie, 'x-csrf-token': theirs.csrfToken },
    });
    expect(response.statusCode).toBe(403);
    const stillSignedIn = await testApp.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: mine.cookie },
    });
    expect(stillSignedIn.statusCode).toBe(200);
  });
});

describe('changing a password', () => {
  function changePassword(
    client: { cookie: string; csrfToken: string },
    body: Record<string, unknown>,
  ) {
    return testApp.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie: client.cookie, 'x-csrf-token': client.csrfToken },
      payload: body,
    });
  }

  it('replaces the password and signs out the other sessions but not this one', async () => {
    const user = await makeStaff();
    const here = await signInAs(testApp.app, user);
    const elsewhere = await signInAs(testApp.app, user);
    const newPassword = 'a much longer passphrase';

    const response = await changePassword(here, { currentPassword: testPassword, newPassword });

    expect(response.statusCode).toBe(204);
    const me = (client: { cookie: string }) =>
      testApp.app.inject({
        method: 'GET',
        url: '/api/auth/me',
        headers: { cookie: client.cookie },
      });
    expect((await me(here)).statusCode).toBe(200);
    expect((await me(elsewhere)).statusCode).toBe(401);
    expect((await logIn(user.email, testPassword)).statusCode).toBe(401);
    expect((await logIn(user.email, newPassword)).statusCode).toBe(200);
  });

  it('names the field when the current password is wrong', async () => {
    const client = await signInAs(testApp.app, await makeStaff());
    const response = await changePassword(client, {
      currentPassword: 'not my password',
      newPassword: 'a much longer passphrase',
    });
    expect(response.statusCode).toBe(400);
    expect(readJson(response)['errors']).toEqual([
      { field: 'body.currentPassword', message: 'the current password is incorrect' },
    ]);
  });

  it('refuses a new password shorter than 12 characters', async () => {
    const client = await signInAs(testApp.app, await makeStaff());
    const response = await changePassword(client, {
      currentPassword: testPassword,
      newPassword: 'short',
    });
    expect(response.statusCode).toBe(400);
    expect(readJson(response)['errors']).toEqual([
      { field: 'body.newPassword', message: 'choose a password of at least 12 characters' },
    ]);
  });

  it('needs the CSRF header like every other change', async () => {
    const client = await signInAs(testApp.app, await makeStaff());
    const response = await testApp.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie: client.cookie },
      payload: { currentPassword: testPassword, newPassword: 'a much longer passphrase' },
    });
    expect(response.statusCode).toBe(403);
  });
});
