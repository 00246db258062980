import { beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/domain/access/access-policy.ts';
import { freshKey, sendAs, useApiWorld, type ApiRequest, type ApiWorld } from './api-world.ts';
import { readJson } from './test-app.ts';

const api = useApiWorld();
let world: ApiWorld;
let school = '';
beforeAll(() => {
  world = api.world;
  school = `/api/schools/${world.school.id}`;
});

const asAdmin = (request: ApiRequest) => sendAs(world, 'admin', request);

async function auditActions(): Promise<string[]> {
  const rows = await world.db.selectFrom('audit_log').select('action').orderBy('id').execute();
  return rows.map((row) => row.action);
}

async function readCalendar() {
  return readJson(await asAdmin({ method: 'GET', url: `${school}/calendar` })) as {
    academicYears: { id: number; name: string; terms: { id: number; name: string }[] }[];
    closures: { id: number; reason: string }[];
  };
}

/** Takes the morning register of the taught class for a day, so that day holds marks. */
async function markTheChild(date: string): Promise<void> {
  const response = await asAdmin({
    method: 'PUT',
    url: `/api/classes/${world.taughtClassId}/register`,
    payload: { date, session: 'AM', entries: [{ pupilId: world.child.id, code: '/' }] },
    headers: { 'idempotency-key': freshKey() },
  });
  expect(response.statusCode).toBe(200);
}

/** Sends a refused change and checks it is a problem of that status that changed nothing. */
async function expectRefused(request: ApiRequest, status: number, type: string) {
  const before = { calendar: await readCalendar(), audit: await auditActions() };
  const response = await asAdmin(request);
  expect(response.statusCode, JSON.stringify(readJson(response))).toBe(status);
  expect(response.headers['content-type']).toContain('application/problem+json');
  const problem = readJson(response);
  expect(problem['type']).toBe(`https://rollcall.example/problems/${type}`);
  expect(await readCalendar()).toEqual(before.calendar);
  expect(await auditActions()).toEqual(before.audit);
  return problem as { detail: string; errors?: { field: string; message: string }[] };
}

describe("the school's details and register times", () => {
  it('lets an admin rename the school and set its letterhead, with an audit entry', async () => {
    const changed = await asAdmin({
      method: 'PUT',
      url: `${school}/details`,
      payload: {
        name: 'Riverside Primary School',
        letterhead: {
          address: '1 Mill Lane, Leicester LE1 1AA',
          phone: '0116 496 0000',
          email: 'office@riverside.example',
          signatory: 'Mrs J Patel, Headteacher',
        },
      },
    });
    expect(changed.statusCode).toBe(200);
    const settings = readJson(await asAdmin({ method: 'GET', url: `${school}/settings` }));
    expect(settings).toMatchObject({
      name: 'Riverside Primary School',
      letterhead: {
        address: '1 Mill Lane, Leicester LE1 1AA',
        signatory: 'Mrs J Patel, Headteacher',
      },
      registerTimes: { amOpens: '08:45', amCloses: '09:15', pmOpens: '13:00', pmCloses: '13:15' },
    });
    expect(await auditActions()).toContain('school.details-changed');
  });

  it('moves the moment a late arrival turns from L to U at reception', async () => {
    // The clock stands at 09:30: after the 09:15 close a late arrival is U...
    const early = await asAdmin({
      method: 'PUT',
      url: `${school}/register-times`,
      payload: { amOpens: '09:05', amCloses: '09:35', pmOpens: '13:00', pmCloses: '13:15' },
    });
    expect(early.statusCode).toBe(200);
    // ...but with the register open until 09:35 the same arrival is L.
    const signedIn = await sendAs(world, 'office', {
      method: 'POST',
      url: `${school}/reception/sign-in`,
      payload: { pupilId: world.classmates[0]!.id },
    });
    expect(readJson(signedIn)).toMatchObject({ session: 'AM', code: 'L' });
    expect(await auditActions()).toContain('school.register-times-changed');
    const restored = await asAdmin({
      method: 'PUT',
      url: `${school}/register-times`,
      payload: { amOpens: '08:45', amCloses: '09:15', pmOpens: '13:00', pmCloses: '13:15' },
    });
    expect(restored.statusCode).toBe(200);
    const late = await sendAs(world, 'office', {
      method: 'POST',
      url: `${school}/reception/sign-in`,
      payload: { pupilId: world.classmates[1]!.id },
    });
    expect(readJson(late)).toMatchObject({ session: 'AM', code: 'U' });
  });

  it('refuses register times that make no sense, naming the field, and keeps the old ones', async () => {
    const backwards = await asAdmin({
      method: 'PUT',
      url: `${school}/register-times`,
      payload: { amOpens: '09:15', amCloses: '08:45', pmOpens: '13:00', pmCloses: '13:15' },
    });
    expect(backwards.statusCode).toBe(422);
    expect(readJson(backwards)['detail']).toContain(
      'the morning register must open before it closes',
    );
    expect(readJson(backwards)['errors']).toContainEqual({
      field: 'body.amCloses',
      message: 'the morning register must open before it closes',
    });
    const malformed = await asAdmin({
      method: 'PUT',
      url: `${school}/register-times`,
      payload: { amOpens: '9:5', amCloses: '09:15', pmOpens: '13:00', pmCloses: '13:15' },
    });
    expect(malformed.statusCode).toBe(400);
    expect(JSON.stringify(readJson(malformed)['errors'])).toContain('body.amOpens');
    const settings = readJson(await asAdmin({ method: 'GET', url: `${school}/settings` }));
    expect(settings['registerTimes']).toEqual({
      amOpens: '08:45',
      amCloses: '09:15',
      pmOpens: '13:00',
      pmCloses: '13:15',
    });
  });
});

describe("the school's calendar", () => {
  it('adds a year, its terms and a closure, changes them and removes them', async () => {
    const year = await asAdmin({
      method: 'POST',
      url: `${school}/academic-years`,
      payload: { name: '2025/26', startsOn: '2025-09-01', endsOn: '2026-08-31' },
    });
    expect(year.statusCode).toBe(201);
    const yearId = readJson(year)['id'] as number;
    const term = await asAdmin({
      method: 'POST',
      url: `${school}/terms`,
      payload: {
        academicYearId: yearId,
        name: 'Autumn',
        startsOn: '2025-09-03',
        endsOn: '2025-12-19',
      },
    });
    expect(term.statusCode).toBe(201);
    const termId = readJson(term)['id'] as number;
    const closure = await asAdmin({
      method: 'POST',
      url: `${school}/closures`,
      payload: { startsOn: '2025-10-24', endsOn: '2025-10-24', reason: 'INSET day' },
    });
    expect(closure.statusCode).toBe(201);
    expect(readJson(closure)).toMatchObject({ startsSession: 'AM', endsSession: 'PM' });
    const closureId = readJson(closure)['id'] as number;

    const moved = await asAdmin({
      method: 'PUT',
      url: `${school}/closures/${closureId}`,
      payload: {
        startsOn: '2025-10-23',
        startsSession: 'PM',
        endsOn: '2025-10-24',
        reason: 'INSET',
      },
    });
    expect(readJson(moved)).toMatchObject({ startsOn: '2025-10-23', startsSession: 'PM' });
    const renamed = await asAdmin({
      method: 'PUT',
      url: `${school}/terms/${termId}`,
      payload: { name: 'Autumn term', startsOn: '2025-09-02', endsOn: '2025-12-19' },
    });
    expect(readJson(renamed)).toMatchObject({ name: 'Autumn term', startsOn: '2025-09-02' });

    const calendar = await readCalendar();
    expect(calendar.academicYears.map((y) => y.name)).toEqual(['2024/25', '2025/26']);
    expect(calendar.academicYears[1]?.terms.map((t) => t.name)).toEqual(['Autumn term']);
    expect(calendar.closures.map((c) => c.reason)).toEqual(['INSET']);

    for (const url of [`${school}/closures/${closureId}`, `${school}/terms/${termId}`]) {
      const removed = await asAdmin({ method: 'DELETE', url });
      expect(removed.statusCode, url).toBe(204);
    }
    expect(
      (await asAdmin({ method: 'DELETE', url: `${school}/academic-years/${yearId}` })).statusCode,
    ).toBe(204);
    expect((await readCalendar()).academicYears.map((y) => y.name)).toEqual(['2024/25']);
    expect(await auditActions()).toEqual(
      expect.arrayContaining([
        'calendar.academic-year-added',
        'calendar.term-added',
        'calendar.closure-added',
        'calendar.closure-changed',
        'calendar.term-changed',
        'calendar.closure-removed',
        'calendar.term-removed',
        'calendar.academic-year-removed',
      ]),
    );
  });

  it('refuses a term outside its year or over another term, saying which', async () => {
    const { academicYears } = await readCalendar();
    const year = academicYears[0]!;
    const outside = await expectRefused(
      {
        method: 'POST',
        url: `${school}/terms`,
        payload: {
          academicYearId: year.id,
          name: 'Summer',
          startsOn: '2025-06-02',
          endsOn: '2025-09-20',
        },
      },
      422,
      'calendar-change-invalid',
    );
    expect(outside.errors).toContainEqual({
      field: 'body.endsOn',
      message: 'the term must lie inside academic year 2024/25 (2024-09-01 to 2025-08-31)',
    });
    const overlapping = await expectRefused(
      {
        method: 'POST',
        url: `${school}/terms`,
        payload: {
          academicYearId: year.id,
          name: 'Spring',
          startsOn: '2024-12-16',
          endsOn: '2025-03-28',
        },
      },
      422,
      'calendar-change-invalid',
    );
    expect(overlapping.detail).toContain(
      'the term overlaps term "Autumn" (2024-09-02 to 2024-12-20)',
    );
    const backwards = await expectRefused(
      {
        method: 'POST',
        url: `${school}/terms`,
        payload: {
          academicYearId: year.id,
          name: 'Spring',
          startsOn: '2025-03-28',
          endsOn: '2025-01-06',
        },
      },
      422,
      'calendar-change-invalid',
    );
    expect(backwards.detail).toContain('the term ends (2025-01-06) before it starts (2025-03-28)');
    const notADate = await expectRefused(
      {
        method: 'POST',
        url: `${school}/terms`,
        payload: {
          academicYearId: year.id,
          name: 'Spring',
          startsOn: '2025-02-30',
          endsOn: '2025-03-28',
        },
      },
      400,
      'validation',
    );
    expect(JSON.stringify(notADate.errors)).toContain('body.startsOn');
    await expectRefused(
      {
        method: 'POST',
        url: `${school}/academic-years`,
        payload: { name: '2024/25 again', startsOn: '2025-01-01', endsOn: '2025-12-31' },
      },
      422,
      'calendar-change-invalid',
    );
  });

  it('refuses a closure outside a term or over another closure', async () => {
    const holiday = await expectRefused(
      {
        method: 'POST',
        url: `${school}/closures`,
        payload: { startsOn: '2024-12-23', endsOn: '2024-12-23', reason: 'Christmas' },
      },
      422,
      'calendar-change-invalid',
    );
    expect(holiday.detail).toContain('a closure must fall inside a term');
    const added = await asAdmin({
      method: 'POST',
      url: `${school}/closures`,
      payload: { startsOn: '2024-11-01', endsOn: '2024-11-01', reason: 'INSET day' },
    });
    expect(added.statusCode).toBe(201);
    const clash = await expectRefused(
      {
        method: 'POST',
        url: `${school}/closures`,
        payload: {
          startsOn: '2024-11-01',
          startsSession: 'PM',
          endsOn: '2024-11-01',
          reason: 'Polling station',
        },
      },
      422,
      'calendar-change-invalid',
    );
    expect(clash.detail).toContain('the closure overlaps closure "INSET day"');
    const noReason = await expectRefused(
      {
        method: 'POST',
        url: `${school}/closures`,
        payload: { startsOn: '2024-11-04', endsOn: '2024-11-04', reason: '  ' },
      },
      400,
      'validation',
    );
    expect(JSON.stringify(noReason.errors)).toContain('body.reason');
    const removed = await asAdmin({
      method: 'DELETE',
      url: `${school}/closures/${readJson(added)['id'] as number}`,
    });
    expect(removed.statusCode).toBe(204);
  });

  it('refuses to take days holding register marks out of the calendar, naming how many', async () => {
    await markTheChild('2024-09-02');
    await markTheChild('2024-09-03');
    const { academicYears } = await readCalendar();
    const autumn = academicYears[0]!.terms[0]!;
    const removeTerm = await expectRefused(
      { method: 'DELETE', url: `${school}/terms/${autumn.id}` },
      409,
      'register-marks-recorded',
    );
    expect(removeTerm.detail).toMatch(/^\d+ register marks are recorded in term "Autumn"/);
    const shorten = await expectRefused(
      {
        method: 'PUT',
        url: `${school}/terms/${autumn.id}`,
        payload: { name: 'Autumn', startsOn: '2024-09-04', endsOn: '2024-12-20' },
      },
      409,
      'register-marks-recorded',
    );
    expect(shorten.detail).toContain('on days term "Autumn" would no longer cover');
    const closeMarkedDay = await expectRefused(
      {
        method: 'POST',
        url: `${school}/closures`,
        payload: {
          startsOn: '2024-09-02',
          endsOn: '2024-09-02',
          endsSession: 'AM',
          reason: 'Boiler',
        },
      },
      409,
      'register-marks-recorded',
    );
    expect(closeMarkedDay.detail).toBe(
      '1 register mark is recorded in the sessions the closure would cover. Amend or remove those marks first.',
    );
    // The afternoon of a marked morning holds no marks, so it can close.
    const afternoon = await asAdmin({
      method: 'POST',
      url: `${school}/closures`,
      payload: {
        startsOn: '2024-09-02',
        startsSession: 'PM',
        endsOn: '2024-09-02',
        reason: 'Boiler',
      },
    });
    expect(afternoon.statusCode).toBe(201);
    await asAdmin({
      method: 'DELETE',
      url: `${school}/closures/${readJson(afternoon)['id'] as number}`,
    });
  });

  it('answers 404 for a term or closure of another school', async () => {
    const elsewhere = await sendAs(world, 'admin', {
      method: 'DELETE',
      url: `${school}/terms/2000000000`,
    });
    expect(elsewhere.statusCode).toBe(404);
    expect(readJson(elsewhere)['detail']).toBe('This school has no term with that id.');
  });
});

describe("the school's policy", () => {
  it('shows the chosen preset, the presets to choose from and the resulting rules', async () => {
    const policy = readJson(await asAdmin({ method: 'GET', url: `${school}/policy` }));
    expect(policy['policy']).toBe('england-2024');
    const choices = policy['choices'] as { name: string; own: boolean }[];
    expect(choices.map((choice) => choice.name)).toEqual(
      expect.arrayContaining(['england-2024', 'wigston', 'wales']),
    );
    expect(policy['compiled']).toMatchObject({
      target: '95%',
      rules: expect.arrayContaining([
        expect.objectContaining({
          id: 'penalty-notice-threshold',
          description: 'count in window: UNAUTH, 10, rolling 10 school weeks',
        }),
      ]) as unknown,
    });
  });

  it('chooses a preset and changes a setting, recompiling the rules', async () => {
    const changed = await asAdmin({
      method: 'PUT',
      url: `${school}/policy`,
      payload: { policy: 'wigston', settings: { target: 0.96 } },
    });
    expect(changed.statusCode).toBe(200);
    expect(readJson(changed)).toMatchObject({
      policy: 'wigston',
      overrides: { target: 0.96 },
      compiled: { name: 'wigston', target: '96%' },
    });
    expect(await auditActions()).toContain('school.policy-changed');
  });

  it("refuses what the policy compiler refuses, with the compiler's message, and keeps the policy", async () => {
    const cases: [unknown, string][] = [
      [{ policy: 'nowhere', settings: {} }, 'unknown policy preset "nowhere"'],
      [
        { policy: 'wigston', settings: { targt: 0.9 } },
        'unknown setting "targt" for policy "wigston"',
      ],
      [{ policy: 'wigston', settings: { target: 1.5 } }, 'must be a rate between 0 and 1'],
    ];
    for (const [payload, message] of cases) {
      const refused = await asAdmin({ method: 'PUT', url: `${school}/policy`, payload });
      expect(refused.statusCode).toBe(422);
      expect(readJson(refused)['type']).toBe('https://rollcall.example/problems/policy-invalid');
      expect(readJson(refused)['detail']).toContain(message);
    }
    const notANumber = await asAdmin({
      method: 'PUT',
      url: `${school}/policy`,
      payload: { policy: 'wigston', settings: { target: 'high' } },
    });
    expect(notANumber.statusCode).toBe(400);
    const policy = readJson(await asAdmin({ method: 'GET', url: `${school}/policy` }));
    expect(policy).toMatchObject({ policy: 'wigston', overrides: { target: 0.96 } });
  });
});

describe('who may set a school up', () => {
  it('refuses every other role, changing nothing', async () => {
    const others: Role[] = [
      'headteacher',
      'attendance_lead',
      'office',
      'teacher',
      'governor',
      'parent',
    ];
    const requests: ApiRequest[] = [
      { method: 'GET', url: '/api/admin/schools' },
      { method: 'GET', url: `${school}/settings` },
      {
        method: 'PUT',
        url: `${school}/register-times`,
        payload: { amOpens: '08:00', amCloses: '08:30', pmOpens: '13:00', pmCloses: '13:15' },
      },
      { method: 'GET', url: `${school}/calendar` },
      {
        method: 'POST',
        url: `${school}/closures`,
        payload: { startsOn: '2024-11-04', endsOn: '2024-11-04', reason: 'INSET day' },
      },
      { method: 'PUT', url: `${school}/policy`, payload: { policy: 'england-2024' } },
    ];
    const before = await auditActions();
    for (const role of others)
      for (const request of requests) {
        const response = await sendAs(world, role, request);
        expect(response.statusCode, `${role} ${request.method} ${request.url}`).toBe(403);
      }
    expect(await auditActions()).toEqual(before);
  });

  it('lists the schools an admin may set up', async () => {
    const listed = readJson(await asAdmin({ method: 'GET', url: '/api/admin/schools' }));
    expect(listed['schools']).toEqual([{ id: world.school.id, name: 'Riverside Primary School' }]);
  });
});
