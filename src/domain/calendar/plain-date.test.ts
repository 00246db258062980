import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  academicYearLabel,
  academicYearOf,
  addDays,
  compareDates,
  dayNumberFromParts,
  fromDayNumber,
  isIsoDate,
  isoWeekday,
  mondayOf,
  partsFromDayNumber,
  toDayNumber,
  weekdayOfDayNumber,
} from './plain-date.ts';

const FIRST_DAY = toDayNumber('0001-01-01');
const LAST_DAY = toDayNumber('9999-12-31');
const dayNumbers = fc.integer({ min: FIRST_DAY, max: LAST_DAY });
const pad = (n: number, width: number) => String(n).padStart(width, '0');
/** Real calendar dates written YYYY-MM-DD, years 1 to 9999. */
const isoDates = fc
  .tuple(
    fc.integer({ min: 1, max: 9999 }),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 1, max: 31 }),
  )
  .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`)
  .filter(isIsoDate);

describe('day numbers', () => {
  it('count days from 1 January 1970', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(toDayNumber('1970-01-02')).toBe(1);
    expect(toDayNumber('1969-12-31')).toBe(-1);
    expect(toDayNumber('2000-03-01')).toBe(11017);
    expect(fromDayNumber(19967)).toBe('2024-09-01');
  });

  it('round-trip every date: fromDayNumber(toDayNumber(d)) is d', () => {
    fc.assert(fc.property(isoDates, (date) => fromDayNumber(toDayNumber(date)) === date));
  });

  it('round-trip every day number: toDayNumber(fromDayNumber(n)) is n', () => {
    fc.assert(fc.property(dayNumbers, (n) => toDayNumber(fromDayNumber(n)) === n));
  });

  it('agree with the parts form', () => {
    fc.assert(
      fc.property(dayNumbers, (n) => {
        const { year, month, day } = partsFromDayNumber(n);
        return dayNumberFromParts(year, month, day) === n;
      }),
    );
  });

  it('put consecutive dates one day apart, across month and year ends', () => {
    fc.assert(
      fc.property(dayNumbers, (n) => fromDayNumber(n) < fromDayNumber(n + 1) || n === LAST_DAY),
    );
  });
});

describe('leap years', () => {
  it('have a 29 February every fourth year, but not in 1900 or 2100, and in 2000', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('1900-02-29')).toBe(false);
    expect(isIsoDate('2100-02-29')).toBe(false);
  });

  it('make 28 February the day before 1 March only in common years', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(toDayNumber('2025-01-01') - toDayNumber('2024-01-01')).toBe(366);
    expect(toDayNumber('2026-01-01') - toDayNumber('2025-01-01')).toBe(365);
  });
});

describe('isIsoDate', () => {
  it('accepts real dates written YYYY-MM-DD', () => {
    expect(isIsoDate('2024-09-04')).toBe(true);
    expect(isIsoDate('2024-12-31')).toBe(true);
  });

  it('rejects dates that do not exist', () => {
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2024-04-31')).toBe(false);
    expect(isIsoDate('2024-13-01')).toBe(false);
    expect(isIsoDate('2024-00-10')).toBe(false);
    expect(isIsoDate('2024-01-00')).toBe(false);
    expect(isIsoDate('2024-01-32')).toBe(false);
  });

  it('rejects other ways of writing a date', () => {
    expect(isIsoDate('2024-9-4')).toBe(false);
    expect(isIsoDate('24-09-04')).toBe(false);
    expect(isIsoDate('04/09/2024')).toBe(false);
    expect(isIsoDate(' 2024-09-04')).toBe(false);
    expect(isIsoDate('2024-09-04T00:00')).toBe(false);
    expect(isIsoDate('')).toBe(false);
  });
});

describe('weekdays', () => {
  it('number Monday 1 to Sunday 7', () => {
    expect(isoWeekday('1970-01-01')).toBe(4);
    expect(isoWeekday('2024-09-02')).toBe(1);
    expect(isoWeekday('2024-09-06')).toBe(5);
    expect(isoWeekday('2024-09-07')).toBe(6);
    expect(isoWeekday('2024-09-08')).toBe(7);
    expect(isoWeekday('2025-06-27')).toBe(5);
    expect(isoWeekday('2000-02-29')).toBe(2);
  });

  it('advance by one each day and repeat every seven days, before 1970 too', () => {
    fc.assert(
      fc.property(dayNumbers, (n) => {
        const weekday = weekdayOfDayNumber(n);
        return (
          weekday >= 1 &&
          weekday <= 7 &&
          weekdayOfDayNumber(n + 7) === weekday &&
          weekdayOfDayNumber(n + 1) === (weekday % 7) + 1
        );
      }),
    );
  });

  it('start each week on the Monday on or before the date', () => {
    expect(mondayOf('2024-09-02')).toBe('2024-09-02');
    expect(mondayOf('2024-09-06')).toBe('2024-09-02');
    expect(mondayOf('2024-09-08')).toBe('2024-09-02');
    expect(mondayOf('2025-01-01')).toBe('2024-12-30');
    fc.assert(
      fc.property(isoDates, (date) => {
        const monday = mondayOf(date);
        const gap = toDayNumber(date) - toDayNumber(monday);
        return isoWeekday(monday) === 1 && gap >= 0 && gap < 7;
      }),
    );
  });
});

describe('academic years', () => {
  it('run from 1 September to 31 August', () => {
    expect(academicYearOf('2024-08-31')).toBe(2023);
    expect(academicYearOf('2024-09-01')).toBe(2024);
    expect(academicYearOf('2024-12-31')).toBe(2024);
    expect(academicYearOf('2025-01-01')).toBe(2024);
  });

  it('are labelled with both years', () => {
    expect(academicYearLabel(2024)).toBe('2024/25');
    expect(academicYearLabel(1999)).toBe('1999/00');
    expect(academicYearLabel(2009)).toBe('2009/10');
  });
});

describe('compareDates', () => {
  it('orders dates as the calendar does', () => {
    expect(compareDates('2024-09-02', '2024-10-01')).toBe(-1);
    expect(compareDates('2025-01-01', '2024-12-31')).toBe(1);
    expect(compareDates('2024-09-02', '2024-09-02')).toBe(0);
    fc.assert(
      fc.property(dayNumbers, dayNumbers, (a, b) => {
        const order = compareDates(fromDayNumber(a), fromDayNumber(b));
        return order === Math.sign(a - b);
      }),
    );
  });
});
