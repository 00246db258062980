import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../db/test-database.ts';
import { buildTestApp, type TestApp } from './test-app.ts';

describe('the web app served by the API server', () => {
  const database = useTestDatabase();
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await buildTestApp(database.db);
  });
  afterAll(async () => {
    await testApp.app.close();
  });

  it('answers any page address with index.html, revalidated on every load', async () => {
    for (const url of ['/', '/registers/12?date=2024-09-04&session=AM', '/sign-in']) {
      const response = await testApp.app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.headers['content-security-policy']).toContain("script-src 'self'");
      expect(response.body).toContain('<div id="app"></div>');
    }
  });

  it('serves the hashed script and stylesheet index.html names, cached for a year', async () => {
    const index = await testApp.app.inject({ method: 'GET', url: '/' });
    const assets = [...index.body.matchAll(/"\/assets\/(main-[A-Z0-9]+\.(?:js|css))"/g)].map(
      (match) => match[1],
    );
    expect(assets).toHaveLength(2);
    for (const name of assets) {
      const response = await testApp.app.inject({ method: 'GET', url: `/assets/${name ?? ''}` });
      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(response.body.length).toBeGreaterThan(1000);
    }
  });

  it('keeps problem responses for unknown API paths and missing assets', async () => {
    const api = await testApp.app.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect(api.statusCode).toBe(404);
    expect(api.headers['content-type']).toContain('application/problem+json');
    const asset = await testApp.app.inject({ method: 'GET', url: '/assets/main-OLD.js' });
    expect(asset.statusCode).toBe(404);
  });
});
