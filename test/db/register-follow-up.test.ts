import { describe, expect, it } from 'vitest';
import { reportAbsence } from '../../src/services/absence-report.service.ts';
import { amendRegisterMark } from '../../src/services/mark-amendment.service.ts';
import { signInLate, signOutEarly } from '../../src/services/reception.service.ts';
import { takeRegister } from '../../src/services/register.service.ts';
import { findMark, listMarkHistory } from '../../src/store/mark.repository.ts';
import { clockAt, makeSchoolWithClass } from './school-fixture.ts';
import { useTestDatabase } from './test-database.ts';

describe('after the register: amendments, reception and absence reports', () => {
  const database = useTestDatabase();

  async function registerTakenAt(instant: string) {
    const school = await makeSchoolWithClass(database.db);
    const clock = clockAt(instant);
    const taken = await takeRegister(
      { db: database.db, clock },
      {
        schoolId: school.school.id,
        classId: school.schoolClass.id,
        date: '2024-09-10',
        session: 'AM',
        entries: school.pupilIds.map((pupilId) => ({ pupilId, code: 'N' })),
        recordedBy: school.teacher.id,
        teacherCodesOnly: true,
        reason: null,
        idempotencyKey: null,
      },
    );
    if (!taken.ok) throw new Error(JSON.stringify(taken.error));
    return { ...school, clock, marks: taken.value.marks };
  }

  it('amends a mark with a reason, keeping the original and the amendment in history', async () => {
    const { marks, office, clock } = await registerTakenAt('2024-09-10T08:30:00Z');
    const mark = marks[0];
    if (!mark) throw new Error('no mark');
    const amended = await amendRegisterMark(
      { db: database.db, clock },
      {
        markId: mark.markId,
        expectedVersion: mark.version,
        code: 'I',
        reason: 'mother phoned: flu',
        changedBy: office.id,
        teacherCodesOnly: false,
        source: 'office',
      },
    );
    expect(amended.ok).toBe(true);
    const history = await listMarkHistory(database.db, mark.markId);
    expect(
      history.map((entry) => [
        entry.previousCode,
        entry.newCode,
        entry.reason,
        entry.changedBy.role,
      ]),
    ).toEqual([
      [null, 'N', null, 'teacher'],
      ['N', 'I', 'mother phoned: flu', 'office'],
    ]);
  });

  it('gives the second of two concurrent amendments a conflict carrying the current mark, losing nothing', async () => {
    const { marks, office, teacher, clock } = await registerTakenAt('2024-09-10T08:30:00Z');
    const mark = marks[1];
    if (!mark) throw new Error('no mark');
    const deps = { db: database.db, clock };
    const [first, second] = await Promise.all([
      amendRegisterMark(deps, {
        markId: mark.markId,
        expectedVersion: mark.version,
        code: 'I',
        reason: 'illness reported',
        changedBy: office.id,
        teacherCodesOnly: false,
        source: 'office',
      }),
      amendRegisterMark(deps, {
        markId: mark.markId,
        expectedVersion: mark.version,
        code: 'L',
        reason: 'arrived late',
        changedBy: teacher.id,
        teacherCodesOnly: true,
        source: 'register',
      }),
    ]);
    const outcomes = [first, second].map((result) => (result.ok ? 'ok' : result.error.kind)).sort();
    expect(outcomes).toEqual(['ok', 'version-conflict']);
    const history = await listMarkHistory(database.db, mark.markId);
    expect(history).toHaveLength(2);
  });

  it('refuses an amendment without a reason or with a code of another jurisdiction', async () => {
    const { marks, office, clock } = await registerTakenAt('2024-09-10T08:30:00Z');
    const mark = marks[0];
    if (!mark) throw new Error('no mark');
    const deps = { db: database.db, clock };
    const base = {
      markId: mark.markId,
      expectedVersion: mark.version,
      changedBy: office.id,
      teacherCodesOnly: false,
      source: 'office' as const,
    };
    expect(await amendRegisterMark(deps, { ...base, code: 'I', reason: '  ' })).toEqual({
      ok: false,
      error: { kind: 'reason-missing' },
    });
    const wrong = await amendRegisterMark(deps, { ...base, code: 'F', reason: 'extended holiday' });
    expect(wrong.ok).toBe(false);
    if (!wrong.ok && wrong.error.kind === 'invalid-code')
      expect(wrong.error.message).toContain('not a code in England');
  });

  it('signs in a late arrival as L before the register closes and U after, replacing N', async () => {
    const school = await registerTakenAt('2024-09-10T08:00:00Z');
    const [early, late] = school.pupilIds;
    // 09:10 and 09:20 London time (BST): the morning register closes at 09:15.
    const before = await signInLate(
      { db: database.db, clock: clockAt('2024-09-10T08:10:00Z') },
      {
        schoolId: school.school.id,
        pupilId: early ?? 0,
        recordedBy: school.office.id,
        reason: 'dentist',
      },
    );
    const after = await signInLate(
      { db: database.db, clock: clockAt('2024-09-10T08:20:00Z') },
      {
        schoolId: school.school.id,
        pupilId: late ?? 0,
        recordedBy: school.office.id,
        reason: null,
      },
    );
    expect(before.ok && before.value.code).toBe('L');
    expect(after.ok && after.value.code).toBe('U');
    const mark = await findMark(database.db, {
      schoolId: school.school.id,
      pupilId: late ?? 0,
      date: '2024-09-10',
      session: 'AM',
    });
    expect(mark?.code).toBe('U');
    const history = await listMarkHistory(database.db, mark?.id ?? 0);
    expect(history.at(-1)?.reason).toBe(
      'signed in at reception at 09:20, after the register closed',
    );
  });

  it('codes the afternoon for a pupil signed out before it, and records the sign-out', async () => {
    const school = await registerTakenAt('2024-09-10T08:00:00Z');
    const pupilId = school.pupilIds[2] ?? 0;
    const out = await signOutEarly(
      { db: database.db, clock: clockAt('2024-09-10T10:30:00Z') },
      {
        schoolId: school.school.id,
        pupilId,
        recordedBy: school.office.id,
        reason: 'orthodontist',
        afternoonCode: 'M',
      },
    );
    expect(out.ok && out.value.afternoonCode).toBe('M');
    const mark = await findMark(database.db, {
      schoolId: school.school.id,
      pupilId,
      date: '2024-09-10',
      session: 'PM',
    });
    expect(mark?.code).toBe('M');
  });

  it('turns N into the reported reason for the sessions a parent reports, and only those', async () => {
    const school = await registerTakenAt('2024-09-10T08:00:00Z');
    const [reported, other] = school.pupilIds;
    const result = await reportAbsence(
      { db: database.db, clock: clockAt('2024-09-10T09:00:00Z') },
      {
        schoolId: school.school.id,
        pupilId: reported ?? 0,
        reportedBy: school.office.id,
        contactId: null,
        source: 'office',
        reason: 'illness',
        details: 'sickness bug',
        from: { date: '2024-09-10', session: 'AM' },
        to: { date: '2024-09-11', session: 'PM' },
        expectedReturn: '2024-09-12',
      },
    );
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    expect(result.value.resolvedMarks).toBe(1);
    expect(result.value.report.suggestedCode).toBe('I');
    const markOf = (pupilId: number | undefined) =>
      findMark(database.db, {
        schoolId: school.school.id,
        pupilId: pupilId ?? 0,
        date: '2024-09-10',
        session: 'AM',
      });
    expect((await markOf(reported))?.code).toBe('I');
    expect((await markOf(other))?.code).toBe('N');
  });

  it('refuses a report that ends before it starts', async () => {
    const school = await registerTakenAt('2024-09-10T08:00:00Z');
    const result = await reportAbsence(
      { db: database.db, clock: school.clock },
      {
        schoolId: school.school.id,
        pupilId: school.pupilIds[0] ?? 0,
        reportedBy: school.office.id,
        contactId: null,
        source: 'office',
        reason: 'illness',
        details: null,
        from: { date: '2024-09-11', session: 'AM' },
        to: { date: '2024-09-10', session: 'PM' },
        expectedReturn: null,
      },
    );
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error).toMatchObject({
        kind: 'invalid-span',
        message: expect.stringContaining('before it starts') as unknown,
      });
  });
});
