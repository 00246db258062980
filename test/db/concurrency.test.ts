import { sql } from 'kysely';
import { describe, expect, test } from 'vitest';
import {
  amendMark,
  listMarkHistory,
  listSchoolMarks,
  recordSessionMarks,
} from '../../src/store/mark.repository.ts';
import { findStoredResponse, saveStoredResponse } from '../../src/store/idempotency.repository.ts';
import { runAtomically } from '../../src/store/transaction.ts';
import { fail, succeed } from '../../src/store/result.ts';
import { makeRegister } from './factories.ts';
import { useTestDatabase } from './test-database.ts';

const database = useTestDatabase();
const at = new Date('2024-09-04T08:00:00Z');

describe('two people writing at once', () => {
  test('amending the same mark: one wins, the other gets a conflict, nothing is lost', async () => {
    const register = await makeRegister(database.db, 1);
    const [first] = register.pupils;
    if (first === undefined) throw new Error('no pupil');
    const taken = await recordSessionMarks(database.db, {
      schoolId: register.school.id,
      date: '2024-09-04',
      session: 'AM',
      entries: [{ pupilId: first.pupil.id, enrolmentId: first.enrolment.id, code: 'N' }],
      recordedBy: register.teacher.id,
      source: 'register',
      reason: null,
      at,
    });
    const mark = taken.ok ? taken.value.marks[0] : undefined;
    if (mark === undefined) throw new Error('no mark');
    const amend = (code: string, changedBy: number) =>
      amendMark(database.db, {
        markId: mark.id,
        expectedVersion: 1,
        code,
        reason: 'Reason given by parent',
        changedBy,
        source: 'office',
        at,
      });

    const results = await Promise.all([
      amend('I', register.office.id),
      amend('M', register.teacher.id),
    ]);

    expect(results.filter((result) => result.ok)).toHaveLength(1);
    const loser = results.find((result) => !result.ok);
    expect(loser?.ok === false && loser.error.kind).toBe('version-conflict');
    const history = await listMarkHistory(database.db, mark.id);
    expect(history.map((entry) => entry.markVersion)).toEqual([1, 2]);
  });

  test('submitting the same fresh register twice: one writes, the other conflicts', async () => {
    const register = await makeRegister(database.db, 5);
    const submit = () =>
      recordSessionMarks(database.db, {
        schoolId: register.school.id,
        date: '2024-09-04',
        session: 'PM',
        entries: register.pupils.map(({ pupil, enrolment }) => ({
          pupilId: pupil.id,
          enrolmentId: enrolment.id,
          code: '\\',
          expectedVersion: null,
        })),
        recordedBy: register.teacher.id,
        source: 'register',
        reason: null,
        at,
      });

    const results = await Promise.all([submit(), submit()]);

    expect(results.map((result) => result.ok).sort()).toEqual([false, true]);
    const marks = await listSchoolMarks(database.db, {
      schoolId: register.school.id,
      from: '2024-09-04',
      to: '2024-09-04',
    });
    expect(marks).toHaveLength(5);
  });
});

describe('idempotency keys', () => {
  test('return the first response to a retried request instead of storing a second', async () => {
    const register = await makeRegister(database.db, 0);
    const entry = {
      userId: register.teacher.id,
      key: 'register-2024-09-04-AM',
      requestHash: 'sha256:abc',
      response: { marks: 30 },
      at,
    };

    const first = await saveStoredResponse(database.db, entry);
    const retry = await saveStoredResponse(database.db, { ...entry, response: { marks: 0 } });

    expect(first.ok).toBe(true);
    expect(retry).toMatchObject({
      ok: false,
      error: { kind: 'key-already-used', stored: { response: { marks: 30 } } },
    });
    expect(
      await findStoredResponse(database.db, { userId: register.teacher.id, key: entry.key }),
    ).toMatchObject({ requestHash: 'sha256:abc', response: { marks: 30 } });
  });
});

describe('atomic units inside a caller transaction', () => {
  test('a failure undoes only its own writes, through a savepoint', async () => {
    const register = await makeRegister(database.db, 0);

    await database.db.transaction().execute(async (trx) => {
      await saveStoredResponse(trx, {
        userId: register.teacher.id,
        key: 'kept',
        requestHash: 'h',
        response: {},
        at,
      });
      const inner = await runAtomically(trx, async (atomic) => {
        await saveStoredResponse(atomic, {
          userId: register.teacher.id,
          key: 'undone',
          requestHash: 'h',
          response: {},
          at,
        });
        return fail({ kind: 'changed-my-mind' });
      });
      expect(inner.ok).toBe(false);
      const after = await runAtomically(trx, () => Promise.resolve(succeed('still usable')));
      expect(after.ok).toBe(true);
    });

    const find = (key: string) =>
      findStoredResponse(database.db, { userId: register.teacher.id, key });
    expect(await find('kept')).toBeDefined();
    expect(await find('undone')).toBeUndefined();
  });

  test('a transaction with a failed statement commits nothing, even if the error was caught', async () => {
    const register = await makeRegister(database.db, 0);

    const attempt = database.db.transaction().execute(async (trx) => {
      await saveStoredResponse(trx, {
        userId: register.teacher.id,
        key: 'lost',
        requestHash: 'h',
        response: {},
        at,
      });
      await sql`select 1 / 0`.execute(trx).catch(() => undefined);
    });

    await expect(attempt).rejects.toThrow();
    expect(
      await findStoredResponse(database.db, { userId: register.teacher.id, key: 'lost' }),
    ).toBeUndefined();
  });
});
