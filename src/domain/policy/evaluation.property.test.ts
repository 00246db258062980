import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { academicYearOf } from '../calendar/plain-date.ts';
import { codeId } from '../codes/code-registry.ts';
import type { Jurisdiction } from '../codes/code-table.ts';
import { codeTableFor } from '../codes/code-tables.ts';
import type { PupilAttendance } from '../statistics/attendance-context.ts';
import type { SchoolEvaluation } from './evaluate-school.ts';
import {
  calendarOf,
  consecutiveDays,
  countInWindow,
  evaluate,
  unresolvedMark,
  weeklyRate,
} from './test-support.ts';

// Two academic years and both English code tables (the summer term 2024 is before 19 August).
const calendar = calendarOf(
  [
    ['2024-06-03', '2024-07-19'],
    ['2024-09-02', '2024-12-20'],
    ['2025-01-06', '2025-04-04'],
  ],
  [
    { date: '2024-10-28', to: '2024-11-01', reason: 'half term' },
    { date: '2025-02-17', to: '2025-02-21', reason: 'half term' },
  ],
);
const dayCount = calendar.days.length;

/** Every rule kind with small thresholds, so random registers raise alerts of each. */
const rules = [
  countInWindow('cw-rolling', {
    codes: ['UNAUTH'],
    threshold: 3,
    window: 'rolling 2 school weeks',
  }),
  countInWindow('cw-previous', { codes: ['UNAUTH'], threshold: 6, window: 'term+previous' }),
  countInWindow('cw-year', { codes: ['ABSENT'], threshold: 8, window: 'academic year' }),
  countInWindow('cw-term-once', {
    codes: ['ABSENT'],
    threshold: 4,
    window: 'term',
    oncePer: 'term',
  }),
  countInWindow('cw-month-once', {
    codes: ['ABSENT'],
    threshold: 5,
    window: 'calendar month',
    oncePer: 'calendar-month',
  }),
  countInWindow('cw-below-90', {
    codes: ['UNAUTH'],
    threshold: 3,
    window: 'term',
    oncePer: 'term',
    onlyWhen: { measure: 'attendance-rate', below: 0.9 },
  }),
  consecutiveDays('cd-unplanned', { codes: ['UNPLANNED'], days: 2 }),
  consecutiveDays('cd-no-contact', {
    codes: ['UNEXPLAINED'],
    days: 2,
    breakOnReachedContact: true,
  }),
  weeklyRate('wr-persistent', { measure: 'absence-rate', atLeast: 0.1 }),
  weeklyRate(
    'wr-below-90',
    { measure: 'attendance-rate', below: 0.9, minPossible: 10 },
    { codes: ['UNAUTH'], atLeast: 1 },
  ),
  unresolvedMark('um-n', { code: 'N', days: 3 }),
];

/** A register value per session: mostly present, some unmarked, the rest any code of the table. */
const sessionValues = fc.array(fc.nat({ max: 99 }), {
  minLength: dayCount * 2,
  maxLength: dayCount * 2,
});

interface PupilSpec {
  readonly values: number[];
  readonly rollFrom: number | undefined;
  readonly rollLength: number | undefined;
  readonly reached: number[];
}

const pupilSpec: fc.Arbitrary<PupilSpec> = fc.record({
  values: sessionValues,
  rollFrom: fc.option(fc.nat({ max: dayCount - 1 }), { nil: undefined }),
  rollLength: fc.option(fc.nat({ max: dayCount }), { nil: undefined }),
  reached: fc.uniqueArray(fc.nat({ max: dayCount - 1 }), { maxLength: 10 }),
});

function pupilFrom(jurisdiction: Jurisdiction, spec: PupilSpec, index: number): PupilAttendance {
  const marks = new Uint8Array(dayCount * 2);
  spec.values.forEach((value, session) => {
    const table = codeTableFor(jurisdiction, calendar.days[session >> 1] ?? '');
    if (value < 50) marks[session] = codeId(session % 2 === 0 ? '/' : '\\');
    else if (value < 55) marks[session] = 0;
    else marks[session] = codeId(table.codes[value % table.codes.length]?.code ?? '');
  });
  const rollFromDay = spec.rollFrom ?? 0;
  const rollToDay =
    spec.rollLength === undefined ? dayCount : Math.min(dayCount, rollFromDay + spec.rollLength);
  return {
    id: `P${index}`,
    marks,
    rollFromDay,
    rollToDay,
    reachedContactDays: new Set(spec.reached),
  };
}

const school = fc.record({
  jurisdiction: fc.constantFrom<Jurisdiction>('england', 'wales'),
  pupils: fc.array(pupilSpec, { minLength: 1, maxLength: 3 }),
  asOfDay: fc.nat({ max: dayCount - 1 }),
  laterBy: fc.nat({ max: dayCount }),
});

function evaluateSchoolAt(
  jurisdiction: Jurisdiction,
  pupils: readonly PupilAttendance[],
  asOfDay: number,
): SchoolEvaluation {
  return evaluate(calendar, rules, pupils, calendar.days[asOfDay] ?? '', jurisdiction);
}

/** Sessions on roll in the evaluation period up to as-of, counted from the calendar directly. */
function sessionsOnRollInPeriod(pupil: PupilAttendance, asOf: string): number {
  const yearStart = `${academicYearOf(asOf)}-09-01`;
  let sessions = 0;
  calendar.days.forEach((date, day) => {
    if (date >= yearStart && date <= asOf && day >= pupil.rollFromDay && day < pupil.rollToDay)
      sessions += 2;
  });
  return sessions;
}

describe('the random registers', () => {
  it('raise every rule, so the properties below are not vacuous', () => {
    const raised = new Set<string>();
    for (const { jurisdiction, pupils } of fc.sample(school, { numRuns: 40, seed: 2024 })) {
      const attendance = pupils.map((spec, i) => pupilFrom(jurisdiction, spec, i));
      const evaluation = evaluateSchoolAt(jurisdiction, attendance, dayCount - 1);
      for (const pupil of evaluation.pupils)
        for (const alert of pupil.alerts) raised.add(alert.rule);
    }
    expect([...raised].sort()).toEqual(rules.map((rule) => rule.id).sort());
  });
});

describe('for any register', () => {
  it('possible = attended + authorised + unauthorised for every pupil, and every session is counted once', () => {
    fc.assert(
      fc.property(school, ({ jurisdiction, pupils, asOfDay }) => {
        const attendance = pupils.map((spec, i) => pupilFrom(jurisdiction, spec, i));
        const evaluation = evaluateSchoolAt(jurisdiction, attendance, asOfDay);
        evaluation.pupils.forEach((result, i) => {
          const s = result.sessions;
          expect(s.possible).toBe(s.attended + s.authorisedAbsence + s.unauthorisedAbsence);
          expect(s.attended).toBe(s.present + s.approvedActivity);
          expect(s.late).toBeLessThanOrEqual(s.present);
          const tallied = Object.values(result.codes).reduce((sum, n) => sum + n, 0);
          expect(tallied).toBe(s.possible + s.notPossible);
          expect(s.possible + s.notPossible + s.unmarked).toBe(
            sessionsOnRollInPeriod(attendance[i]!, evaluation.asOf),
          );
        });
      }),
      { numRuns: 60 },
    );
  });

  it('the school figures are the sums of the pupils’ figures', () => {
    fc.assert(
      fc.property(school, ({ jurisdiction, pupils, asOfDay }) => {
        const attendance = pupils.map((spec, i) => pupilFrom(jurisdiction, spec, i));
        const evaluation = evaluateSchoolAt(jurisdiction, attendance, asOfDay);
        const sum = (pick: (p: (typeof evaluation.pupils)[number]) => number) =>
          evaluation.pupils.reduce((total, p) => total + pick(p), 0);
        expect(evaluation.school.possible).toBe(sum((p) => p.sessions.possible));
        expect(evaluation.school.attended).toBe(sum((p) => p.sessions.attended));
        expect(evaluation.school.authorisedAbsence).toBe(sum((p) => p.sessions.authorisedAbsence));
        expect(evaluation.school.unauthorisedAbsence).toBe(
          sum((p) => p.sessions.unauthorisedAbsence),
        );
        expect(evaluation.school.persistentAbsenceCount).toBe(
          sum((p) => (p.persistentAbsence ? 1 : 0)),
        );
        expect(evaluation.school.severeAbsenceCount).toBe(sum((p) => (p.severeAbsence ? 1 : 0)));
      }),
      { numRuns: 60 },
    );
  });

  it('rates are null exactly when there are no possible sessions, and flags follow the exact rule', () => {
    fc.assert(
      fc.property(school, ({ jurisdiction, pupils, asOfDay }) => {
        const attendance = pupils.map((spec, i) => pupilFrom(jurisdiction, spec, i));
        const evaluation = evaluateSchoolAt(jurisdiction, attendance, asOfDay);
        for (const result of [...evaluation.pupils]) {
          const { possible, authorisedAbsence, unauthorisedAbsence } = result.sessions;
          const absent = authorisedAbsence + unauthorisedAbsence;
          expect(result.attendanceRate === null).toBe(possible === 0);
          expect(result.absenceRate === null).toBe(possible === 0);
          if (result.attendanceRate !== null && result.absenceRate !== null)
            expect(result.attendanceRate + result.absenceRate).toBeCloseTo(1, 10);
          expect(result.persistentAbsence).toBe(possible > 0 && absent * 10 >= possible);
          expect(result.severeAbsence).toBe(possible > 0 && absent * 2 >= possible);
        }
        expect(evaluation.school.attendanceRate === null).toBe(evaluation.school.possible === 0);
        expect(evaluation.school.absenceRate === null).toBe(evaluation.school.possible === 0);
      }),
      { numRuns: 60 },
    );
  });

  it('evaluating as of a later date keeps every alert dated on or before the earlier date', () => {
    fc.assert(
      fc.property(school, ({ jurisdiction, pupils, asOfDay, laterBy }) => {
        const attendance = pupils.map((spec, i) => pupilFrom(jurisdiction, spec, i));
        const laterDay = Math.min(dayCount - 1, asOfDay + laterBy);
        const earlier = evaluateSchoolAt(jurisdiction, attendance, asOfDay);
        const later = evaluateSchoolAt(jurisdiction, attendance, laterDay);
        earlier.pupils.forEach((result, i) => {
          const kept = (later.pupils[i]?.alerts ?? []).filter((a) => a.date <= earlier.asOf);
          expect(kept).toEqual(result.alerts);
        });
      }),
      { numRuns: 60 },
    );
  });

  it('alerts are in date order, then AM before PM, then rule id', () => {
    fc.assert(
      fc.property(school, ({ jurisdiction, pupils, asOfDay }) => {
        const attendance = pupils.map((spec, i) => pupilFrom(jurisdiction, spec, i));
        const evaluation = evaluateSchoolAt(jurisdiction, attendance, asOfDay);
        for (const result of evaluation.pupils) {
          const keys = result.alerts.map((a) => `${a.date} ${a.session} ${a.rule}`);
          expect(keys).toEqual([...keys].sort());
          for (const alert of result.alerts) expect(alert.date <= evaluation.asOf).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });
});
