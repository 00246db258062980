import { sql } from 'kysely';
import { describe, expect, test } from 'vitest';
import { listAuditEvents, recordAuditEvent } from '../../src/store/audit.repository.ts';
import {
  findMark,
  purgeRegisterEntriesBefore,
  recordSessionMarks,
} from '../../src/store/mark.repository.ts';
import { makeEnrolledPupil, makeSchool, makeUser } from './factories.ts';
import { useTestDatabase } from './test-database.ts';

const database = useTestDatabase();

async function makeMarkOn(date: string, at: Date) {
  const school = await makeSchool(database.db);
  const admin = await makeUser(database.db, {
    role: 'admin',
    scope: { kind: 'school', schoolId: school.id },
  });
  const { pupil, enrolment } = await makeEnrolledPupil(database.db, school.id, '2010-09-01');
  const result = await recordSessionMarks(database.db, {
    schoolId: school.id,
    date,
    session: 'AM',
    entries: [{ pupilId: pupil.id, enrolmentId: enrolment.id, code: '/' }],
    recordedBy: admin.id,
    source: 'import',
    reason: null,
    at,
  });
  if (!result.ok) throw new Error(result.error.kind);
  return { school, admin, pupil };
}

describe('register retention', () => {
  test('refuses to purge entries less than six years old', async () => {
    const { admin } = await makeMarkOn('2024-09-04', new Date('2024-09-04T08:00:00Z'));

    await expect(
      purgeRegisterEntriesBefore(database.db, { cutoff: '2099-01-01', actorUserId: admin.id }),
    ).rejects.toThrow(/six years/);
  });

  test('purges expired marks and their history explicitly, and audits the purge', async () => {
    const expired = await makeMarkOn('2011-01-10', new Date('2011-01-10T08:00:00Z'));
    const kept = await makeMarkOn('2024-09-04', new Date('2024-09-04T08:00:00Z'));

    const purged = await purgeRegisterEntriesBefore(database.db, {
      cutoff: '2012-01-01',
      actorUserId: expired.admin.id,
    });

    expect(purged).toBe(1);
    const key = { date: '2011-01-10', session: 'AM' as const };
    expect(
      await findMark(database.db, {
        ...key,
        schoolId: expired.school.id,
        pupilId: expired.pupil.id,
      }),
    ).toBeUndefined();
    expect(
      await findMark(database.db, {
        date: '2024-09-04',
        session: 'AM',
        schoolId: kept.school.id,
        pupilId: kept.pupil.id,
      }),
    ).toBeDefined();
    const audit = await listAuditEvents(database.db, {
      from: new Date('2000-01-01T00:00:00Z'),
      to: new Date('2100-01-01T00:00:00Z'),
      action: 'register.retention-purge',
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]?.details).toEqual({ cutoff: '2012-01-01', marks: 1, historyEntries: 1 });
  });

  test('leaves the history guard in place after a purge in the same transaction', async () => {
    const { admin } = await makeMarkOn('2024-09-04', new Date('2024-09-04T08:00:00Z'));

    const attempt = database.db.transaction().execute(async (trx) => {
      await purgeRegisterEntriesBefore(trx, { cutoff: '2000-01-01', actorUserId: admin.id });
      await sql`delete from mark_history`.execute(trx);
    });

    await expect(attempt).rejects.toThrow(/append-only/);
  });
});

describe('the audit log', () => {
  test('cannot be updated or deleted', async () => {
    const event = await recordAuditEvent(database.db, {
      actorUserId: null,
      action: 'test.event',
      subjectPupilId: null,
      details: { note: 'kept' },
      occurredAt: new Date('2024-09-04T08:00:00Z'),
    });

    await expect(
      sql`update audit_log set action = 'x' where id = ${event.id}`.execute(database.db),
    ).rejects.toThrow(/append-only/);
    await expect(
      sql`delete from audit_log where id = ${event.id}`.execute(database.db),
    ).rejects.toThrow(/append-only/);
  });
});
