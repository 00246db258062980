import { describe, expect, it } from 'vitest';
import {
  alertsOf,
  autumn2024,
  calendarOf,
  consecutiveDays,
  days,
  evaluate,
  presentDays,
  pupilOf,
  pupilWithMarks,
} from '../test-support.ts';

const autumn = autumn2024();
const threeDays = consecutiveDays('r', { codes: ['UNAUTH'], days: 3 });

describe('consecutive days', () => {
  it('fires at the PM session of the third day, naming the first day of the run', () => {
    const evaluation = evaluate(autumn, [threeDays], [pupilOf(autumn, days('N', 3))], '2024-12-20');
    expect(evaluation.pupils[0]?.alerts).toEqual([
      { rule: 'r', date: '2024-09-04', session: 'PM', count: 3, from: '2024-09-02' },
    ]);
  });

  it('counts any mix of the codes of its set', () => {
    expect(alertsOf(autumn, [threeDays], pupilOf(autumn, 'G N O U U O'), '2024-12-20')).toEqual([
      'r 2024-09-04 PM',
    ]);
  });

  it('does not fire before the third day is reached by as-of', () => {
    expect(alertsOf(autumn, [threeDays], pupilOf(autumn, days('N', 3)), '2024-09-03')).toEqual([]);
  });

  it('is broken by a present day', () => {
    const pupil = pupilOf(autumn, `${days('N', 2)} ${presentDays(1)} ${days('N', 2)}`);
    expect(alertsOf(autumn, [threeDays], pupil, '2024-12-20')).toEqual([]);
  });

  it('is not broken by a weekend', () => {
    // Thursday, Friday, then Monday.
    const pupil = pupilOf(autumn, `${days('N', 2)} ${presentDays(1)} ${days('N', 3)}`);
    expect(alertsOf(autumn, [threeDays], pupil, '2024-12-20')).toEqual(['r 2024-09-09 PM']);
  });

  it('is not broken by a half-term holiday', () => {
    const pupil = pupilWithMarks(autumn, [`2024-10-24 AM ${days('N', 3)}`]);
    expect(alertsOf(autumn, [threeDays], pupil, '2024-12-20')).toEqual(['r 2024-11-04 PM']);
  });

  it('is not broken by a closure in the middle of the week', () => {
    const inset = calendarOf(
      [['2024-09-02', '2024-12-20']],
      [{ date: '2024-09-11', reason: 'INSET' }],
    );
    const pupil = pupilWithMarks(inset, [`2024-09-09 AM ${days('N', 3)}`]);
    expect(alertsOf(inset, [threeDays], pupil, '2024-12-20')).toEqual(['r 2024-09-12 PM']);
  });

  it('is broken by a day with only one absent session, morning or afternoon', () => {
    const amOnly = pupilOf(autumn, `${days('N', 2)} N \\ ${days('N', 2)}`);
    const pmOnly = pupilOf(autumn, `${days('N', 2)} / N ${days('N', 2)}`);
    expect(alertsOf(autumn, [threeDays], amOnly, '2024-12-20')).toEqual([]);
    expect(alertsOf(autumn, [threeDays], pmOnly, '2024-12-20')).toEqual([]);
  });

  it('is broken by a day with a session left unmarked', () => {
    const pupil = pupilOf(autumn, `${days('N', 2)} N - ${days('N', 2)}`);
    expect(alertsOf(autumn, [threeDays], pupil, '2024-12-20')).toEqual([]);
  });

  it('is broken by a day of authorised absence', () => {
    const pupil = pupilOf(autumn, `${days('N', 2)} ${days('I', 1)} ${days('N', 2)}`);
    expect(alertsOf(autumn, [threeDays], pupil, '2024-12-20')).toEqual([]);
  });

  it('fires once per run, and again for a new run', () => {
    const pupil = pupilOf(autumn, `${days('N', 5)} ${presentDays(1)} ${days('N', 3)}`);
    expect(alertsOf(autumn, [threeDays], pupil, '2024-12-20')).toEqual([
      'r 2024-09-04 PM',
      'r 2024-09-12 PM',
    ]);
  });
});

describe('consecutive days with no reached contact', () => {
  const missing = consecutiveDays('missing', {
    codes: ['UNEXPLAINED'],
    days: 3,
    breakOnReachedContact: true,
  });

  it('fires when nobody was reached', () => {
    expect(alertsOf(autumn, [missing], pupilOf(autumn, days('N', 5)), '2024-12-20')).toEqual([
      'missing 2024-09-04 PM',
    ]);
  });

  it('treats a day on which home was reached as a day that ends the run', () => {
    const pupil = pupilOf(autumn, days('N', 5), { reachedContacts: ['2024-09-04'] });
    expect(alertsOf(autumn, [missing], pupil, '2024-12-20')).toEqual([]);
  });

  it('starts a new run after the reached day', () => {
    const pupil = pupilOf(autumn, days('N', 6), { reachedContacts: ['2024-09-03'] });
    expect(alertsOf(autumn, [missing], pupil, '2024-12-20')).toEqual(['missing 2024-09-06 PM']);
  });

  it('ignores contacts when the rule does not ask about them', () => {
    const pupil = pupilOf(autumn, days('N', 5), { reachedContacts: ['2024-09-04'] });
    const ignoring = consecutiveDays('r', { codes: ['UNEXPLAINED'], days: 3 });
    expect(alertsOf(autumn, [ignoring], pupil, '2024-12-20')).toEqual(['r 2024-09-04 PM']);
  });
});
