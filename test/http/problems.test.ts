import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../db/test-database.ts';
import { buildTestApp, readJson, type TestApp } from './test-app.ts';

const database = useTestDatabase();
let testApp: TestApp;

beforeAll(async () => {
  testApp = await buildTestApp(database.db);
  testApp.app.get('/test/explode', () => {
    throw new Error('connection to 10.0.0.5 refused for user rollcall_owner');
  });
});
afterAll(async () => {
  await testApp.app.close();
});

const problemContentType = 'application/problem+json; charset=utf-8';

describe('problem responses', () => {
  it('names every invalid field of a request', async () => {
    const response = await testApp.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: '', password: 42 },
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toBe(problemContentType);
    expect(readJson(response)).toEqual({
      type: 'https://rollcall.example/problems/validation',
      title: 'The request has invalid fields',
      status: 400,
      detail: 'Correct these fields and try again: body.email, body.password.',
      errors: [
        { field: 'body.email', message: 'enter your email address' },
        { field: 'body.password', message: 'Invalid input: expected string, received number' },
      ],
    });
  });

  it('answers a body that is not JSON with a malformed-request problem', async () => {
    const response = await testApp.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    expect(response.statusCode).toBe(400);
    expect(readJson(response)).toMatchObject({
      type: 'https://rollcall.example/problems/malformed-request',
      detail: 'The request body is not valid JSON.',
    });
  });

  it('answers a form post with an unsupported-media-type problem', async () => {
    const response = await testApp.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'email=a%40b.test&password=x',
    });
    expect(response.statusCode).toBe(415);
    expect(readJson(response)['type']).toBe(
      'https://rollcall.example/problems/unsupported-media-type',
    );
  });

  it('answers an unknown route with a not-found problem that does not echo the query', async () => {
    const response = await testApp.app.inject({
      method: 'GET',
      url: '/api/nowhere?surname=Featherstonehaugh',
    });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toBe(problemContentType);
    expect(readJson(response)).toEqual({
      type: 'https://rollcall.example/problems/not-found',
      title: 'Not found',
      status: 404,
      detail: 'No route matches GET /api/nowhere.',
    });
  });

  it('answers an unexpected error with a 500 problem that leaks nothing', async () => {
    const response = await testApp.app.inject({ method: 'GET', url: '/test/explode' });
    expect(response.statusCode).toBe(500);
    const body = readJson(response);
    expect(body).toEqual({
      type: 'https://rollcall.example/problems/internal',
      title: 'Internal error',
      status: 500,
      detail: 'Something went wrong on our side. Quote the request id if you report it.',
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown,
    });
    expect(response.body).not.toContain('10.0.0.5');
    expect(response.body).not.toContain('at ');
    // The request id in the answer finds the log line.
    const logged = testApp.logs.filter((line) => line['requestId'] === body['requestId']);
    expect(logged.map((line) => line['msg'])).toContain('unexpected error');
  });
});

describe('health', () => {
  it('reports the database answering', async () => {
    const response = await testApp.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(readJson(response)).toEqual({ status: 'ok', database: 'ok' });
  });
});

describe('the API documentation', () => {
  it('serves an OpenAPI document generated from the route schemas', async () => {
    const response = await testApp.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = readJson(response) as {
      openapi: string;
      paths: Record<string, Record<string, { requestBody?: unknown; responses: object }>>;
    };
    expect(document.openapi).toBe('3.0.3');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/health',
        '/api/auth/login',
        '/api/auth/logout',
        '/api/auth/me',
        '/api/auth/password',
      ]),
    );
    expect(document.paths['/api/openapi.json']).toBeUndefined();
    const login = document.paths['/api/auth/login']?.['post'];
    expect(JSON.stringify(login?.requestBody)).toContain('"password"');
    expect(JSON.stringify(login?.responses)).toContain('application/problem+json');
  });

  it('serves the docs UI', async () => {
    const response = await testApp.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
  });
});
