import { parseArgs } from 'node:util';
import { startServer, type RunningServer } from '../server/start-server.ts';
import { systemClock } from '../services/clock.ts';
import { seedDemo, type DemoSeedOutcome } from '../services/demo-seed.service.ts';
import { EXIT_BAD_INPUT, formatTable, type CliIo } from './cli-io.ts';
import { describeDatabase, readCliConfig } from './cli-database.ts';

export const SERVE_USAGE = `Usage: rollcall serve [--demo]

Serves the API (and the web app) on HOST:PORT (default 127.0.0.1:3000) from DATABASE_URL or
the embedded database in DATA_DIR (default ./data), applying pending migrations first.
  --demo   on first start, fill the database with a demo trust of two schools and print
           the demo sign-ins; later starts keep what is there`;

const ROLE_NAMES: Readonly<Record<string, string>> = {
  admin: 'admin',
  headteacher: 'headteacher',
  attendance_lead: 'attendance lead',
  attendance_officer: 'attendance officer',
  office: 'office',
  teacher: 'teacher',
  governor: 'governor',
  parent: 'parent',
  la_officer: 'LA officer',
};

/**
 * `rollcall serve`: runs until SIGTERM or SIGINT. Resolves with the running server so tests
 * can stop it; the process exit code is set by the shutdown handler.
 */
export async function runServe(
  args: readonly string[],
  io: CliIo,
): Promise<{ code: number; server?: RunningServer }> {
  let demo: boolean;
  try {
    const parsed = parseArgs({
      args: [...args],
      options: { demo: { type: 'boolean', default: false } },
    });
    demo = parsed.values.demo;
  } catch (error) {
    io.error(`rollcall serve: ${(error as Error).message}\n\n${SERVE_USAGE}`);
    return { code: EXIT_BAD_INPUT };
  }
  const config = readCliConfig('serve', io);
  if (config === null) return { code: EXIT_BAD_INPUT };

  const seeding: { outcome?: DemoSeedOutcome; milliseconds: number } = { milliseconds: 0 };
  const server = await startServer(
    config,
    demo
      ? {
          prepare: async (db) => {
            io.error('Preparing the demo data...');
            const started = performance.now();
            seeding.outcome = await seedDemo({ db, clock: systemClock });
            seeding.milliseconds = performance.now() - started;
          },
        }
      : {},
  );
  io.out(`Rollcall is serving ${describeDatabase(config)} at ${server.url}`);
  if (seeding.outcome) io.out(formatDemoWelcome(seeding.outcome, server.url, seeding.milliseconds));
  io.out('Press Ctrl+C to stop.');
  return { code: 0, server };
}

/** What a person needs to try the demo: what was made, and how to sign in as each role. */
export function formatDemoWelcome(
  seeded: DemoSeedOutcome,
  url: string,
  milliseconds: number,
): string {
  const lines = [''];
  if (seeded.created)
    lines.push(
      `Created the demo trust in ${(milliseconds / 1000).toFixed(1)} s: ${seeded.schools
        .map((school) => `${school.name} (${school.pupils} pupils)`)
        .join(' and ')}, ${seeded.marks.toLocaleString('en-GB')} register marks so far this year.`,
    );
  else lines.push('The demo trust is already there; nothing was added.');
  lines.push(
    '',
    `Sign in at ${url} with any of these; the password for all of them is ${seeded.password}`,
    '',
    formatTable(
      ['Role', 'Email', 'Name', 'Sees'],
      seeded.signIns.map((signIn) => [
        ROLE_NAMES[signIn.role] ?? signIn.role,
        signIn.email,
        signIn.name,
        signIn.reach,
      ]),
    ),
    '',
  );
  return lines.join('\n');
}
