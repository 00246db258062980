import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { getSignedIn, inPath, requireCapability } from '../../src/server/auth.hooks.ts';
import { makeEnrolledPupil, makeSchool } from '../db/factories.ts';
import { useTestDatabase } from '../db/test-database.ts';
import {
  buildTestApp,
  makeUserWithPassword,
  signInAs,
  testPassword,
  type TestApp,
} from './test-app.ts';

const database = useTestDatabase();
let testApp: TestApp;

beforeAll(async () => {
  testApp = await buildTestApp(database.db);
  // A pupil-level route that echoes personal data and fails with it in the error message.
  testApp.app.post(
    '/test/pupils/:pupilId/notes',
    {
      schema: {
        params: z.object({ pupilId: z.coerce.number().int() }),
        querystring: z.object({ surname: z.string().optional() }),
        body: z.object({ note: z.string() }),
      },
      preHandler: requireCapability('view-pupil', inPath.pupil()),
    },
    (request) => {
      getSignedIn(request);
      throw new Error(`cannot save note "${request.body.note}"`);
    },
  );
});
afterAll(async () => {
  await testApp.app.close();
});

describe('request logs', () => {
  it('hold no pupil names, passwords, cookies or CSRF tokens', async () => {
    const school = await makeSchool(database.db);
    const { pupil } = await makeEnrolledPupil(database.db, school.id);
    const officer = await makeUserWithPassword(database.db, {
      role: 'attendance_officer',
      scope: { kind: 'school', schoolId: school.id },
    });
    const client = await signInAs(testApp.app, officer);
    await testApp.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: officer.email, password: 'a wrong guess at the password' },
    });
    const response = await testApp.app.inject({
      method: 'POST',
      url: `/test/pupils/${pupil.id}/notes?surname=${pupil.legalLastName}`,
      headers: { cookie: client.cookie, 'x-csrf-token': client.csrfToken },
      payload: { note: `${pupil.legalFirstName} was collected by her aunt` },
    });
    expect(response.statusCode).toBe(500);

    const everything = testApp.rawLogs.join('\n');
    for (const secret of [
      pupil.legalFirstName,
      pupil.legalLastName,
      'aunt',
      testPassword,
      'a wrong guess',
      client.cookie.split('=')[1] ?? '(missing)',
      client.csrfToken,
    ]) {
      expect(everything).not.toContain(secret);
    }
  });

  it('record the request id, method, route pattern, status and duration', async () => {
    testApp.rawLogs.length = 0;
    await testApp.app.inject({ method: 'GET', url: '/api/health?probe=Smith' });
    expect(testApp.logs).toEqual([
      expect.objectContaining({
        msg: 'request completed',
        requestId: expect.any(String) as unknown,
        method: 'GET',
        route: '/api/health',
        statusCode: 200,
        durationMs: expect.any(Number) as unknown,
      }),
    ]);
    expect(testApp.rawLogs.join('')).not.toContain('Smith');
  });

  it('write one line for an unknown route, without its path or query', async () => {
    testApp.rawLogs.length = 0;
    await testApp.app.inject({ method: 'GET', url: '/api/pupils/by-name/Featherstonehaugh' });
    expect(testApp.rawLogs.join('')).not.toContain('Featherstonehaugh');
    expect(testApp.logs.map((line) => line['msg'])).toEqual(['request completed']);
  });
});
