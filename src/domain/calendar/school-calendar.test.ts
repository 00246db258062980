import { describe, expect, it } from 'vitest';
import {
  academicYearDayRange,
  buildSchoolCalendar,
  countSchoolDaysThrough,
  explainNonSchoolDay,
  schoolDayIndex,
  sessionIndex,
  type CalendarInput,
  type SchoolCalendar,
} from './school-calendar.ts';

function build(input: CalendarInput): SchoolCalendar {
  const result = buildSchoolCalendar(input);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

function problemsOf(input: CalendarInput): string[] {
  const result = buildSchoolCalendar(input);
  return result.ok ? [] : result.error.map((p) => `${p.field}: ${p.message}`);
}

const term = (name: string, start: string, end: string) => ({ name, start, end });

describe('school days', () => {
  it('are the weekdays of each term, in date order', () => {
    const calendar = build({ terms: [term('A', '2024-09-02', '2024-09-13')], closures: [] });
    expect(calendar.days).toEqual([
      '2024-09-02',
      '2024-09-03',
      '2024-09-04',
      '2024-09-05',
      '2024-09-06',
      '2024-09-09',
      '2024-09-10',
      '2024-09-11',
      '2024-09-12',
      '2024-09-13',
    ]);
  });

  it('leave out closures, single days and ranges alike', () => {
    const calendar = build({
      terms: [term('A', '2024-09-02', '2024-09-13')],
      closures: [
        { date: '2024-09-04', reason: 'INSET' },
        { date: '2024-09-10', to: '2024-09-12', reason: 'strike' },
      ],
    });
    expect(calendar.days).toEqual([
      '2024-09-02',
      '2024-09-03',
      '2024-09-05',
      '2024-09-06',
      '2024-09-09',
      '2024-09-13',
    ]);
  });

  it('are numbered in date order even when terms are listed out of order', () => {
    const calendar = build({
      terms: [
        term('Spring', '2025-01-06', '2025-01-07'),
        term('Autumn', '2024-12-19', '2024-12-20'),
      ],
      closures: [],
    });
    expect(calendar.days).toEqual(['2024-12-19', '2024-12-20', '2025-01-06', '2025-01-07']);
    expect(calendar.terms.map((t) => t.name)).toEqual(['Autumn', 'Spring']);
    expect(Array.from(calendar.dayTerm)).toEqual([0, 0, 1, 1]);
  });

  it('can be looked up by date, and non-school days give -1', () => {
    const calendar = build({ terms: [term('A', '2024-09-02', '2024-09-13')], closures: [] });
    expect(schoolDayIndex(calendar, '2024-09-02')).toBe(0);
    expect(schoolDayIndex(calendar, '2024-09-09')).toBe(5);
    expect(schoolDayIndex(calendar, '2024-09-07')).toBe(-1);
    expect(schoolDayIndex(calendar, '2024-09-16')).toBe(-1);
  });

  it('are counted through any date, school day or not', () => {
    const calendar = build({ terms: [term('A', '2024-09-02', '2024-09-13')], closures: [] });
    expect(countSchoolDaysThrough(calendar, '2024-09-01')).toBe(0);
    expect(countSchoolDaysThrough(calendar, '2024-09-02')).toBe(1);
    expect(countSchoolDaysThrough(calendar, '2024-09-08')).toBe(5);
    expect(countSchoolDaysThrough(calendar, '2030-01-01')).toBe(10);
  });

  it('each have an AM and a PM session, numbered day * 2 and day * 2 + 1', () => {
    expect(sessionIndex(0, 'AM')).toBe(0);
    expect(sessionIndex(0, 'PM')).toBe(1);
    expect(sessionIndex(7, 'AM')).toBe(14);
    expect(sessionIndex(7, 'PM')).toBe(15);
  });
});

describe('explainNonSchoolDay', () => {
  const calendar = build({
    terms: [term('A', '2024-09-02', '2024-09-13')],
    closures: [{ date: '2024-09-10', to: '2024-09-11', reason: 'INSET' }],
  });

  it('says nothing about a school day', () => {
    expect(explainNonSchoolDay(calendar, '2024-09-02')).toBeNull();
  });

  it('names weekends, closures with their reason, and days outside every term', () => {
    expect(explainNonSchoolDay(calendar, '2024-09-07')).toBe('a Saturday');
    expect(explainNonSchoolDay(calendar, '2024-09-08')).toBe('a Sunday');
    expect(explainNonSchoolDay(calendar, '2024-09-11')).toBe('a closure (INSET)');
    expect(explainNonSchoolDay(calendar, '2024-09-16')).toBe('outside every term');
  });
});

describe('school weeks', () => {
  it('skip a half-term week, whether it is a gap between terms or a closure inside one', () => {
    const betweenTerms = build({
      terms: [term('A1', '2024-09-02', '2024-10-25'), term('A2', '2024-11-04', '2024-12-20')],
      closures: [],
    });
    const closure = build({
      terms: [term('A', '2024-09-02', '2024-12-20')],
      closures: [{ date: '2024-10-28', to: '2024-11-01', reason: 'half term' }],
    });
    for (const calendar of [betweenTerms, closure]) {
      expect(calendar.weeks).toHaveLength(15);
      expect(calendar.weeks[7]?.monday).toBe('2024-10-21');
      expect(calendar.weeks[8]?.monday).toBe('2024-11-04');
      expect(calendar.dayWeek[schoolDayIndex(calendar, '2024-11-04')]).toBe(8);
    }
  });

  it('skip the summer holiday, so week numbers run on into the next academic year', () => {
    const calendar = build({
      terms: [
        term('Summer', '2024-07-08', '2024-07-19'),
        term('Autumn', '2024-09-02', '2024-09-06'),
      ],
      closures: [],
    });
    expect(calendar.weeks.map((w) => w.monday)).toEqual(['2024-07-08', '2024-07-15', '2024-09-02']);
  });

  it('include a week with a single school day', () => {
    const calendar = build({ terms: [term('A', '2024-09-06', '2024-09-13')], closures: [] });
    expect(calendar.weeks[0]).toEqual({ monday: '2024-09-02', firstDay: 0, lastDay: 0 });
    expect(calendar.weeks[1]).toEqual({ monday: '2024-09-09', firstDay: 1, lastDay: 5 });
  });

  it('include a week whose only school day is the Friday after four closed days', () => {
    const calendar = build({
      terms: [term('A', '2024-09-02', '2024-09-20')],
      closures: [{ date: '2024-09-09', to: '2024-09-12', reason: 'closed' }],
    });
    expect(calendar.weeks.map((w) => [w.monday, w.lastDay - w.firstDay + 1])).toEqual([
      ['2024-09-02', 5],
      ['2024-09-09', 1],
      ['2024-09-16', 5],
    ]);
  });

  it('end on a Thursday when the Friday is a closure', () => {
    const calendar = build({
      terms: [term('A', '2024-09-02', '2024-09-13')],
      closures: [{ date: '2024-09-13', reason: 'INSET' }],
    });
    const lastDay = calendar.weeks[1]?.lastDay ?? -1;
    expect(calendar.days[lastDay]).toBe('2024-09-12');
  });
});

describe('terms, academic years and months of each day', () => {
  const calendar = build({
    terms: [
      term('Summer 2024', '2024-07-15', '2024-07-19'),
      term('Autumn 2024', '2024-09-02', '2024-09-03'),
      term('Autumn 2 2024', '2024-09-30', '2024-10-01'),
    ],
    closures: [],
  });

  it('give each day its term', () => {
    expect(Array.from(calendar.dayTerm)).toEqual([0, 0, 0, 0, 0, 1, 1, 2, 2]);
  });

  it('give each term its academic year and its first and last school day', () => {
    expect(calendar.terms.map((t) => [t.name, t.academicYear, t.firstDay, t.lastDay])).toEqual([
      ['Summer 2024', 2023, 0, 4],
      ['Autumn 2024', 2024, 5, 6],
      ['Autumn 2 2024', 2024, 7, 8],
    ]);
  });

  it('give each day the academic year that starts on 1 September', () => {
    expect(Array.from(calendar.dayAcademicYear)).toEqual([
      2023, 2023, 2023, 2023, 2023, 2024, 2024, 2024, 2024,
    ]);
  });

  it('give each day its calendar month', () => {
    const july = 2024 * 12 + 6;
    expect(Array.from(calendar.dayMonth)).toEqual([
      july,
      july,
      july,
      july,
      july,
      july + 2,
      july + 2,
      july + 2,
      july + 3,
    ]);
  });

  it('find the school days of an academic year', () => {
    expect(academicYearDayRange(calendar, 2023)).toEqual({ first: 0, end: 5 });
    expect(academicYearDayRange(calendar, 2024)).toEqual({ first: 5, end: 9 });
    expect(academicYearDayRange(calendar, 2025)).toEqual({ first: 9, end: 9 });
  });

  it('allow a term with no school days at all', () => {
    const weekendOnly = build({
      terms: [term('A', '2024-09-02', '2024-09-03'), term('B', '2024-09-07', '2024-09-08')],
      closures: [],
    });
    expect(weekendOnly.days).toHaveLength(2);
    const empty = weekendOnly.terms[1];
    expect(empty && empty.firstDay > empty.lastDay).toBe(true);
  });
});

describe('calendar problems', () => {
  it('report overlapping terms by name', () => {
    expect(
      problemsOf({
        terms: [
          term('Autumn', '2024-09-02', '2024-12-20'),
          term('Spring', '2024-12-20', '2025-04-04'),
        ],
        closures: [],
      }),
    ).toEqual(['calendar.terms: terms "Autumn" and "Spring" overlap']);
  });

  it('report a term that ends before it starts', () => {
    expect(
      problemsOf({ terms: [term('Autumn', '2024-12-20', '2024-09-02')], closures: [] }),
    ).toEqual(['calendar.terms[0]: term "Autumn" ends (2024-09-02) before it starts (2024-12-20)']);
  });

  it('report a closure that ends before it starts', () => {
    expect(
      problemsOf({
        terms: [term('Autumn', '2024-09-02', '2024-12-20')],
        closures: [{ date: '2024-11-01', to: '2024-10-28', reason: 'half term' }],
      }),
    ).toEqual([
      'calendar.closures[0]: closure "half term" ends (2024-10-28) before it starts (2024-11-01)',
    ]);
  });

  it('report dates that do not exist, each by field', () => {
    expect(
      problemsOf({
        terms: [term('Spring', '2025-01-06', '2025-02-29')],
        closures: [{ date: '2025-02-30', reason: 'x' }],
      }),
    ).toEqual([
      'calendar.terms[0].end: "2025-02-29" is not a valid date (YYYY-MM-DD)',
      'calendar.closures[0].date: "2025-02-30" is not a valid date (YYYY-MM-DD)',
    ]);
  });

  it('report a calendar without terms', () => {
    expect(problemsOf({ terms: [], closures: [] })).toEqual([
      'calendar.terms: the calendar needs at least one term',
    ]);
  });
});
