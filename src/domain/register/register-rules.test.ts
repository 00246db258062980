import { describe, expect, it } from 'vitest';
import { buildSchoolCalendar } from '../calendar/school-calendar.ts';
import {
  checkRegisterDate,
  checkRegisterTimes,
  codeForArrival,
  explainInvalidCode,
  isRegisterClosed,
  sessionAt,
} from './register-rules.ts';

const times = { amOpens: '08:45', amCloses: '09:15', pmOpens: '13:00', pmCloses: '13:15' };

describe('register times', () => {
  it('code a late arrival L up to and including the close of the register and U after it', () => {
    expect(codeForArrival(times, 'AM', '08:40')).toBe('/');
    expect(codeForArrival(times, 'AM', '08:46')).toBe('L');
    expect(codeForArrival(times, 'AM', '09:15')).toBe('L');
    expect(codeForArrival(times, 'AM', '09:16')).toBe('U');
    expect(codeForArrival(times, 'PM', '13:20')).toBe('U');
    expect(codeForArrival(times, 'PM', '12:55')).toBe('\\');
  });

  it('place a time in the morning until the afternoon register opens', () => {
    expect(sessionAt(times, '12:59')).toBe('AM');
    expect(sessionAt(times, '13:00')).toBe('PM');
    expect(isRegisterClosed(times, 'AM', '09:16')).toBe(true);
    expect(isRegisterClosed(times, 'AM', '09:15')).toBe(false);
  });

  it('must be real times, in order, each register open at most 30 minutes', () => {
    expect(checkRegisterTimes(times)).toEqual([]);
    expect(checkRegisterTimes({ ...times, amOpens: '8:45' })).toEqual([
      'amOpens must be a time HH:MM, not "8:45"',
    ]);
    expect(checkRegisterTimes({ ...times, amCloses: '09:30' })).toEqual([
      'the morning register may stay open for at most 30 minutes',
    ]);
    expect(checkRegisterTimes({ ...times, pmOpens: '09:00' })).toContain(
      'the morning register must close before the afternoon register opens',
    );
  });
});

describe('register dates and codes', () => {
  const calendar = buildSchoolCalendar({
    terms: [{ name: 'Autumn', start: '2024-09-02', end: '2024-12-20' }],
    closures: [{ date: '2024-10-25', reason: 'INSET' }],
  });
  if (!calendar.ok) throw new Error('calendar');

  it('take a register only on a school day up to today', () => {
    expect(checkRegisterDate(calendar.value, '2024-09-10', '2024-09-10')).toBeNull();
    expect(checkRegisterDate(calendar.value, '2024-09-14', '2024-09-20')).toEqual({
      kind: 'not-a-school-day',
      date: '2024-09-14',
      why: 'a Saturday',
    });
    expect(checkRegisterDate(calendar.value, '2024-10-25', '2024-11-20')).toEqual({
      kind: 'not-a-school-day',
      date: '2024-10-25',
      why: 'a closure (INSET)',
    });
    expect(checkRegisterDate(calendar.value, '2024-09-11', '2024-09-10')).toEqual({
      kind: 'future-date',
      date: '2024-09-11',
      today: '2024-09-10',
    });
  });

  it('explain codes withdrawn in England in 2024, and codes of the other jurisdiction', () => {
    expect(explainInvalidCode('england', '2024-09-10', 'H')).toContain(
      'withdrawn in England on 19 August 2024',
    );
    expect(explainInvalidCode('england', '2024-06-10', 'H')).toBeNull();
    expect(explainInvalidCode('wales', '2024-09-10', 'H')).toBeNull();
    expect(explainInvalidCode('wales', '2024-09-10', 'C1')).toContain(
      'is not an attendance code of Wales',
    );
  });
});
