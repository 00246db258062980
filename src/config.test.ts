import { describe, expect, it } from 'vitest';
import { formatConfigProblems, parseConfig } from './config.ts';

describe('parseConfig', () => {
  it('fills in defaults for an empty environment', () => {
    expect(parseConfig({})).toEqual({
      ok: true,
      value: {
        port: 3000,
        host: '127.0.0.1',
        databaseUrl: null,
        dataDir: './data',
        sessionTtlHours: 12,
        logLevel: 'info',
        cookieSecure: true,
        smtpUrl: null,
      },
    });
  });

  it('reads every variable it knows', () => {
    const outcome = parseConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://127.0.0.1:5432/rollcall',
      DATA_DIR: '/var/lib/rollcall',
      SESSION_TTL_HOURS: '8',
      LOG_LEVEL: 'warn',
      COOKIE_SECURE: 'false',
      SMTP_URL: 'smtp://mail.example:25',
    });
    expect(outcome).toEqual({
      ok: true,
      value: {
        port: 8080,
        host: '0.0.0.0',
        databaseUrl: 'postgres://127.0.0.1:5432/rollcall',
        dataDir: '/var/lib/rollcall',
        sessionTtlHours: 8,
        logLevel: 'warn',
        cookieSecure: false,
        smtpUrl: 'smtp://mail.example:25',
      },
    });
  });

  it('treats empty variables as unset', () => {
    const outcome = parseConfig({ PORT: '', DATABASE_URL: '  ' });
    expect(outcome.ok && outcome.value.port).toBe(3000);
    expect(outcome.ok && outcome.value.databaseUrl).toBeNull();
  });

  it('drops the Secure cookie flag by default only in development and test', () => {
    const secureIn = (NODE_ENV: string) => {
      const outcome = parseConfig({ NODE_ENV });
      return outcome.ok && outcome.value.cookieSecure;
    };
    expect(secureIn('development')).toBe(false);
    expect(secureIn('test')).toBe(false);
    expect(secureIn('production')).toBe(true);
    const forced = parseConfig({ NODE_ENV: 'development', COOKIE_SECURE: 'true' });
    expect(forced.ok && forced.value.cookieSecure).toBe(true);
  });

  it('reports every bad variable at once, naming each', () => {
    const outcome = parseConfig({
      PORT: 'eighty',
      DATABASE_URL: 'mysql://localhost/db',
      SESSION_TTL_HOURS: '0',
      LOG_LEVEL: 'loud',
      COOKIE_SECURE: 'maybe',
    });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.map((problem) => problem.variable)).toEqual([
      'PORT',
      'DATABASE_URL',
      'SESSION_TTL_HOURS',
      'LOG_LEVEL',
      'COOKIE_SECURE',
    ]);
    expect(formatConfigProblems(outcome.error)).toContain('PORT: must be a whole number');
    expect(formatConfigProblems(outcome.error)).toContain('COOKIE_SECURE: must be true or false');
  });
});
