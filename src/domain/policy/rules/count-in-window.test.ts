import { describe, expect, it } from 'vitest';
import {
  alertsOf,
  autumn2024,
  calendarOf,
  countInWindow,
  days,
  evaluate,
  presentDays,
  pupilOf,
  pupilWithMarks,
  repeat,
} from '../test-support.ts';

const autumn = autumn2024();
/** School weeks of autumn2024: Sep 2, 9, 16, 23, 30, Oct 7, 14, 21, (half term), Nov 4, 11, ... */

const summerAndAutumn = calendarOf([
  ['2024-07-08', '2024-07-19'],
  ['2024-09-02', '2024-12-20'],
]);
const autumnAndSpring = calendarOf([
  ['2024-09-02', '2024-12-20'],
  ['2025-01-06', '2025-04-04'],
]);

describe('count in window over rolling school weeks', () => {
  const twoInTwoWeeks = countInWindow('r', {
    codes: ['UNAUTH'],
    threshold: 2,
    window: 'rolling 2 school weeks',
  });

  it('counts a session on the Monday morning that opens the window', () => {
    const pupil = pupilWithMarks(autumn, ['2024-09-02 AM N', '2024-09-13 PM N']);
    expect(alertsOf(autumn, [twoInTwoWeeks], pupil, '2024-12-20')).toEqual(['r 2024-09-13 PM']);
  });

  it('leaves out a session on the Friday afternoon just before the window', () => {
    const pupil = pupilWithMarks(autumn, ['2024-09-06 PM N', '2024-09-16 AM N']);
    expect(alertsOf(autumn, [twoInTwoWeeks], pupil, '2024-12-20')).toEqual([]);
  });

  it('skips a half-term week, which is not a school week', () => {
    const pupil = pupilWithMarks(autumn, ['2024-10-25 PM N', '2024-11-04 AM N']);
    expect(alertsOf(autumn, [twoInTwoWeeks], pupil, '2024-12-20')).toEqual(['r 2024-11-04 AM']);
  });

  it('counts a week with a single school day as a whole school week', () => {
    // Monday to Thursday 16-19 September closed: that week has only Friday 20 September.
    const oneDayWeek = calendarOf(
      [['2024-09-02', '2024-12-20']],
      [{ date: '2024-09-16', to: '2024-09-19', reason: 'closed' }],
    );
    const across = pupilWithMarks(oneDayWeek, ['2024-09-13 PM N', '2024-09-23 AM N']);
    expect(alertsOf(oneDayWeek, [twoInTwoWeeks], across, '2024-12-20')).toEqual([]);
    const within = pupilWithMarks(oneDayWeek, ['2024-09-20 AM N', '2024-09-23 AM N']);
    expect(alertsOf(oneDayWeek, [twoInTwoWeeks], within, '2024-12-20')).toEqual([
      'r 2024-09-23 AM',
    ]);
  });

  it('spans the summer holiday, two terms and two academic years', () => {
    const pupil = pupilWithMarks(summerAndAutumn, ['2024-07-19 PM G', '2024-09-02 AM N']);
    const evaluation = evaluate(summerAndAutumn, [twoInTwoWeeks], [pupil], '2024-09-06');
    expect(evaluation.pupils[0]?.alerts).toEqual([
      { rule: 'r', date: '2024-09-02', session: 'AM', count: 2, from: '2024-07-19' },
    ]);
  });

  it('fires the national threshold at the tenth Monday of ten school weeks across half term', () => {
    const national = countInWindow('penalty-notice-threshold', {
      codes: ['UNAUTH'],
      threshold: 10,
      window: 'rolling 10 school weeks',
    });
    const mondays = [
      '2024-09-02',
      '2024-09-09',
      '2024-09-16',
      '2024-09-23',
      '2024-09-30',
      '2024-10-07',
      '2024-10-14',
      '2024-10-21',
      '2024-11-04',
      '2024-11-11',
    ];
    const pupil = pupilWithMarks(
      autumn,
      mondays.map((monday) => `${monday} AM O`),
    );
    expect(alertsOf(autumn, [national], pupil, '2024-12-20')).toEqual([
      'penalty-notice-threshold 2024-11-11 AM',
    ]);
    // The same ten absences spread over eleven school weeks (none on 9 September, one on
    // 18 November) never put ten inside one window.
    const later = pupilWithMarks(autumn, [
      '2024-09-02 AM O',
      ...mondays.slice(2).map((monday) => `${monday} AM O`),
      '2024-11-18 AM O',
    ]);
    expect(alertsOf(autumn, [national], later, '2024-12-20')).toEqual([]);
  });
});

describe('count in window over terms, academic years and months', () => {
  const marks = ['2024-12-20 PM N', '2025-01-06 AM N'];

  it('with "term" counts only the current term', () => {
    const rule = countInWindow('r', { codes: ['N'], threshold: 2, window: 'term' });
    const pupil = pupilWithMarks(autumnAndSpring, marks);
    expect(alertsOf(autumnAndSpring, [rule], pupil, '2025-04-04')).toEqual([]);
    const third = pupilWithMarks(autumnAndSpring, [...marks, '2025-01-07 AM N']);
    expect(alertsOf(autumnAndSpring, [rule], third, '2025-04-04')).toEqual(['r 2025-01-07 AM']);
  });

  it('with "term+previous" counts the previous term too', () => {
    const rule = countInWindow('r', { codes: ['N'], threshold: 2, window: 'term+previous' });
    const pupil = pupilWithMarks(autumnAndSpring, marks);
    expect(alertsOf(autumnAndSpring, [rule], pupil, '2025-04-04')).toEqual(['r 2025-01-06 AM']);
  });

  it('with "term+previous" does not reach back two terms', () => {
    const threeTerms = calendarOf([
      ['2024-09-02', '2024-12-20'],
      ['2025-01-06', '2025-04-04'],
      ['2025-04-22', '2025-07-18'],
    ]);
    const rule = countInWindow('r', { codes: ['N'], threshold: 2, window: 'term+previous' });
    const pupil = pupilWithMarks(threeTerms, ['2024-12-20 PM N', '2025-04-22 AM N']);
    expect(alertsOf(threeTerms, [rule], pupil, '2025-07-18')).toEqual([]);
  });

  it('with "academic year" starts again on 1 September', () => {
    const rule = countInWindow('r', { codes: ['N'], threshold: 2, window: 'academic year' });
    const pupil = pupilWithMarks(summerAndAutumn, ['2024-07-19 PM N', '2024-09-02 AM N']);
    expect(alertsOf(summerAndAutumn, [rule], pupil, '2024-12-20')).toEqual([]);
    const second = pupilWithMarks(summerAndAutumn, ['2024-07-19 PM N', '2024-09-02 AM N N']);
    expect(alertsOf(summerAndAutumn, [rule], second, '2024-12-20')).toEqual(['r 2024-09-02 PM']);
  });

  it('with "calendar month" starts again on the first of the month', () => {
    const rule = countInWindow('r', { codes: ['N'], threshold: 2, window: 'calendar month' });
    const pupil = pupilWithMarks(autumn, ['2024-09-30 PM N', '2024-10-01 AM N']);
    expect(alertsOf(autumn, [rule], pupil, '2024-12-20')).toEqual([]);
    const second = pupilWithMarks(autumn, ['2024-09-30 PM N', '2024-10-01 AM N N']);
    expect(alertsOf(autumn, [rule], second, '2024-12-20')).toEqual(['r 2024-10-01 PM']);
  });

  it('counts only the codes of its set', () => {
    const rule = countInWindow('r', { codes: ['UNAUTH'], threshold: 2, window: 'term' });
    const pupil = pupilOf(autumn, 'N I M / \\ X O');
    expect(alertsOf(autumn, [rule], pupil, '2024-12-20')).toEqual(['r 2024-09-05 AM']);
  });
});

describe('count in window: consumption versus at most once per period', () => {
  it('restarts the count after each occurrence', () => {
    const rule = countInWindow('r', {
      codes: ['N'],
      threshold: 3,
      window: 'rolling 10 school weeks',
    });
    expect(alertsOf(autumn, [rule], pupilOf(autumn, repeat('N', 5)), '2024-12-20')).toEqual([
      'r 2024-09-03 AM',
    ]);
    expect(alertsOf(autumn, [rule], pupilOf(autumn, repeat('N', 6)), '2024-12-20')).toEqual([
      'r 2024-09-03 AM',
      'r 2024-09-04 PM',
    ]);
  });

  it('once per academic year, fires once however many more sessions follow', () => {
    const rule = countInWindow('r', {
      codes: ['N'],
      threshold: 3,
      window: 'academic year',
      oncePer: 'academic-year',
    });
    expect(alertsOf(autumn, [rule], pupilOf(autumn, days('N', 20)), '2024-12-20')).toEqual([
      'r 2024-09-03 AM',
    ]);
  });

  it('once per calendar month, does not consume the count: the next month fires at once', () => {
    const monthly = countInWindow('r', {
      codes: ['N'],
      threshold: 3,
      window: 'academic year',
      oncePer: 'calendar-month',
    });
    const consumed = countInWindow('r', { codes: ['N'], threshold: 3, window: 'academic year' });
    const pupil = pupilWithMarks(autumn, ['2024-09-02 AM N N N N', '2024-10-01 AM N']);
    expect(alertsOf(autumn, [monthly], pupil, '2024-12-20')).toEqual([
      'r 2024-09-03 AM',
      'r 2024-10-01 AM',
    ]);
    expect(alertsOf(autumn, [consumed], pupil, '2024-12-20')).toEqual(['r 2024-09-03 AM']);
  });

  it('once per term, is silent until the next term and then counts that term afresh', () => {
    const rule = countInWindow('r', {
      codes: ['N'],
      threshold: 2,
      window: 'term',
      oncePer: 'term',
    });
    const pupil = pupilWithMarks(autumnAndSpring, [
      '2024-09-02 AM N N N N',
      '2024-12-20 PM N',
      '2025-01-06 AM N',
      '2025-01-08 PM N',
      '2025-01-09 AM N N N',
    ]);
    expect(alertsOf(autumnAndSpring, [rule], pupil, '2025-04-04')).toEqual([
      'r 2024-09-02 PM',
      'r 2025-01-08 PM',
    ]);
  });
});

describe('count in window with a year-to-date condition (Pembrokeshire)', () => {
  const pembrokeshire = countInWindow('penalty-notice-threshold', {
    codes: ['UNAUTH'],
    threshold: 10,
    window: 'term',
    oncePer: 'term',
    onlyWhen: { measure: 'attendance-rate', below: 0.9 },
  });

  it('waits for a session at which attendance to date is below 90%, not merely 90%', () => {
    // 45 days present (to 8 November), then unauthorised absence from Monday 11 November.
    const pupil = pupilOf(autumn, `${presentDays(45)} ${days('O', 10)}`);
    // The 10th O (15 Nov PM) leaves 90 of 100 sessions attended: exactly 90%, so no alert.
    // The 11th (18 Nov AM) makes it 90 of 101, below 90%: the rule fires with 11 counted.
    const evaluation = evaluate(autumn, [pembrokeshire], [pupil], '2024-12-20', 'wales');
    expect(evaluation.pupils[0]?.alerts).toEqual([
      {
        rule: 'penalty-notice-threshold',
        date: '2024-11-18',
        session: 'AM',
        count: 11,
        from: '2024-11-11',
      },
    ]);
  });

  it('fires at the tenth session when attendance is already low, then stays silent that term', () => {
    const pupil = pupilWithMarks(autumnAndSpring, [
      `2024-09-02 AM ${days('O', 8)}`,
      `2025-01-06 AM ${repeat('O', 9)}`,
      '2025-01-13 AM O',
    ]);
    expect(alertsOf(autumnAndSpring, [pembrokeshire], pupil, '2025-04-04', 'wales')).toEqual([
      'penalty-notice-threshold 2024-09-06 PM',
      'penalty-notice-threshold 2025-01-13 AM',
    ]);
  });

  it('does not fire while attendance for the year stays at or above 90%', () => {
    const pupil = pupilOf(autumn, `${presentDays(50)} ${repeat('O \\', 10)}`);
    // At the 10th O: 109 of 119 possible sessions attended, 91.6%.
    expect(alertsOf(autumn, [pembrokeshire], pupil, '2024-12-20', 'wales')).toEqual([]);
  });
});
