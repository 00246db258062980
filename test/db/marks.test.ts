import { sql } from 'kysely';
import { describe, expect, test } from 'vitest';
import {
  amendMark,
  findMark,
  listMarkHistory,
  listSchoolMarks,
  recordSessionMarks,
} from '../../src/store/mark.repository.ts';
import { renameUser } from '../../src/store/user.repository.ts';
import { makeRegister } from './factories.ts';
import { useTestDatabase } from './test-database.ts';

const database = useTestDatabase();
const nineAm = new Date('2024-09-04T08:00:00Z');
const tenAm = new Date('2024-09-04T09:00:00Z');

async function countRows(table: 'marks' | 'mark_history', schoolId: number): Promise<number> {
  const { db } = database;
  const row = await db
    .selectFrom('marks')
    .leftJoin('mark_history', 'mark_history.mark_id', 'marks.id')
    .select((eb) => eb.fn.count<number>(`${table}.id`).distinct().as('count'))
    .where('marks.school_id', '=', schoolId)
    .executeTakeFirstOrThrow();
  return row.count;
}

async function takeMorningRegister(register: Awaited<ReturnType<typeof makeRegister>>) {
  const result = await recordSessionMarks(database.db, {
    schoolId: register.school.id,
    date: '2024-09-04',
    session: 'AM',
    entries: register.pupils.map(({ pupil, enrolment }) => ({
      pupilId: pupil.id,
      enrolmentId: enrolment.id,
      code: '/',
      expectedVersion: null,
    })),
    recordedBy: register.teacher.id,
    source: 'register',
    reason: null,
    at: nineAm,
  });
  if (!result.ok) throw new Error(`register not taken: ${result.error.kind}`);
  return result.value;
}

describe('the register', () => {
  test('records one mark per pupil for a session, with a first history entry each', async () => {
    const register = await makeRegister(database.db, 3);

    const recorded = await takeMorningRegister(register);

    expect(recorded).toMatchObject({ created: 3, changed: 0, unchanged: 0 });
    expect(recorded.marks.map((mark) => mark.version)).toEqual([1, 1, 1]);
    const marks = await listSchoolMarks(database.db, {
      schoolId: register.school.id,
      from: '2024-09-01',
      to: '2024-09-30',
    });
    expect(marks).toHaveLength(3);
    expect(marks.every((mark) => mark.code === '/' && mark.date === '2024-09-04')).toBe(true);
    expect(await countRows('mark_history', register.school.id)).toBe(3);
  });

  test('refuses a second mark for the same pupil and session at the database', async () => {
    const register = await makeRegister(database.db, 1);
    await takeMorningRegister(register);
    const [first] = register.pupils;
    if (first === undefined) throw new Error('no pupil');

    const insertDuplicate = database.db
      .insertInto('marks')
      .values({
        school_id: register.school.id,
        pupil_id: first.pupil.id,
        enrolment_id: first.enrolment.id,
        date: '2024-09-04',
        session: 'AM',
        code: 'N',
        recorded_at: tenAm,
        recorded_by: register.teacher.id,
      })
      .execute();

    await expect(insertDuplicate).rejects.toMatchObject({
      code: '23505',
      constraint: 'marks_one_per_pupil_session',
    });
  });

  test('writes nothing from a batch when one row is invalid', async () => {
    const register = await makeRegister(database.db, 3);
    const entries = register.pupils.map(({ pupil, enrolment }, index) => ({
      pupilId: pupil.id,
      enrolmentId: enrolment.id,
      // A code longer than any code table allows: the database's check rejects it.
      code: index === 2 ? 'BAD' : '/',
    }));

    const attempt = recordSessionMarks(database.db, {
      schoolId: register.school.id,
      date: '2024-09-04',
      session: 'AM',
      entries,
      recordedBy: register.teacher.id,
      source: 'register',
      reason: null,
      at: nineAm,
    });

    await expect(attempt).rejects.toMatchObject({ code: '23514' });
    expect(await countRows('marks', register.school.id)).toBe(0);
    expect(await countRows('mark_history', register.school.id)).toBe(0);
  });

  test('writes nothing from a batch naming a pupil not enrolled at the school', async () => {
    const register = await makeRegister(database.db, 2);
    const elsewhere = await makeRegister(database.db, 1);
    const outsider = elsewhere.pupils[0];
    if (outsider === undefined) throw new Error('no pupil');
    const entries = [...register.pupils, outsider].map(({ pupil, enrolment }) => ({
      pupilId: pupil.id,
      enrolmentId: enrolment.id,
      code: '/',
    }));

    const attempt = recordSessionMarks(database.db, {
      schoolId: register.school.id,
      date: '2024-09-04',
      session: 'AM',
      entries,
      recordedBy: register.teacher.id,
      source: 'register',
      reason: null,
      at: nineAm,
    });

    await expect(attempt).rejects.toMatchObject({ code: '23503' });
    expect(await countRows('marks', register.school.id)).toBe(0);
  });

  test('reports a conflict for a batch made against a stale register and writes nothing', async () => {
    const register = await makeRegister(database.db, 2);
    await takeMorningRegister(register);

    const resubmitted = await recordSessionMarks(database.db, {
      schoolId: register.school.id,
      date: '2024-09-04',
      session: 'AM',
      entries: register.pupils.map(({ pupil, enrolment }) => ({
        pupilId: pupil.id,
        enrolmentId: enrolment.id,
        code: 'N',
        expectedVersion: null,
      })),
      recordedBy: register.teacher.id,
      source: 'register',
      reason: 'Corrected',
      at: tenAm,
    });

    expect(resubmitted.ok).toBe(false);
    expect(!resubmitted.ok && resubmitted.error.kind).toBe('version-conflict');
    const marks = await listSchoolMarks(database.db, {
      schoolId: register.school.id,
      from: '2024-09-04',
      to: '2024-09-04',
    });
    expect(marks.map((mark) => mark.code)).toEqual(['/', '/']);
  });

  test('asks for a reason when a batch changes marks already recorded', async () => {
    const register = await makeRegister(database.db, 1);
    await takeMorningRegister(register);
    const [first] = register.pupils;
    if (first === undefined) throw new Error('no pupil');

    const result = await recordSessionMarks(database.db, {
      schoolId: register.school.id,
      date: '2024-09-04',
      session: 'AM',
      entries: [{ pupilId: first.pupil.id, enrolmentId: first.enrolment.id, code: 'L' }],
      recordedBy: register.teacher.id,
      source: 'register',
      reason: null,
      at: tenAm,
    });

    expect(result).toEqual({
      ok: false,
      error: { kind: 'reason-required', pupilIds: [first.pupil.id] },
    });
  });
});

describe('amending a mark', () => {
  test('with the current version changes the code and bumps the version', async () => {
    const register = await makeRegister(database.db, 1);
    const [mark] = (await takeMorningRegister(register)).marks;
    if (mark === undefined) throw new Error('no mark');

    const result = await amendMark(database.db, {
      markId: mark.id,
      expectedVersion: 1,
      code: 'M',
      reason: 'Parent phoned: dental appointment',
      changedBy: register.office.id,
      source: 'office',
      at: tenAm,
    });

    expect(result.ok && result.value.mark).toMatchObject({ code: 'M', version: 2 });
  });

  test('with a stale version returns a conflict and changes nothing', async () => {
    const register = await makeRegister(database.db, 1);
    const [mark] = (await takeMorningRegister(register)).marks;
    if (mark === undefined) throw new Error('no mark');
    const amendment = {
      markId: mark.id,
      expectedVersion: 1,
      reason: 'Reason given',
      changedBy: register.office.id,
      source: 'office' as const,
      at: tenAm,
    };
    await amendMark(database.db, { ...amendment, code: 'M' });

    const second = await amendMark(database.db, { ...amendment, code: 'I' });

    expect(second.ok).toBe(false);
    expect(!second.ok && second.error).toMatchObject({
      kind: 'version-conflict',
      expectedVersion: 1,
      actualVersion: 2,
      current: { code: 'M', version: 2 },
    });
    const stored = await findMark(database.db, {
      schoolId: register.school.id,
      pupilId: mark.pupilId,
      date: '2024-09-04',
      session: 'AM',
    });
    expect(stored).toMatchObject({ code: 'M', version: 2 });
    expect(await listMarkHistory(database.db, mark.id)).toHaveLength(2);
  });

  test('of a mark that does not exist returns mark-not-found', async () => {
    const register = await makeRegister(database.db, 0);

    const result = await amendMark(database.db, {
      markId: 987654321,
      expectedVersion: 1,
      code: 'M',
      reason: 'Reason',
      changedBy: register.office.id,
      source: 'office',
      at: tenAm,
    });

    expect(result).toEqual({ ok: false, error: { kind: 'mark-not-found', markId: 987654321 } });
  });
});

describe('mark history', () => {
  test('records the original entry and each amendment with who, role, reason and when', async () => {
    const register = await makeRegister(database.db, 1);
    const [mark] = (await takeMorningRegister(register)).marks;
    if (mark === undefined) throw new Error('no mark');
    await amendMark(database.db, {
      markId: mark.id,
      expectedVersion: 1,
      code: 'N',
      reason: 'Not in class after all',
      changedBy: register.teacher.id,
      source: 'register',
      at: tenAm,
    });
    await amendMark(database.db, {
      markId: mark.id,
      expectedVersion: 2,
      code: 'I',
      reason: 'Parent phoned: illness',
      changedBy: register.office.id,
      source: 'office',
      at: new Date('2024-09-04T10:30:00Z'),
    });

    const history = await listMarkHistory(database.db, mark.id);

    expect(
      history.map((entry) => ({
        version: entry.markVersion,
        from: entry.previousCode,
        to: entry.newCode,
        reason: entry.reason,
        who: entry.changedBy.name,
        role: entry.changedBy.role,
        source: entry.source,
        at: entry.changedAt.toISOString(),
      })),
    ).toEqual([
      {
        version: 1,
        from: null,
        to: '/',
        reason: null,
        who: register.teacher.displayName,
        role: 'teacher',
        source: 'register',
        at: '2024-09-04T08:00:00.000Z',
      },
      {
        version: 2,
        from: '/',
        to: 'N',
        reason: 'Not in class after all',
        who: register.teacher.displayName,
        role: 'teacher',
        source: 'register',
        at: '2024-09-04T09:00:00.000Z',
      },
      {
        version: 3,
        from: 'N',
        to: 'I',
        reason: 'Parent phoned: illness',
        who: register.office.displayName,
        role: 'office',
        source: 'office',
        at: '2024-09-04T10:30:00.000Z',
      },
    ]);
  });

  test('keeps the name the changer had at the time after they are renamed', async () => {
    const register = await makeRegister(database.db, 1);
    const [mark] = (await takeMorningRegister(register)).marks;
    if (mark === undefined) throw new Error('no mark');

    await renameUser(database.db, { userId: register.teacher.id, displayName: 'Renamed Teacher' });

    const [original] = await listMarkHistory(database.db, mark.id);
    expect(original?.changedBy.name).toBe(register.teacher.displayName);
  });

  test('cannot be updated, deleted or truncated, even with raw SQL', async () => {
    const register = await makeRegister(database.db, 1);
    const [mark] = (await takeMorningRegister(register)).marks;
    if (mark === undefined) throw new Error('no mark');

    await expect(
      sql`update mark_history set new_code = 'X' where mark_id = ${mark.id}`.execute(database.db),
    ).rejects.toThrow(/append-only/);
    await expect(
      sql`delete from mark_history where mark_id = ${mark.id}`.execute(database.db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`truncate mark_history cascade`.execute(database.db)).rejects.toThrow(
      /append-only/,
    );
    expect(await listMarkHistory(database.db, mark.id)).toHaveLength(1);
  });

  test('refuses an amendment entry without a reason at the database', async () => {
    const register = await makeRegister(database.db, 1);
    const [mark] = (await takeMorningRegister(register)).marks;
    if (mark === undefined) throw new Error('no mark');

    const insert = database.db
      .insertInto('mark_history')
      .values({
        mark_id: mark.id,
        mark_version: 2,
        previous_code: '/',
        new_code: 'N',
        reason: null,
        source: 'office',
        changed_at: tenAm,
        changed_by: register.office.id,
        changed_by_name: 'Someone',
        changed_by_role: 'office',
      })
      .execute();

    await expect(insert).rejects.toMatchObject({ code: '23514' });
  });
});
