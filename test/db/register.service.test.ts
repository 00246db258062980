import { describe, expect, it } from 'vitest';
import { takeRegister, type TakeRegisterInput } from '../../src/services/register.service.ts';
import { SchoolCalendarCache } from '../../src/services/school-calendar.service.ts';
import { listMarkHistory } from '../../src/store/mark.repository.ts';
import { makeSchoolWithClass } from './school-fixture.ts';
import { useTestDatabase } from './test-database.ts';

const clock = { now: () => new Date('2024-09-10T08:50:00Z') }; // Tuesday 10 September, 09:50 in London

describe('taking a register', () => {
  const database = useTestDatabase();

  async function schoolWithClass() {
    const setup = await makeSchoolWithClass(database.db);
    const { schoolClass } = setup;
    const input = (overrides: Partial<TakeRegisterInput> = {}): TakeRegisterInput => ({
      schoolId: setup.school.id,
      classId: schoolClass.id,
      date: '2024-09-10',
      session: 'AM',
      entries: setup.pupils.map(({ pupil }, i) => ({
        pupilId: pupil.id,
        code: i === 0 ? 'N' : '/',
      })),
      recordedBy: setup.teacher.id,
      teacherCodesOnly: true,
      reason: null,
      idempotencyKey: null,
      ...overrides,
    });
    return { ...setup, input };
  }

  async function countRows(schoolId: number) {
    const marks = await database.db
      .selectFrom('marks')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('school_id', '=', schoolId)
      .executeTakeFirstOrThrow();
    const history = await database.db
      .selectFrom('mark_history')
      .innerJoin('marks', 'marks.id', 'mark_history.mark_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('marks.school_id', '=', schoolId)
      .executeTakeFirstOrThrow();
    return { marks: marks.n, history: history.n };
  }

  it('records one mark per pupil with an original history entry naming the teacher', async () => {
    const { input, school, teacher } = await schoolWithClass();
    const taken = await takeRegister({ db: database.db, clock }, input());
    if (!taken.ok) throw new Error(JSON.stringify(taken.error));
    expect(taken.value.created).toBe(3);
    expect(taken.value.marks.map((mark) => mark.code)).toEqual(['N', '/', '/']);
    const history = await listMarkHistory(database.db, taken.value.marks[0]?.markId ?? 0);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      previousCode: null,
      newCode: 'N',
      source: 'register',
      changedBy: { userId: teacher.id, name: teacher.displayName, role: 'teacher' },
    });
    expect(await countRows(school.id)).toEqual({ marks: 3, history: 3 });
  });

  it('answers a retried submission with the same key from its stored response and writes nothing twice', async () => {
    const { input, school } = await schoolWithClass();
    const first = await takeRegister(
      { db: database.db, clock },
      input({ idempotencyKey: 'tablet-1:2024-09-10:AM' }),
    );
    const retry = await takeRegister(
      { db: database.db, clock },
      input({ idempotencyKey: 'tablet-1:2024-09-10:AM' }),
    );
    expect(first.ok && retry.ok).toBe(true);
    if (!first.ok || !retry.ok) return;
    expect(retry.value).toEqual({ ...first.value, replayed: true });
    expect(await countRows(school.id)).toEqual({ marks: 3, history: 3 });
  });

  it('answers concurrent retries of one submission alike, with one set of marks', async () => {
    const { input, school } = await schoolWithClass();
    const request = input({ idempotencyKey: 'tablet-2:2024-09-10:AM' });
    const results = await Promise.all([
      takeRegister({ db: database.db, clock }, request),
      takeRegister({ db: database.db, clock }, request),
    ]);
    expect(results.every((result) => result.ok)).toBe(true);
    expect(await countRows(school.id)).toEqual({ marks: 3, history: 3 });
  });

  it('refuses a key reused for a different submission', async () => {
    const { input } = await schoolWithClass();
    await takeRegister({ db: database.db, clock }, input({ idempotencyKey: 'k1' }));
    const reused = await takeRegister(
      { db: database.db, clock },
      input({ idempotencyKey: 'k1', session: 'PM' }),
    );
    expect(reused).toEqual({ ok: false, error: { kind: 'idempotency-key-reused', key: 'k1' } });
  });

  it('gives the second of two people marking the same session a conflict and keeps the first marks', async () => {
    const { input, school, pupils } = await schoolWithClass();
    const firstPupil = pupils[0]?.pupil.id ?? 0;
    const one = await takeRegister(
      { db: database.db, clock },
      input({ entries: [{ pupilId: firstPupil, code: '/', expectedVersion: null }] }),
    );
    const two = await takeRegister(
      { db: database.db, clock },
      input({ entries: [{ pupilId: firstPupil, code: 'N', expectedVersion: null }] }),
    );
    expect(one.ok).toBe(true);
    expect(two.ok).toBe(false);
    if (!two.ok) expect(two.error.kind).toBe('version-conflict');
    const marks = await database.db
      .selectFrom('marks')
      .select('code')
      .where('school_id', '=', school.id)
      .execute();
    expect(marks).toEqual([{ code: '/' }]);
  });

  it('needs a reason to change a mark already in the register', async () => {
    const { input } = await schoolWithClass();
    await takeRegister({ db: database.db, clock }, input());
    const changed = await takeRegister(
      { db: database.db, clock },
      input({ entries: input().entries.map((entry) => ({ ...entry, code: 'L' })) }),
    );
    expect(changed.ok).toBe(false);
    if (!changed.ok) expect(changed.error.kind).toBe('reason-required');
  });

  it('retakes a register with a reason: changed marks move on a version with a history entry, unchanged ones stay as they were', async () => {
    const { input, school, office } = await schoolWithClass();
    const first = await takeRegister({ db: database.db, clock }, input());
    if (!first.ok) throw new Error(JSON.stringify(first.error));
    const [late, , same] = first.value.marks;
    if (late === undefined || same === undefined) throw new Error('no marks');
    const retaken = await takeRegister(
      { db: database.db, clock },
      input({
        recordedBy: office.id,
        teacherCodesOnly: false,
        reason: 'arrived during registration',
        entries: first.value.marks.map((mark, i) => ({
          pupilId: mark.pupilId,
          code: i === 0 ? 'L' : mark.code,
          expectedVersion: mark.version,
        })),
      }),
    );
    if (!retaken.ok) throw new Error(JSON.stringify(retaken.error));
    expect(retaken.value).toMatchObject({ created: 0, changed: 1, unchanged: 2 });
    expect(retaken.value.marks[0]).toEqual({ ...late, code: 'L', version: 2 });
    expect(retaken.value.marks[2]).toEqual(same);
    const history = await listMarkHistory(database.db, late.markId);
    expect(history.map((entry) => [entry.previousCode, entry.newCode, entry.reason])).toEqual([
      [null, 'N', null],
      ['N', 'L', 'arrived during registration'],
    ]);
    expect(history[1]?.changedBy).toEqual({
      userId: office.id,
      name: office.displayName,
      role: office.role,
    });
    expect(await countRows(school.id)).toEqual({ marks: 3, history: 4 });
  });

  it('answers a stale version with the current one and writes none of the submission', async () => {
    const { input, school } = await schoolWithClass();
    const first = await takeRegister({ db: database.db, clock }, input());
    if (!first.ok) throw new Error(JSON.stringify(first.error));
    const stale = await takeRegister(
      { db: database.db, clock },
      input({
        reason: 'correction',
        entries: first.value.marks.map((mark, i) => ({
          pupilId: mark.pupilId,
          code: 'L',
          expectedVersion: i === 1 ? null : mark.version,
        })),
      }),
    );
    const second = first.value.marks[1];
    expect(stale).toEqual({
      ok: false,
      error: {
        kind: 'version-conflict',
        conflicts: [
          {
            pupilId: second?.pupilId,
            markId: second?.markId,
            expectedVersion: null,
            actualVersion: 1,
          },
        ],
      },
    });
    const codes = await database.db
      .selectFrom('marks')
      .select('code')
      .where('school_id', '=', school.id)
      .orderBy('pupil_id')
      .execute();
    expect(codes.map((row) => row.code)).toEqual(['N', '/', '/']);
    expect(await countRows(school.id)).toEqual({ marks: 3, history: 3 });
  });

  it('gives one of two different first registers for the same pupils the conflict, losing nothing', async () => {
    const { input, school } = await schoolWithClass();
    const submit = (code: string, key: string) =>
      takeRegister(
        { db: database.db, clock },
        input({
          idempotencyKey: key,
          entries: input().entries.map((entry) => ({ ...entry, code, expectedVersion: null })),
        }),
      );
    const results = await Promise.all([submit('/', 'tablet-a'), submit('N', 'tablet-b')]);
    expect(results.map((result) => result.ok).sort()).toEqual([false, true]);
    const loser = results.find((result) => !result.ok);
    expect(loser?.ok === false && loser.error.kind).toBe('version-conflict');
    const winner = results.find((result) => result.ok);
    const codes = await database.db
      .selectFrom('marks')
      .select('code')
      .where('school_id', '=', school.id)
      .execute();
    expect(new Set(codes.map((row) => row.code)).size).toBe(1);
    expect(winner?.ok && winner.value.marks.map((mark) => mark.code)).toEqual(
      codes.map((row) => row.code),
    );
    expect(await countRows(school.id)).toEqual({ marks: 3, history: 3 });
  });

  it('sees a term changed after the calendar was cached and refuses the day it closed', async () => {
    const { input, school } = await schoolWithClass();
    const calendars = new SchoolCalendarCache();
    const taken = await takeRegister({ db: database.db, clock, calendars }, input());
    expect(taken.ok).toBe(true);
    await database.db
      .insertInto('closures')
      .values({
        school_id: school.id,
        starts_on: '2024-09-09',
        ends_on: '2024-09-10',
        reason: 'Flooding',
      })
      .execute();
    const afterClosure = await takeRegister(
      { db: database.db, clock, calendars },
      input({ session: 'PM' }),
    );
    expect(afterClosure.ok).toBe(false);
    if (!afterClosure.ok) expect(afterClosure.error.kind).toBe('not-a-school-day');
    expect(await countRows(school.id)).toEqual({ marks: 3, history: 3 });
  });

  it.each([
    ['a Saturday', { date: '2024-09-14' }, 'not-a-school-day'],
    ['a date before term', { date: '2024-08-30' }, 'not-a-school-day'],
    ['tomorrow', { date: '2024-09-11' }, 'future-date'],
  ] as const)('refuses a register on %s and writes nothing', async (_label, overrides, kind) => {
    const { input, school } = await schoolWithClass();
    const result = await takeRegister({ db: database.db, clock }, input(overrides));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.kind).toBe(kind);
    expect(await countRows(school.id)).toEqual({ marks: 0, history: 0 });
  });

  it('names the pupil and explains an unknown or withdrawn code, writing nothing', async () => {
    const { input, school, pupils } = await schoolWithClass();
    const pupilId = pupils[1]?.pupil.id ?? 0;
    const result = await takeRegister(
      { db: database.db, clock },
      input({ teacherCodesOnly: false, entries: [{ pupilId, code: 'H' }] }),
    );
    expect(result.ok).toBe(false);
    if (!result.ok && result.error.kind === 'invalid-codes') {
      expect(result.error.problems).toEqual([
        {
          pupilId,
          code: 'H',
          message: expect.stringContaining('withdrawn in England on 19 August 2024') as unknown,
        },
      ]);
    } else throw new Error('expected invalid codes');
    expect(await countRows(school.id)).toEqual({ marks: 0, history: 0 });
  });

  it('keeps reasons for absence to the office unless a parent has reported one', async () => {
    const { input, pupils } = await schoolWithClass();
    const pupilId = pupils[0]?.pupil.id ?? 0;
    const result = await takeRegister(
      { db: database.db, clock },
      input({ entries: [{ pupilId, code: 'I' }] }),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.kind).toBe('invalid-codes');
  });

  it('refuses pupils who are not in the class on that day', async () => {
    const { input } = await schoolWithClass();
    const other = await schoolWithClass();
    const stranger = other.pupils[0]?.pupil.id ?? 0;
    const result = await takeRegister(
      { db: database.db, clock },
      input({ entries: [{ pupilId: stranger, code: '/' }] }),
    );
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error).toMatchObject({ kind: 'not-on-roll', pupilIds: [stranger] });
  });
});
