import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { listMigrationNames, migrateToLatest } from '../../src/store/migrate.ts';
import { createEmptyTestDatabase, STARTUP_TIMEOUT_MS, type TestDatabase } from './test-database.ts';

describe('migrations', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createEmptyTestDatabase();
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    await database.close();
  }, STARTUP_TIMEOUT_MS);

  test('apply every migration, in order, to an empty database', async () => {
    const outcome = await migrateToLatest(database.db);

    expect(outcome).toEqual({ ok: true, applied: listMigrationNames() });
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables
      where table_schema = 'public' and table_name not like 'kysely_%'
      order by table_name
    `.execute(database.db);
    expect(tables.rows.map((row) => row.table_name)).toEqual([
      'absence_reports',
      'academic_years',
      'audit_log',
      'auth_sessions',
      'case_alert_decisions',
      'case_events',
      'cases',
      'class_members',
      'class_teachers',
      'classes',
      'closures',
      'contact_attempts',
      'contacts',
      'enrolments',
      'follow_up_tasks',
      'idempotency_keys',
      'leave_request_sessions',
      'leave_requests',
      'lesson_marks',
      'lessons',
      'letter_templates',
      'letters',
      'local_authorities',
      'login_attempts',
      'mark_history',
      'marks',
      'outbound_messages',
      'penalty_notices',
      'pupils',
      'school_letterheads',
      'schools',
      'sign_events',
      'sms_outbox',
      'terms',
      'trusts',
      'users',
      'year_groups',
    ]);
  });

  test('apply nothing when the database is already up to date', async () => {
    const outcome = await migrateToLatest(database.db);

    expect(outcome).toEqual({ ok: true, applied: [] });
  });
});
