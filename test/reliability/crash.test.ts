import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { addDays, isoWeekday, type IsoDate } from '../../src/domain/calendar/plain-date.ts';
import { composeUpn } from '../../src/domain/pupils/upn.ts';
import { londonWallClock } from '../../src/services/london-time.ts';
import { fastPasswordHashing, hashPassword } from '../../src/services/password.service.ts';
import { assignClassTeacher, createClass } from '../../src/store/class.repository.ts';
import { createDatabase, type DatabaseConfig } from '../../src/store/database.ts';
import { migrateToLatest } from '../../src/store/migrate.ts';
import { insertEnrolments, insertPupils } from '../../src/store/roll-import.repository.ts';
import {
  createAcademicYear,
  createLocalAuthority,
  createSchool,
} from '../../src/store/school.repository.ts';
import { createUser } from '../../src/store/user.repository.ts';

/**
 * A register the server has acknowledged survives `kill -9`: the server is a real child
 * process (`node bin/rollcall.js serve`), killed the moment its 200 arrives, then restarted
 * on the same data to read the marks back. Repeated, on the embedded database and (with
 * ROLLCALL_TEST_DATABASE_URL) on PostgreSQL.
 */

const ROUNDS = 5;
const PUPILS = 30;
const PASSWORD = 'crash test password';
const TEACHER = 'crash-teacher@example.test';
const START_TIMEOUT_MS = 30_000;
const REQUEST_TIMEOUT_MS = 10_000;
const repository = join(import.meta.dirname, '../..');

interface Fixture {
  readonly classId: number;
  readonly pupilIds: readonly number[];
}

/** The most recent weekdays up to today (London), oldest first: registers that may be taken. */
function recentWeekdays(count: number): IsoDate[] {
  const days: IsoDate[] = [];
  for (let date = londonWallClock(new Date()).date; days.length < count; date = addDays(date, -1))
    if (isoWeekday(date) <= 5) days.unshift(date);
  return days;
}

/** A school whose term holds the last few weeks, a class of pupils and its teacher. */
async function prepareSchool(config: DatabaseConfig): Promise<Fixture> {
  const handle = await createDatabase(config);
  try {
    const migration = await migrateToLatest(handle.db);
    if (!migration.ok) throw new Error('migrations failed');
    const today = londonWallClock(new Date()).date;
    const authority = await createLocalAuthority(handle.db, { code: '999', name: 'Crash LA' });
    const school = await createSchool(handle.db, {
      trustId: null,
      localAuthorityId: authority.id,
      urn: null,
      name: 'Crash Test School',
      jurisdiction: 'england',
      phase: 'primary',
      policyPreset: 'england-2024',
      policySettings: {},
      customPolicyYaml: null,
      registerTimes: { amOpens: '08:40', amCloses: '09:00', pmOpens: '13:00', pmCloses: '13:10' },
    });
    const year = await createAcademicYear(handle.db, {
      schoolId: school.id,
      name: 'Crash year',
      startsOn: addDays(today, -60),
      endsOn: addDays(today, 60),
      terms: [{ name: 'Term', startsOn: addDays(today, -40), endsOn: addDays(today, 40) }],
    });
    if (!year.ok) throw new Error('academic year not created');
    const schoolClass = await createClass(handle.db, {
      schoolId: school.id,
      academicYearId: year.value.id,
      yearGroupId: null,
      name: 'Crash class',
      kind: 'registration',
    });
    const teacher = await createUser(handle.db, {
      email: TEACHER,
      displayName: 'Crash Teacher',
      passwordHash: await hashPassword(PASSWORD, fastPasswordHashing),
      role: 'teacher',
      scope: { kind: 'school', schoolId: school.id },
    });
    if (!teacher.ok) throw new Error('teacher not created');
    await assignClassTeacher(handle.db, { classId: schoolClass.id, userId: teacher.value.id });
    const pupilIds = await insertPupils(
      handle.db,
      Array.from({ length: PUPILS }, (_, n) => ({
        upn: composeUpn(999, 1, 26, n),
        legalFirstName: `Pupil${n}`,
        legalLastName: 'Crash',
        preferredFirstName: null,
        preferredLastName: null,
        dateOfBirth: '2017-01-01',
        sex: n % 2 === 0 ? ('F' as const) : ('M' as const),
        ethnicity: null,
        senStatus: 'N' as const,
        freeSchoolMeals: false,
        pupilPremium: false,
        englishAdditionalLanguage: false,
        lookedAfter: false,
        childInNeed: false,
        youngCarer: false,
      })),
    );
    await insertEnrolments(
      handle.db,
      pupilIds.map((pupilId) => ({
        schoolId: school.id,
        pupilId,
        onRollFrom: addDays(today, -40),
        registrationStatus: 'single' as const,
        yearGroupId: null,
        classId: schoolClass.id,
      })),
    );
    return { classId: schoolClass.id, pupilIds };
  } finally {
    await handle.close();
  }
}

interface Server {
  readonly child: ChildProcess;
  readonly url: string;
}

/** Starts `rollcall serve` and resolves with its URL once it prints that it is serving. */
function startServer(env: Record<string, string>): Promise<Server> {
  const child = spawn(process.execPath, ['bin/rollcall.js', 'serve'], {
    cwd: repository,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not start within ${START_TIMEOUT_MS} ms:\n${output}`));
    }, START_TIMEOUT_MS);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      if (url !== undefined) {
        clearTimeout(timer);
        resolve({ child, url });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${String(code)}) before serving:\n${output}`));
    });
  });
}

/** SIGKILL, then wait until the process is gone (so the data is free for the next start). */
async function killHard(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((resolve) =>
    child.once('exit', () => {
      resolve();
    }),
  );
  child.kill('SIGKILL');
  await gone;
}

async function request(
  url: string,
  init: { method: string; headers?: Record<string, string>; body?: unknown },
): Promise<Response> {
  return fetch(url, {
    method: init.method,
    headers: { 'content-type': 'application/json', ...init.headers },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
}

async function signIn(url: string): Promise<Record<string, string>> {
  const response = await request(`${url}/api/auth/login`, {
    method: 'POST',
    body: { email: TEACHER, password: PASSWORD },
  });
  expect(response.status).toBe(200);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie, 'x-csrf-token': csrfToken };
}

async function readRegister(
  server: Server,
  headers: Record<string, string>,
  fixture: Fixture,
  date: IsoDate,
): Promise<Record<number, string | null>> {
  const response = await request(
    `${server.url}/api/classes/${fixture.classId}/register?date=${date}&session=AM`,
    { method: 'GET', headers },
  );
  expect(response.status).toBe(200);
  const body = (await response.json()) as {
    pupils: { pupilId: number; mark: { code: string } | null }[];
  };
  return Object.fromEntries(body.pupils.map((pupil) => [pupil.pupilId, pupil.mark?.code ?? null]));
}

// Alternate codes so a round's register cannot be mistaken for another's.
const codeFor = (round: number, index: number) =>
  round % 2 === 0 ? '/' : index % 3 === 0 ? 'N' : '/';

async function killAfterEveryAcknowledgement(
  env: Record<string, string>,
  fixture: Fixture,
): Promise<void> {
  const days = recentWeekdays(ROUNDS);
  let previous: { date: IsoDate; codes: Record<number, string> } | null = null;
  for (let round = 0; round <= ROUNDS; round++) {
    const server = await startServer(env);
    try {
      const headers = await signIn(server.url);
      if (previous !== null)
        expect(await readRegister(server, headers, fixture, previous.date)).toEqual(previous.codes);
      const date = days[round];
      if (date === undefined) break;
      const codes = fixture.pupilIds.map((_, index) => codeFor(round, index));
      const response = await request(`${server.url}/api/classes/${fixture.classId}/register`, {
        method: 'PUT',
        headers: { ...headers, 'idempotency-key': randomUUID() },
        body: {
          date,
          session: 'AM',
          entries: fixture.pupilIds.map((pupilId, index) => ({ pupilId, code: codes[index] })),
        },
      });
      // The acknowledgement is all the client has: kill before anything else can happen.
      if (response.status === 200) await killHard(server.child);
      expect(response.status).toBe(200);
      previous = {
        date,
        codes: Object.fromEntries(fixture.pupilIds.map((id, index) => [id, codes[index] ?? ''])),
      };
    } finally {
      await killHard(server.child);
    }
  }
}

const temporaryFolders: string[] = [];
afterAll(async () => {
  for (const folder of temporaryFolders) await rm(folder, { recursive: true, force: true });
});

describe('an acknowledged register survives kill -9 of the server', () => {
  it(`on the embedded database, ${ROUNDS} times`, async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'rollcall-crash-'));
    temporaryFolders.push(dataDir);
    const fixture = await prepareSchool({ kind: 'embedded', dataDir });
    await killAfterEveryAcknowledgement({ DATA_DIR: dataDir, DATABASE_URL: '' }, fixture);
    const handle = await createDatabase({ kind: 'embedded', dataDir });
    try {
      const counts = await sql<{ marks: number; history: number }>`
          select (select count(*)::integer from marks) as marks,
                 (select count(*)::integer from mark_history) as history
        `.execute(handle.db);
      expect(counts.rows[0]).toEqual({ marks: ROUNDS * PUPILS, history: ROUNDS * PUPILS });
    } finally {
      await handle.close();
    }
  }, 60_000);

  const serverUrl = process.env['ROLLCALL_TEST_DATABASE_URL'];
  it.runIf(serverUrl !== undefined && serverUrl !== '')(
    `on PostgreSQL, ${ROUNDS} times`,
    async () => {
      const admin = await createDatabase({ kind: 'postgres', url: serverUrl ?? '' });
      const name = `rollcall_crash_${randomBytes(4).toString('hex')}`;
      await sql.raw(`create database ${name}`).execute(admin.db);
      const url = new URL(serverUrl ?? '');
      url.pathname = `/${name}`;
      try {
        const fixture = await prepareSchool({ kind: 'postgres', url: url.toString() });
        await killAfterEveryAcknowledgement({ DATABASE_URL: url.toString() }, fixture);
        const handle = await createDatabase({ kind: 'postgres', url: url.toString() });
        try {
          const counts = await sql<{ marks: number; history: number }>`
            select (select count(*)::integer from marks) as marks,
                   (select count(*)::integer from mark_history) as history
          `.execute(handle.db);
          expect(counts.rows[0]).toEqual({ marks: ROUNDS * PUPILS, history: ROUNDS * PUPILS });
        } finally {
          await handle.close();
        }
      } finally {
        await sql.raw(`drop database if exists ${name} with (force)`).execute(admin.db);
        await admin.close();
      }
    },
    60_000,
  );
});
