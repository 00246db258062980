import { beforeAll, describe, expect, it } from 'vitest';
import {
  countWrites,
  freshKey,
  sendAs,
  useApiWorld,
  type ApiRequest,
  type ApiWorld,
} from './api-world.ts';
import { readJson } from './test-app.ts';

const api = useApiWorld();
let world: ApiWorld;
let markId = 0;

beforeAll(async () => {
  world = api.world;
  const response = await sendAs(world, 'admin', {
    method: 'PUT',
    url: `/api/classes/${world.taughtClassId}/register`,
    payload: {
      date: '2024-09-02',
      session: 'AM',
      entries: [{ pupilId: world.child.id, code: 'N' }],
    },
    headers: { 'idempotency-key': freshKey() },
  });
  markId = (readJson(response)['marks'] as { markId: number }[])[0]!.markId;
});

/** A malformed request, the field the answer must name, and the status (400 unless said). */
type BadRequest = readonly [string, ApiRequest, string, number?];

function badRequests(): BadRequest[] {
  const school = world.school.id;
  const classId = world.taughtClassId;
  const pupilId = world.child.id;
  const register = (payload: unknown, key: string | null = freshKey()): ApiRequest => ({
    method: 'PUT',
    url: `/api/classes/${classId}/register`,
    payload,
    headers: key === null ? {} : { 'idempotency-key': key },
  });
  const entry = { pupilId, code: '/' };
  const report = (payload: unknown): ApiRequest => ({
    method: 'POST',
    url: `/api/pupils/${pupilId}/absence-reports`,
    payload,
  });
  const span = {
    from: { date: '2024-09-09', session: 'AM' },
    to: { date: '2024-09-09', session: 'PM' },
  };
  const get = (url: string): ApiRequest => ({ method: 'GET', url });
  const replace = (pupil: number | string, payload: unknown): ApiRequest => ({
    method: 'PATCH',
    url: `/api/pupils/${pupil}/marks`,
    payload,
  });
  const seen = { markId, expectedVersion: 1 };
  const replacement = { code: 'I', reason: 'ill', marks: [seen] };
  return [
    ['registers without a date', get(`/api/schools/${school}/registers?session=AM`), 'query.date'],
    [
      'registers on 13th month',
      get(`/api/schools/${school}/registers?date=2024-13-01&session=AM`),
      'query.date',
    ],
    [
      'registers for an evening session',
      get(`/api/schools/${school}/registers?date=2024-09-02&session=EVE`),
      'query.session',
    ],
    [
      'registers of a school named in words',
      get(`/api/schools/abc/registers?date=2024-09-02&session=AM`),
      'params.schoolId',
    ],
    [
      'class register without a session',
      get(`/api/classes/${classId}/register?date=2024-09-02`),
      'query.session',
    ],
    [
      'class register of a negative class',
      get(`/api/classes/-1/register?date=2024-09-02&session=AM`),
      'params.classId',
    ],
    [
      'a register without an Idempotency-Key',
      register({ date: '2024-09-02', session: 'AM', entries: [entry] }, null),
      'headers.idempotency-key',
    ],
    ['a register without entries', register({ date: '2024-09-02', session: 'AM' }), 'body.entries'],
    [
      'a register with no pupils',
      register({ date: '2024-09-02', session: 'AM', entries: [] }),
      'body.entries',
    ],
    [
      'a register with a pupil id as text',
      register({ date: '2024-09-02', session: 'AM', entries: [{ pupilId: 'seven', code: '/' }] }),
      'body.entries.0.pupilId',
    ],
    [
      'a register with a four-character code',
      register({ date: '2024-09-02', session: 'AM', entries: [{ pupilId, code: '////' }] }),
      'body.entries.0.code',
    ],
    [
      'a register with an unknown code',
      register({ date: '2024-09-02', session: 'AM', entries: [{ pupilId, code: 'Q9' }] }),
      'body.entries.0.code',
      422,
    ],
    [
      'a register naming a pupil twice',
      register({ date: '2024-09-02', session: 'AM', entries: [entry, entry] }),
      'body.entries.1.pupilId',
    ],
    [
      'a register on 30 February',
      register({ date: '2024-02-30', session: 'AM', entries: [entry] }),
      'body.date',
    ],
    [
      'a register with a version in words',
      register({
        date: '2024-09-02',
        session: 'AM',
        entries: [{ pupilId, code: '/', expectedVersion: 'one' }],
      }),
      'body.entries.0.expectedVersion',
    ],
    [
      'an amendment without a reason',
      { method: 'PATCH', url: `/api/marks/${markId}`, payload: { expectedVersion: 1, code: 'I' } },
      'body.reason',
    ],
    [
      'an amendment with version 0 and a numeric code',
      {
        method: 'PATCH',
        url: `/api/marks/${markId}`,
        payload: { expectedVersion: 0, code: 7, reason: 'x' },
      },
      'body.expectedVersion',
    ],
    [
      'an amendment of a mark named in words',
      {
        method: 'PATCH',
        url: '/api/marks/x',
        payload: { expectedVersion: 1, code: 'I', reason: 'x' },
      },
      'params.markId',
    ],
    [
      'a replacement naming a mark twice',
      replace(pupilId, { ...replacement, marks: [seen, seen] }),
      'body.marks.1.markId',
    ],
    ['a replacement of no marks', replace(pupilId, { ...replacement, marks: [] }), 'body.marks'],
    [
      'a replacement of more marks than a request may carry',
      replace(pupilId, {
        ...replacement,
        marks: Array.from({ length: 201 }, (_, index) => ({
          markId: index + 1,
          expectedVersion: 1,
        })),
      }),
      'body.marks',
    ],
    [
      'a replacement with a blank reason',
      replace(pupilId, { ...replacement, reason: '   ' }),
      'body.reason',
    ],
    [
      'a replacement with a version in words',
      replace(pupilId, { ...replacement, marks: [{ markId, expectedVersion: 'one' }] }),
      'body.marks.0.expectedVersion',
    ],
    ['a replacement for a pupil named in words', replace('x', replacement), 'params.pupilId'],
    ['a history of a fractional mark', get('/api/marks/1.5/history'), 'params.markId'],
    [
      'a sign-in without a pupil',
      { method: 'POST', url: `/api/schools/${school}/reception/sign-in`, payload: {} },
      'body.pupilId',
    ],
    [
      'a sign-in with the pupil id as text',
      {
        method: 'POST',
        url: `/api/schools/${school}/reception/sign-in`,
        payload: { pupilId: String(pupilId) },
      },
      'body.pupilId',
    ],
    [
      'a sign-out without a reason',
      { method: 'POST', url: `/api/schools/${school}/reception/sign-out`, payload: { pupilId } },
      'body.reason',
    ],
    [
      'a sign-out with an empty afternoon code',
      {
        method: 'POST',
        url: `/api/schools/${school}/reception/sign-out`,
        payload: { pupilId, reason: 'dentist', afternoonCode: '' },
      },
      'body.afternoonCode',
    ],
    ['a report of a holiday', report({ reason: 'holiday', ...span }), 'body.reason'],
    ['a report without a start', report({ reason: 'illness', to: span.to }), 'body.from'],
    [
      'a report starting at noon',
      report({ reason: 'illness', from: { date: '2024-09-09', session: 'noon' }, to: span.to }),
      'body.from.session',
    ],
    [
      'a report returning "tomorrow"',
      report({ reason: 'illness', ...span, expectedReturn: 'tomorrow' }),
      'body.expectedReturn',
    ],
    [
      'reports of a pupil id too large to exist',
      get('/api/pupils/99999999999/absence-reports'),
      'params.pupilId',
    ],
    ['an absence board without a date', get(`/api/schools/${school}/absence-board`), 'query.date'],
    ['a pupil page as of "yesterday"', get(`/api/pupils/${pupilId}?asOf=yesterday`), 'query.asOf'],
    [
      'statistics as of an unpadded date',
      get(`/api/schools/${school}/statistics?asOf=2024-9-1`),
      'query.asOf',
    ],
    ['trust statistics of trust "abc"', get('/api/trusts/abc/statistics'), 'params.trustId'],
    [
      'authority statistics of authority 0',
      get('/api/local-authorities/0/statistics'),
      'params.localAuthorityId',
    ],
    ['an export of school "x"', get('/api/schools/x/export/scenario'), 'params.schoolId'],
  ];
}

describe('malformed input', () => {
  it('is refused on every endpoint with a problem naming the field, and nothing is written', async () => {
    const before = await countWrites(world.db);
    for (const [name, request, field, status = 400] of badRequests()) {
      const response = await sendAs(world, 'admin', request);
      expect(response.statusCode, name).toBe(status);
      expect(response.headers['content-type'], name).toBe(
        'application/problem+json; charset=utf-8',
      );
      const errors = readJson(response)['errors'] as { field: string }[] | undefined;
      expect(
        errors?.map((error) => error.field),
        name,
      ).toContain(field);
    }
    expect(await countWrites(world.db)).toEqual(before);
  });

  it('refuses a register body that is not JSON, writing nothing', async () => {
    const before = await countWrites(world.db);
    const admin = world.clients.get('admin')!;
    const response = await world.testApp.app.inject({
      method: 'PUT',
      url: `/api/classes/${world.taughtClassId}/register`,
      headers: {
        cookie: admin.cookie,
        'x-csrf-token': admin.csrfToken,
        'idempotency-key': freshKey(),
        'content-type': 'application/json',
      },
      payload: '{"date": "2024-09-02", "entries": [',
    });
    expect(response.statusCode).toBe(400);
    expect(readJson(response)['type']).toBe('https://rollcall.example/problems/malformed-request');
    expect(await countWrites(world.db)).toEqual(before);
  });

  it('writes none of a register when one entry of many is refused', async () => {
    const before = await countWrites(world.db);
    const response = await sendAs(world, 'admin', {
      method: 'PUT',
      url: `/api/classes/${world.taughtClassId}/register`,
      payload: {
        date: '2024-09-03',
        session: 'PM',
        entries: [
          { pupilId: world.classmates[0]!.id, code: '/' },
          { pupilId: world.classmates[1]!.id, code: '\\' },
          { pupilId: world.otherClassPupils[0]!.id, code: '\\' },
        ],
      },
      headers: { 'idempotency-key': freshKey() },
    });
    expect(response.statusCode).toBe(422);
    expect(readJson(response)).toMatchObject({
      type: 'https://rollcall.example/problems/not-on-roll',
      errors: [{ field: 'body.entries.2.pupilId' }],
    });
    expect(await countWrites(world.db)).toEqual(before);
  });
});
