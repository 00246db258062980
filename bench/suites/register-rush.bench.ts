/**
 * The 8:55 rush: 300 teachers submit a 30-pupil register each, concurrently, over HTTP on
 * loopback, against the embedded database and (when reachable) a PostgreSQL server. The
 * baseline writes the same marks with one multi-row INSERT per register straight to the
 * database, in the same process.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { buildApp } from '../../src/server/app.ts';
import { fastPasswordHashing, hashPassword } from '../../src/services/password.service.ts';
import { takeRegister } from '../../src/services/register.service.ts';
import { SchoolCalendarCache } from '../../src/services/school-calendar.service.ts';
import { createDatabase, type DatabaseHandle } from '../../src/store/database.ts';
import { migrateToLatest } from '../../src/store/migrate.ts';
import {
  chooseRegisterWriteConcurrency,
  RegisterWriteQueue,
} from '../../src/store/register-write-queue.ts';
import type { Database } from '../../src/store/schema.ts';
import type { BenchSuite, Metric, SuiteResult, TargetCheck } from '../suite.ts';
import { TeacherBrowser } from '../teacher-browser.ts';

const TEACHERS = 300;
const PUPILS_PER_CLASS = 30;
const PASSWORD = 'rush hour benchmark password';
/** Wednesday 15 January 2025, 08:55 in London. */
const NOW = new Date('2025-01-15T08:55:00Z');
const DATE = '2025-01-15';
const DAY_BEFORE = '2025-01-14';

interface Backend {
  readonly name: string;
  open(): Promise<{ handle: DatabaseHandle; cleanUp: () => Promise<void> }>;
}

const embedded: Backend = {
  name: 'embedded (PGlite, data directory)',
  async open() {
    const dataDir = mkdtempSync(join(tmpdir(), 'rollcall-rush-'));
    const handle = await createDatabase({ kind: 'embedded', dataDir });
    return {
      handle,
      cleanUp: async () => {
        await handle.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  },
};

function postgresBackend(serverUrl: string): Backend {
  return {
    name: 'PostgreSQL server',
    async open() {
      const name = `rollcall_rush_${randomBytes(4).toString('hex')}`;
      const admin = await createDatabase({ kind: 'postgres', url: serverUrl, maxConnections: 1 });
      await sql.raw(`create database ${name}`).execute(admin.db);
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      const handle = await createDatabase({
        kind: 'postgres',
        url: url.toString(),
        maxConnections: 10,
      });
      return {
        handle,
        cleanUp: async () => {
          await handle.close();
          await sql.raw(`drop database if exists ${name} with (force)`).execute(admin.db);
          await admin.close();
        },
      };
    },
  };
}

interface RushSchool {
  readonly schoolId: number;
  readonly classes: readonly {
    classId: number;
    teacherEmail: string;
    pupils: { pupilId: number; enrolmentId: number }[];
  }[];
}

/** A school of 300 classes of 30 pupils with a teacher each, inserted in bulk. */
async function createRushSchool(db: Kysely<Database>): Promise<RushSchool> {
  const passwordHash = await hashPassword(PASSWORD, fastPasswordHashing);
  const authority = await db
    .insertInto('local_authorities')
    .values({ code: '999', name: 'Benchmark LA' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const school = await db
    .insertInto('schools')
    .values({
      local_authority_id: authority.id,
      name: 'Rush Hour Academy',
      jurisdiction: 'england',
      phase: 'secondary',
      policy_preset: 'england-2024',
      policy_settings: '{}',
      am_register_opens: '08:45',
      am_register_closes: '09:15',
      pm_register_opens: '13:00',
      pm_register_closes: '13:15',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const year = await db
    .insertInto('academic_years')
    .values({
      school_id: school.id,
      name: '2024/25',
      starts_on: '2024-09-01',
      ends_on: '2025-08-31',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('terms')
    .values([
      { academic_year_id: year.id, name: 'Autumn', starts_on: '2024-09-04', ends_on: '2024-12-20' },
      { academic_year_id: year.id, name: 'Spring', starts_on: '2025-01-06', ends_on: '2025-04-04' },
    ])
    .execute();
  const teachers = await db
    .insertInto('users')
    .values(
      Array.from({ length: TEACHERS }, (_, i) => ({
        email: `teacher${i}@rush.example`,
        display_name: `Teacher ${i}`,
        password_hash: passwordHash,
        role: 'teacher' as const,
        school_id: school.id,
      })),
    )
    .returning(['id', 'email'])
    .execute();
  const classes = await db
    .insertInto('classes')
    .values(
      teachers.map((_, i) => ({
        school_id: school.id,
        academic_year_id: year.id,
        name: `Form ${i}`,
        kind: 'registration' as const,
      })),
    )
    .returning('id')
    .execute();
  await db
    .insertInto('class_teachers')
    .values(classes.map((c, i) => ({ class_id: c.id, user_id: teachers[i]?.id ?? 0 })))
    .execute();
  const result: RushSchool['classes'][number][] = [];
  for (let c = 0; c < classes.length; c++) {
    const classId = classes[c]?.id ?? 0;
    const pupils = await db
      .insertInto('pupils')
      .values(
        Array.from({ length: PUPILS_PER_CLASS }, (_, p) => ({
          upn: `A${String(c * 100 + p).padStart(12, '0')}`,
          legal_first_name: `First${p}`,
          legal_last_name: `Last${c}`,
          date_of_birth: '2012-01-01',
          sex: p % 2 === 0 ? ('F' as const) : ('M' as const),
          preferred_first_name: null,
          preferred_last_name: null,
          ethnicity: null,
          sen_status: 'N' as const,
          free_school_meals: false,
          pupil_premium: false,
          english_additional_language: false,
          looked_after: false,
          child_in_need: false,
          young_carer: false,
        })),
      )
      .returning('id')
      .execute();
    const enrolments = await db
      .insertInto('enrolments')
      .values(
        pupils.map((pupil) => ({
          school_id: school.id,
          pupil_id: pupil.id,
          on_roll_from: '2024-09-04',
          registration_status: 'single' as const,
          class_id: classId,
        })),
      )
      .returning(['id', 'pupil_id'])
      .execute();
    result.push({
      classId,
      teacherEmail: teachers[c]?.email ?? '',
      pupils: enrolments.map((e) => ({ pupilId: e.pupil_id, enrolmentId: e.id })),
    });
  }
  return { schoolId: school.id, classes: result };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

interface SignedInTeacher {
  readonly browser: TeacherBrowser;
  readonly cookie: string;
  readonly csrf: string;
}

async function signIn(port: number, email: string): Promise<SignedInTeacher> {
  const browser = new TeacherBrowser(port);
  const response = await browser.send('POST', '/api/auth/login', {}, { email, password: PASSWORD });
  if (response.status !== 200) throw new Error(`sign-in failed with ${response.status}`);
  const cookie = (response.setCookie[0] ?? '').split(';')[0] ?? '';
  const body = JSON.parse(response.body) as { csrfToken: string };
  return { browser, cookie, csrf: body.csrfToken };
}

interface RushFigures {
  readonly serverSeconds: number;
  readonly latencies: number[];
  readonly baselineSeconds: number;
  /** The same submissions through the register service with no HTTP: where the time goes. */
  readonly serviceSeconds: number;
}

async function runRush(backend: Backend): Promise<RushFigures> {
  const { handle, cleanUp } = await backend.open();
  try {
    const migrated = await migrateToLatest(handle.db);
    if (!migrated.ok) throw new Error('migrations failed');
    const school = await createRushSchool(handle.db);
    const writeConcurrency = chooseRegisterWriteConcurrency(handle.kind);
    const app = await buildApp({
      registerWriteConcurrency: writeConcurrency,
      db: handle.db,
      clock: { now: () => NOW },
      logger: { level: 'warn' },
      sessions: { ttlHours: 12, secureCookie: false },
      passwordHashing: fastPasswordHashing,
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const port = (app.server.address() as AddressInfo).port;
    const clients: { schoolClass: RushSchool['classes'][number]; teacher: SignedInTeacher }[] = [];
    try {
      for (const schoolClass of school.classes)
        clients.push({ schoolClass, teacher: await signIn(port, schoolClass.teacherEmail) });
      const latencies: number[] = [];
      const started = performance.now();
      await Promise.all(
        clients.map(async ({ schoolClass, teacher }, i) => {
          const begin = performance.now();
          const response = await teacher.browser.send(
            'PUT',
            `/api/classes/${schoolClass.classId}/register`,
            {
              cookie: teacher.cookie,
              'x-csrf-token': teacher.csrf,
              'idempotency-key': `rush-register-${i}`,
            },
            {
              date: DATE,
              session: 'AM',
              entries: schoolClass.pupils.map((pupil, p) => ({
                pupilId: pupil.pupilId,
                code: p % 17 === 0 ? 'N' : '/',
                expectedVersion: null,
              })),
            },
          );
          if (response.status !== 200)
            throw new Error(`register submission failed with ${response.status}: ${response.body}`);
          latencies.push(performance.now() - begin);
        }),
      );
      const serverSeconds = (performance.now() - started) / 1000;

      // Baseline: the same marks, one multi-row INSERT per register, for the afternoon session.
      const recordedBy = await handle.db
        .selectFrom('users')
        .select('id')
        .where('school_id', '=', school.schoolId)
        .executeTakeFirstOrThrow();
      const baselineStarted = performance.now();
      await Promise.all(
        school.classes.map((schoolClass) =>
          handle.db
            .insertInto('marks')
            .values(
              schoolClass.pupils.map((pupil, p) => ({
                school_id: school.schoolId,
                pupil_id: pupil.pupilId,
                enrolment_id: pupil.enrolmentId,
                date: DATE,
                session: 'PM' as const,
                code: p % 17 === 0 ? 'N' : '\\',
                recorded_at: NOW,
                recorded_by: recordedBy.id,
              })),
            )
            .execute(),
        ),
      );
      const baselineSeconds = (performance.now() - baselineStarted) / 1000;

      // Diagnostic: the server's own work without HTTP or sign-in, for the day before.
      const deps = {
        db: handle.db,
        clock: { now: () => NOW },
        calendars: new SchoolCalendarCache(),
        registerWrites: new RegisterWriteQueue(handle.db, { concurrency: writeConcurrency }),
      };
      const serviceStarted = performance.now();
      await Promise.all(
        school.classes.map(async (schoolClass, i) => {
          const taken = await takeRegister(deps, {
            schoolId: school.schoolId,
            classId: schoolClass.classId,
            date: DAY_BEFORE,
            session: 'AM',
            entries: schoolClass.pupils.map((pupil, p) => ({
              pupilId: pupil.pupilId,
              code: p % 17 === 0 ? 'N' : '/',
              expectedVersion: null,
            })),
            recordedBy: recordedBy.id,
            teacherCodesOnly: true,
            reason: null,
            idempotencyKey: `rush-service-${String(i)}`,
          });
          if (!taken.ok) throw new Error(`service submission failed: ${taken.error.kind}`);
        }),
      );
      const serviceSeconds = (performance.now() - serviceStarted) / 1000;
      latencies.sort((a, b) => a - b);
      return { serverSeconds, latencies, baselineSeconds, serviceSeconds };
    } finally {
      for (const { teacher } of clients) teacher.browser.close();
      await app.close();
    }
  } finally {
    await cleanUp();
  }
}

async function isReachable(url: string): Promise<boolean> {
  try {
    const handle = await createDatabase({ kind: 'postgres', url, maxConnections: 1 });
    await sql`select 1`.execute(handle.db);
    await handle.close();
    return true;
  } catch {
    return false;
  }
}

export const registerRushSuite: BenchSuite = {
  name: 'register-rush',
  description: `${TEACHERS} teachers submit a ${PUPILS_PER_CLASS}-pupil register each, concurrently over HTTP`,
  async run(): Promise<SuiteResult> {
    const serverUrl =
      process.env['ROLLCALL_BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const backends = [
      embedded,
      ...((await isReachable(serverUrl)) ? [postgresBackend(serverUrl)] : []),
    ];
    const metrics: Metric[] = [];
    const targets: TargetCheck[] = [];
    const notes: string[] = [];
    if (backends.length === 1)
      notes.push(
        `No PostgreSQL server answered at ${serverUrl}; only the embedded database was measured.`,
      );
    for (const backend of backends) {
      const figures = await runRush(backend);
      const throughput = TEACHERS / figures.serverSeconds;
      const baseline = TEACHERS / figures.baselineSeconds;
      const ratio = throughput / baseline;
      metrics.push(
        {
          name: `${backend.name}: server throughput`,
          value: throughput,
          unit: 'registers/s',
          display: `${throughput.toFixed(0)} registers/s (${(throughput * PUPILS_PER_CLASS).toFixed(0)} marks/s)`,
        },
        {
          name: `${backend.name}: latency p50 / p99`,
          value: percentile(figures.latencies, 50),
          unit: 'ms',
          display: `${percentile(figures.latencies, 50).toFixed(0)} ms / ${percentile(figures.latencies, 99).toFixed(0)} ms`,
        },
        {
          name: `${backend.name}: baseline INSERT throughput`,
          value: baseline,
          unit: 'registers/s',
          display: `${baseline.toFixed(0)} registers/s`,
        },
        {
          name: `${backend.name}: register service alone (no HTTP)`,
          value: TEACHERS / figures.serviceSeconds,
          unit: 'registers/s',
          display: `${(TEACHERS / figures.serviceSeconds).toFixed(0)} registers/s (${(TEACHERS / figures.serviceSeconds / baseline).toFixed(2)} of the baseline)`,
        },
      );
      targets.push({
        name: `${backend.name}: server / baseline throughput`,
        target: '>= 0.50',
        actual: ratio.toFixed(2),
        pass: ratio >= 0.5,
      });
    }
    return { suite: 'register-rush', description: this.description, notes, metrics, targets };
  },
};
