import { describe, expect, it } from 'vitest';
import {
  alertsOf,
  autumn2024,
  calendarOf,
  days,
  presentDays,
  pupilOf,
  weeklyRate,
} from '../test-support.ts';

const autumn = autumn2024();
const persistent = weeklyRate('pa', { measure: 'absence-rate', atLeast: 0.1 });

describe('weekly rate', () => {
  it('is evaluated at the PM session of the last school day of the week', () => {
    // Absent throughout: the first week has only 10 possible sessions, so the first
    // evaluation is at the end of the second week.
    expect(alertsOf(autumn, [persistent], pupilOf(autumn, days('N', 20)), '2024-12-20')).toEqual([
      'pa 2024-09-13 PM',
    ]);
  });

  it('is evaluated on the Thursday when the Friday is a closure', () => {
    const inset = calendarOf(
      [['2024-09-02', '2024-12-20']],
      [{ date: '2024-09-20', reason: 'INSET' }],
    );
    const pupil = pupilOf(inset, `${presentDays(10)} ${days('N', 4)}`);
    expect(alertsOf(inset, [persistent], pupil, '2024-12-20')).toEqual(['pa 2024-09-19 PM']);
  });

  it('is evaluated in a week with a single school day, at that day’s PM', () => {
    const oneDayWeek = calendarOf(
      [['2024-09-02', '2024-12-20']],
      [{ date: '2024-09-16', to: '2024-09-19', reason: 'closed' }],
    );
    // 1/20 by 13 September; then both sessions of Friday 20 September missed: 3/22.
    const pupil = pupilOf(oneDayWeek, `N \\ ${presentDays(9)} N N`);
    expect(alertsOf(oneDayWeek, [persistent], pupil, '2024-12-20')).toEqual(['pa 2024-09-20 PM']);
  });

  it('is not evaluated for a week that as-of has not finished', () => {
    const pupil = pupilOf(autumn, days('N', 20));
    expect(alertsOf(autumn, [persistent], pupil, '2024-09-12')).toEqual([]);
    expect(alertsOf(autumn, [persistent], pupil, '2024-09-13')).toEqual(['pa 2024-09-13 PM']);
  });

  it('is evaluated from exactly 20 possible sessions (the floor), at exactly 10%', () => {
    const pupil = pupilOf(autumn, `N N ${presentDays(9)}`);
    expect(alertsOf(autumn, [persistent], pupil, '2024-12-20')).toEqual(['pa 2024-09-13 PM']);
    const higherFloor = weeklyRate('pa', {
      measure: 'absence-rate',
      atLeast: 0.1,
      minPossible: 21,
    });
    const stillPresent = pupilOf(autumn, `N N ${presentDays(69)}`);
    expect(alertsOf(autumn, [higherFloor], stillPresent, '2024-12-20')).toEqual([]);
  });

  it('counts only possible sessions towards the floor', () => {
    // A week of X (not possible), then 2 absences in 20 possible sessions by 20 September.
    const pupil = pupilOf(autumn, `${days('X', 5)} N N ${presentDays(9)}`);
    expect(alertsOf(autumn, [persistent], pupil, '2024-12-20')).toEqual(['pa 2024-09-20 PM']);
  });

  it('counts the floor from the day the pupil joined the roll', () => {
    const pupil = pupilOf(autumn, days('N', 70), { rollFrom: '2024-09-16' });
    expect(alertsOf(autumn, [persistent], pupil, '2024-12-20')).toEqual(['pa 2024-09-27 PM']);
  });

  it('stays silent while the condition keeps holding', () => {
    // 2/20, then 3/30, then 4/40: always 10%.
    const pupil = pupilOf(
      autumn,
      `N N ${presentDays(9)} N \\ ${presentDays(4)} N \\ ${presentDays(4)}`,
    );
    expect(alertsOf(autumn, [persistent], pupil, '2024-09-27')).toEqual(['pa 2024-09-13 PM']);
  });

  it('re-arms at an evaluation where the condition does not hold, and fires again', () => {
    // 2/20 (fires), 2/30 (re-arms), 4/40 (fires again).
    const pupil = pupilOf(autumn, `N N ${presentDays(9)} ${presentDays(5)} N N ${presentDays(4)}`);
    expect(alertsOf(autumn, [persistent], pupil, '2024-09-27')).toEqual([
      'pa 2024-09-13 PM',
      'pa 2024-09-27 PM',
    ]);
  });

  it('is re-armed at the start of each academic year and reckons each year on its own', () => {
    const twoYears = calendarOf([
      ['2024-06-03', '2024-07-19'],
      ['2024-09-02', '2024-12-20'],
    ]);
    // Absent every day of the summer term and of the autumn term's first two weeks.
    const pupil = pupilOf(twoYears, days('N', 45));
    expect(alertsOf(twoYears, [persistent], pupil, '2024-09-13')).toEqual([
      'pa 2024-06-14 PM',
      'pa 2024-09-13 PM',
    ]);
  });

  it('compares "below" strictly: 95% is not below 95%', () => {
    const below95 = weeklyRate('below-95', { measure: 'attendance-rate', below: 0.95 });
    const exactly95 = pupilOf(autumn, `N \\ ${presentDays(9)}`);
    const under95 = pupilOf(autumn, `N N ${presentDays(9)}`);
    expect(alertsOf(autumn, [below95], exactly95, '2024-09-13')).toEqual([]);
    expect(alertsOf(autumn, [below95], under95, '2024-09-13')).toEqual(['below-95 2024-09-13 PM']);
  });
});

describe('weekly rate with an extra condition', () => {
  const pss = weeklyRate(
    'pss',
    { measure: 'attendance-rate', below: 0.85 },
    { codes: ['UNAUTH'], atLeast: 1 },
  );

  it('waits for the first unauthorised session of the year', () => {
    // 14/20 by 13 September, all absences authorised; a U on 16 September: 23/30.
    const pupil = pupilOf(autumn, `${days('I', 3)} ${presentDays(7)} U \\ ${presentDays(4)}`);
    expect(alertsOf(autumn, [pss], pupil, '2024-09-20')).toEqual(['pss 2024-09-20 PM']);
    const withoutCondition = weeklyRate('pss', { measure: 'attendance-rate', below: 0.85 });
    expect(alertsOf(autumn, [withoutCondition], pupil, '2024-09-20')).toEqual([
      'pss 2024-09-13 PM',
    ]);
  });

  it('fires a nested rule in the week its own floor is reached, though that week has no absence', () => {
    const ladder = [
      weeklyRate('below-95', { measure: 'attendance-rate', below: 0.95 }),
      weeklyRate('below-90', { measure: 'attendance-rate', below: 0.9, minPossible: 30 }),
    ];
    // Absent the first four days: 12/20 by 13 September, then 22/30 by 20 September, present.
    const pupil = pupilOf(autumn, `${days('N', 4)} ${presentDays(20)}`);
    expect(alertsOf(autumn, ladder, pupil, '2024-10-04')).toEqual([
      'below-95 2024-09-13 PM',
      'below-90 2024-09-20 PM',
    ]);
  });

  it('fires again after weeks with no absence when a new absence brings the rate back', () => {
    const ladder = [
      weeklyRate('below-98', { measure: 'attendance-rate', below: 0.98 }),
      weeklyRate('pa', { measure: 'absence-rate', atLeast: 0.1 }),
    ];
    // 2/20 (both fire), then five weeks present (pa re-arms; 98% still holds, below 2/100),
    // then 5 sessions absent and the rest of that week unmarked: 7/65 by 18 October.
    const pupil = pupilOf(autumn, `N N ${presentDays(29)} ${days('N', 2)} N`);
    expect(alertsOf(autumn, ladder, pupil, '2024-10-18')).toEqual([
      'below-98 2024-09-13 PM',
      'pa 2024-09-13 PM',
      'pa 2024-10-18 PM',
    ]);
  });
});
