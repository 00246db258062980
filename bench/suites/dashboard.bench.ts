/**
 * The whole-school dashboard: statistics and alerts for 2,000 pupils over a full year of marks
 * read from the database, against a single raw SQL aggregate over the same marks (codes counted
 * per pupil) as the baseline, on the embedded database and (when reachable) PostgreSQL.
 */
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { academicYearLabel } from '../../src/domain/calendar/plain-date.ts';
import { codeOfId, NO_MARK } from '../../src/domain/codes/code-registry.ts';
import { generateSchool } from '../../src/demo/synthetic-attendance.ts';
import { evaluateStoredSchool } from '../../src/services/school-statistics.service.ts';
import { createDatabase, type DatabaseHandle } from '../../src/store/database.ts';
import { migrateToLatest } from '../../src/store/migrate.ts';
import type { Database } from '../../src/store/schema.ts';
import { timeAgainstBaselineAsync } from '../measure.ts';
import type { BenchSuite, Metric, SuiteResult, TargetCheck } from '../suite.ts';

const PUPILS = 2000;
const AS_OF = '2025-07-22';
const ROUNDS = 9;

/** Load the generated school into a fresh database: calendar, pupils, enrolments, marks. */
async function loadSchool(db: Kysely<Database>): Promise<{ schoolId: number; marks: number }> {
  const generated = generateSchool(PUPILS);
  const { calendar } = generated;
  const authority = await db
    .insertInto('local_authorities')
    .values({ code: '998', name: 'Benchmark LA' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const school = await db
    .insertInto('schools')
    .values({
      local_authority_id: authority.id,
      name: 'Dashboard Academy',
      jurisdiction: 'england',
      phase: 'secondary',
      policy_preset: 'wigston',
      policy_settings: '{}',
      am_register_opens: '08:45',
      am_register_closes: '09:15',
      pm_register_opens: '13:00',
      pm_register_closes: '13:15',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const user = await db
    .insertInto('users')
    .values({
      email: 'data@dashboard.example',
      display_name: 'Data Manager',
      role: 'admin',
      school_id: school.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const startYear = calendar.terms[0]?.academicYear ?? 2024;
  const year = await db
    .insertInto('academic_years')
    .values({
      school_id: school.id,
      name: academicYearLabel(startYear),
      starts_on: `${startYear}-09-01`,
      ends_on: `${startYear + 1}-08-31`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('terms')
    .values(
      calendar.terms.map((term) => ({
        academic_year_id: year.id,
        name: term.name,
        starts_on: term.start,
        ends_on: term.end,
      })),
    )
    .execute();
  await db
    .insertInto('closures')
    .values(
      calendar.closures.map((closure) => ({
        school_id: school.id,
        starts_on: closure.date,
        ends_on: closure.to ?? closure.date,
        reason: closure.reason,
      })),
    )
    .execute();
  let marks = 0;
  for (let first = 0; first < generated.pupils.length; first += 100) {
    const batch = generated.pupils.slice(first, first + 100);
    const pupils = await db
      .insertInto('pupils')
      .values(
        batch.map((_, i) => ({
          upn: `B${String(first + i).padStart(12, '0')}`,
          legal_first_name: 'Pupil',
          legal_last_name: String(first + i),
          preferred_first_name: null,
          preferred_last_name: null,
          date_of_birth: '2011-01-01',
          sex: 'F' as const,
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
    for (let i = 0; i < batch.length; i++) {
      const attendance = batch[i];
      const pupilId = pupils[i]?.id;
      if (!attendance || pupilId === undefined) continue;
      const enrolment = await db
        .insertInto('enrolments')
        .values({
          school_id: school.id,
          pupil_id: pupilId,
          on_roll_from: calendar.days[attendance.rollFromDay] ?? '2024-09-01',
          on_roll_to:
            attendance.rollToDay < calendar.days.length
              ? (calendar.days[attendance.rollToDay - 1] ?? null)
              : null,
          registration_status: 'single',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const rows = [];
      for (let s = 0; s < attendance.marks.length; s++) {
        const id = attendance.marks[s] ?? NO_MARK;
        if (id === NO_MARK) continue;
        rows.push({
          school_id: school.id,
          pupil_id: pupilId,
          enrolment_id: enrolment.id,
          date: calendar.days[s >> 1] ?? '',
          session: (s & 1) === 1 ? ('PM' as const) : ('AM' as const),
          code: codeOfId(id),
          recorded_at: new Date('2025-07-22T12:00:00Z'),
          recorded_by: user.id,
        });
      }
      for (let r = 0; r < rows.length; r += 2000)
        await db
          .insertInto('marks')
          .values(rows.slice(r, r + 2000))
          .execute();
      marks += rows.length;
    }
  }
  await sql`analyze marks`.execute(db);
  return { schoolId: school.id, marks };
}

/**
 * The dashboard and the aggregate timed in alternating rounds, so that both meet the same
 * machine (the database server shares its cores with this process), after one untimed run of
 * each. The ratio is the median of the rounds' own ratios, as in the engine suite.
 */
async function measure(
  handle: DatabaseHandle,
): Promise<{ dashboardMs: number; aggregateMs: number; ratio: number; marks: number }> {
  const migrated = await migrateToLatest(handle.db);
  if (!migrated.ok) throw new Error('migrations failed');
  const { schoolId, marks } = await loadSchool(handle.db);
  const dashboard = async () => {
    const result = await evaluateStoredSchool(handle.db, schoolId, AS_OF);
    if (!result.ok || result.value.evaluation.pupils.length !== PUPILS)
      throw new Error('dashboard evaluation failed');
  };
  const aggregate = async () => {
    const rows = await sql<{ pupil_id: number; code: string; sessions: number }>`
      select pupil_id, code, count(*) as sessions from marks
      where school_id = ${schoolId} and date between '2024-09-01' and ${AS_OF}
      group by pupil_id, code`.execute(handle.db);
    if (rows.rows.length === 0) throw new Error('no rows');
  };
  const timed = await timeAgainstBaselineAsync(aggregate, dashboard, {
    warmups: 1,
    rounds: ROUNDS,
  });
  return {
    dashboardMs: timed.measured.medianMs,
    aggregateMs: timed.baseline.medianMs,
    ratio: timed.ratio,
    marks,
  };
}

async function withPostgres<T>(
  serverUrl: string,
  work: (handle: DatabaseHandle) => Promise<T>,
): Promise<T | null> {
  let admin: DatabaseHandle;
  try {
    admin = await createDatabase({ kind: 'postgres', url: serverUrl, maxConnections: 1 });
    await sql`select 1`.execute(admin.db);
  } catch {
    return null;
  }
  const name = `rollcall_dashboard_${randomBytes(4).toString('hex')}`;
  await sql.raw(`create database ${name}`).execute(admin.db);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await createDatabase({ kind: 'postgres', url: url.toString(), maxConnections: 4 });
  try {
    return await work(handle);
  } finally {
    await handle.close();
    await sql.raw(`drop database if exists ${name} with (force)`).execute(admin.db);
    await admin.close();
  }
}

export const dashboardSuite: BenchSuite = {
  name: 'dashboard',
  description: `whole-school statistics and alerts for ${PUPILS} pupils over a year, read from the database`,
  async run(): Promise<SuiteResult> {
    const metrics: Metric[] = [];
    const targets: TargetCheck[] = [];
    const notes: string[] = [];
    const record = (
      name: string,
      figures: { dashboardMs: number; aggregateMs: number; ratio: number; marks: number },
    ) => {
      const { ratio } = figures;
      notes.push(`${name}: ${figures.marks} marks stored`);
      metrics.push(
        {
          name: `${name}: dashboard (load + evaluate)`,
          value: figures.dashboardMs,
          unit: 'ms',
          display: `${figures.dashboardMs.toFixed(0)} ms`,
        },
        {
          name: `${name}: raw SQL aggregate`,
          value: figures.aggregateMs,
          unit: 'ms',
          display: `${figures.aggregateMs.toFixed(0)} ms`,
        },
      );
      targets.push({
        name: `${name}: dashboard / aggregate`,
        target: '<= 2.0',
        actual: ratio.toFixed(2),
        pass: ratio <= 2,
      });
    };
    const memory = await createDatabase({ kind: 'memory' });
    try {
      record('embedded', await measure(memory));
    } finally {
      await memory.close();
    }
    const serverUrl =
      process.env['ROLLCALL_BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const postgres = await withPostgres(serverUrl, measure);
    if (postgres) record('PostgreSQL', postgres);
    else
      notes.push(
        `No PostgreSQL server answered at ${serverUrl}; only the embedded database was measured.`,
      );
    return { suite: 'dashboard', description: this.description, notes, metrics, targets };
  },
};
