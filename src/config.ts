import { z } from 'zod';

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

/** Everything Rollcall reads from its environment, parsed once at start-up. */
export interface Config {
  readonly port: number;
  readonly host: string;
  /** A PostgreSQL server; null means the embedded database in dataDir. */
  readonly databaseUrl: string | null;
  readonly dataDir: string;
  readonly sessionTtlHours: number;
  readonly logLevel: LogLevel;
  /** Whether the session cookie carries Secure (off only for plain-HTTP development). */
  readonly cookieSecure: boolean;
  readonly smtpUrl: string | null;
}

export interface ConfigProblem {
  readonly variable: string;
  readonly message: string;
}

export type ConfigOutcome =
  | { readonly ok: true; readonly value: Config }
  | { readonly ok: false; readonly error: readonly ConfigProblem[] };

// An empty variable counts as unset, as shells and .env files often leave them empty.
const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], {
    error: 'must be true or false',
  })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const environmentSchema = z.object({
  PORT: optionalText.pipe(
    z.coerce
      .number<string | undefined>({ error: 'must be a whole number' })
      .int('must be a whole number')
      .min(0, 'must be between 0 and 65535')
      .max(65535, 'must be between 0 and 65535')
      .default(3000),
  ),
  HOST: optionalText.pipe(z.string().default('127.0.0.1')),
  DATABASE_URL: optionalText.pipe(
    z
      .url({
        protocol: /^postgres(ql)?$/,
        error: 'must be a postgres:// or postgresql:// URL',
      })
      .optional(),
  ),
  DATA_DIR: optionalText.pipe(z.string().default('./data')),
  SESSION_TTL_HOURS: optionalText.pipe(
    z.coerce
      .number<string | undefined>({ error: 'must be a number of hours' })
      .positive('must be more than 0 hours')
      .max(24 * 30, 'must be at most 720 hours (30 days)')
      .default(12),
  ),
  LOG_LEVEL: optionalText.pipe(
    z.enum(logLevels, { error: `must be one of ${logLevels.join(', ')}` }).default('info'),
  ),
  COOKIE_SECURE: optionalText.pipe(flag.optional()),
  NODE_ENV: optionalText,
  SMTP_URL: optionalText.pipe(
    z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional(),
  ),
});

/** Parses the environment, reporting every problem at once rather than the first. */
export function parseConfig(env: Readonly<Record<string, string | undefined>>): ConfigOutcome {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    return {
      ok: false,
      error: parsed.error.issues.map((issue) => ({
        variable: issue.path.map(String).join('.'),
        message: issue.message,
      })),
    };
  }
  const values = parsed.data;
  // Browsers refuse Secure cookies over plain http://localhost in some setups, so local
  // development and tests may go without; every other environment defaults to Secure.
  const isLocal = values.NODE_ENV === 'development' || values.NODE_ENV === 'test';
  return {
    ok: true,
    value: {
      port: values.PORT,
      host: values.HOST,
      databaseUrl: values.DATABASE_URL ?? null,
      dataDir: values.DATA_DIR,
      sessionTtlHours: values.SESSION_TTL_HOURS,
      logLevel: values.LOG_LEVEL,
      cookieSecure: values.COOKIE_SECURE ?? !isLocal,
      smtpUrl: values.SMTP_URL ?? null,
    },
  };
}

/** Reads this process's environment; the one place in Rollcall that touches process.env. */
export function readConfig(): ConfigOutcome {
  return parseConfig(process.env);
}

/** One line per problem, e.g. "PORT: must be a whole number". */
export function formatConfigProblems(problems: readonly ConfigProblem[]): string {
  return problems.map((problem) => `${problem.variable}: ${problem.message}`).join('\n');
}
