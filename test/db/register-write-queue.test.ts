import type { KyselyPlugin } from 'kysely';
import { describe, expect, test } from 'vitest';
import type { RegisterSubmission } from '../../src/store/register-submission.repository.ts';
import { RegisterWriteQueue } from '../../src/store/register-write-queue.ts';
import { listMarkHistory, listSchoolMarks } from '../../src/store/mark.repository.ts';
import { makeRegister } from './factories.ts';
import { useTestDatabase } from './test-database.ts';

const database = useTestDatabase();
const at = new Date('2024-09-04T08:00:00Z');

type Register = Awaited<ReturnType<typeof makeRegister>>;

function submission(
  register: Register,
  pupils: Register['pupils'],
  overrides: Partial<RegisterSubmission> = {},
): RegisterSubmission {
  return {
    schoolId: register.school.id,
    classId: null,
    date: '2024-09-04',
    session: 'AM',
    entries: pupils.map((pupil) => ({
      pupilId: pupil.pupil.id,
      code: '/',
      expectedVersion: null,
    })),
    recordedBy: register.teacher.id,
    recorder: undefined,
    source: 'register',
    reason: null,
    at,
    idempotency: null,
    calendarVersion: null,
    ...overrides,
  };
}

/** A queue on a database that counts the statements the queue sends. */
function countingQueue(): { queue: RegisterWriteQueue; statements: () => number } {
  let statements = 0;
  const counter: KyselyPlugin = {
    transformQuery: (args) => {
      statements += 1;
      return args.node;
    },
    transformResult: (args) => Promise.resolve(args.result),
  };
  return {
    queue: new RegisterWriteQueue(database.db.withPlugin(counter)),
    statements: () => statements,
  };
}

describe('registers arriving together (group commit)', () => {
  test('share one statement, and each is decided on its own', async () => {
    const register = await makeRegister(database.db, 4);
    const [a, b, c, d] = register.pupils;
    if (a === undefined || b === undefined || c === undefined || d === undefined)
      throw new Error('no pupils');
    const { queue, statements } = countingQueue();

    const [written, refused, alsoWritten] = await Promise.all([
      queue.write(submission(register, [a, b])),
      // Claims a mark exists at version 3 where there is none: a stale screen.
      queue.write({
        ...submission(register, [c]),
        entries: [{ pupilId: c.pupil.id, code: 'N', expectedVersion: 3 }],
      }),
      queue.write(submission(register, [d], { recordedBy: register.office.id, source: 'office' })),
    ]);

    expect(statements()).toBe(1);
    expect(written).toMatchObject({ kind: 'written', register: { created: 2 } });
    expect(refused).toMatchObject({
      kind: 'version-conflict',
      conflicts: [{ pupilId: c.pupil.id, expectedVersion: 3, actualVersion: null }],
    });
    expect(alsoWritten).toMatchObject({ kind: 'written', register: { created: 1 } });
    const marks = await listSchoolMarks(database.db, {
      schoolId: register.school.id,
      from: '2024-09-04',
      to: '2024-09-04',
    });
    expect(marks.map((mark) => mark.pupilId).sort()).toEqual(
      [a.pupil.id, b.pupil.id, d.pupil.id].sort(),
    );
    // Each mark's history names whoever recorded it, not another member of the batch.
    const markOfD = alsoWritten.kind === 'written' ? alsoWritten.register.marks[0] : undefined;
    if (markOfD === undefined) throw new Error('no mark for the office register');
    const [history] = await listMarkHistory(database.db, markOfD.markId);
    expect(history).toMatchObject({ source: 'office', changedBy: { userId: register.office.id } });
  });

  test('two registers naming the same pupil go one after the other', async () => {
    const register = await makeRegister(database.db, 2);
    const { queue, statements } = countingQueue();

    const outcomes = await Promise.all([
      queue.write(submission(register, register.pupils)),
      queue.write(submission(register, register.pupils, { recordedBy: register.office.id })),
    ]);

    expect(statements()).toBe(2);
    // The second still believes there is no mark; it sees the first one's and refuses.
    expect(outcomes.map((outcome) => outcome.kind)).toEqual(['written', 'version-conflict']);
  });

  test('the same idempotency key twice: the second is answered from the first', async () => {
    const register = await makeRegister(database.db, 1);
    const { queue } = countingQueue();
    const keyed = submission(register, register.pupils, {
      idempotency: { key: 'retry-of-one-register', requestHash: 'same-request' },
    });

    const [first, retry] = await Promise.all([queue.write(keyed), queue.write(keyed)]);

    expect(first.kind).toBe('written');
    expect(retry).toMatchObject({ kind: 'key-used', requestHash: 'same-request' });
  });

  test('a register the database refuses outright fails alone; the others are written', async () => {
    const register = await makeRegister(database.db, 2);
    const [good, bad] = register.pupils;
    if (good === undefined || bad === undefined) throw new Error('no pupils');
    const { queue } = countingQueue();

    // Codes are checked before they reach the store; one that slips through breaks a
    // check constraint, which fails the whole statement it shares.
    const [written, failed] = await Promise.allSettled([
      queue.write(submission(register, [good])),
      queue.write({
        ...submission(register, [bad]),
        entries: [{ pupilId: bad.pupil.id, code: 'XYZ', expectedVersion: null }],
      }),
    ]);

    expect(written).toMatchObject({ status: 'fulfilled', value: { kind: 'written' } });
    expect(failed.status).toBe('rejected');
    const marks = await listSchoolMarks(database.db, {
      schoolId: register.school.id,
      from: '2024-09-04',
      to: '2024-09-04',
    });
    expect(marks.map((mark) => mark.pupilId)).toEqual([good.pupil.id]);
  });
});
