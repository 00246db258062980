import {
  addDays,
  dayNumberFromParts,
  fromDayNumber,
  isoWeekday,
  type IsoDate,
} from '../domain/calendar/plain-date.ts';
import type { ClosureInput, TermInput } from '../domain/calendar/school-calendar.ts';

/** A year's term dates in the shape a school calendar is built from. */
export interface DemoTermDates {
  readonly terms: readonly TermInput[];
  readonly closures: readonly ClosureInput[];
}

function dateOf(year: number, month: number, day: number): IsoDate {
  return fromDayNumber(dayNumberFromParts(year, month, day));
}

/** The first date on or after `date` falling on an ISO weekday (1 = Monday). */
function nextWeekday(date: IsoDate, weekday: number): IsoDate {
  return addDays(date, (weekday - isoWeekday(date) + 7) % 7);
}

/** The last date on or before `date` falling on an ISO weekday. */
function previousWeekday(date: IsoDate, weekday: number): IsoDate {
  return addDays(date, -((isoWeekday(date) - weekday + 7) % 7));
}

/** The last Monday to Friday on or before `date`. */
function lastWorkingDayUpTo(date: IsoDate): IsoDate {
  return isoWeekday(date) >= 6 ? previousWeekday(date, 5) : date;
}

/** Easter Sunday of a year (the anonymous Gregorian algorithm). */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dateOf(year, month, day);
}

/**
 * Term dates for an English school in the academic year starting in September of
 * `startYear`, following the pattern most local authorities publish: three terms, a week's
 * half term in late October, mid-February and the spring bank holiday week, two weeks at
 * Christmas and at Easter, five INSET days, and the early May bank holiday. That leaves
 * 190 days or so for pupils. Christmas, New Year, Good Friday, Easter Monday and the spring
 * bank holiday fall in the holidays.
 */
export function buildEnglishTermDates(startYear: number): DemoTermDates {
  const next = startYear + 1;
  // Term starts on 1 September when that is early in the week, otherwise the Monday after.
  const september1 = dateOf(startYear, 9, 1);
  const autumnStart = isoWeekday(september1) <= 3 ? september1 : nextWeekday(september1, 1);
  const autumnHalfTerm = previousWeekday(dateOf(startYear, 10, 31), 1);
  const autumnEnd = lastWorkingDayUpTo(dateOf(startYear, 12, 20));
  // Back on the first Monday after New Year, or on 3 January when that Monday is too late.
  const mondayAfterNewYear = nextWeekday(dateOf(next, 1, 2), 1);
  const springStart =
    mondayAfterNewYear <= dateOf(next, 1, 6) ? mondayAfterNewYear : dateOf(next, 1, 3);
  const springHalfTerm = addDays(nextWeekday(dateOf(next, 2, 1), 1), 14);
  const easter = easterSunday(next);
  // Two weeks around Easter: the week before Easter Sunday and the week after it.
  const springEnd = addDays(easter, -9);
  const summerStart = addDays(easter, 8);
  const earlyMayBankHoliday = nextWeekday(dateOf(next, 5, 1), 1);
  const springBankHoliday = previousWeekday(dateOf(next, 5, 31), 1);
  const summerEnd = lastWorkingDayUpTo(dateOf(next, 7, 22));
  // A late Easter can put the first day of the summer term on the May bank holiday.
  const summerInset = summerStart === earlyMayBankHoliday ? addDays(summerStart, 1) : summerStart;
  const label = (season: string, year: number) => `${season} ${year}`;
  const closures: ClosureInput[] = [
    { date: autumnStart, reason: 'INSET day' },
    { date: addDays(autumnHalfTerm, -3), reason: 'INSET day' },
    { date: autumnHalfTerm, to: addDays(autumnHalfTerm, 4), reason: 'Autumn half term' },
    { date: springStart, reason: 'INSET day' },
    { date: springHalfTerm, to: addDays(springHalfTerm, 4), reason: 'Spring half term' },
    { date: summerInset, reason: 'INSET day' },
    { date: earlyMayBankHoliday, reason: 'Early May bank holiday' },
    {
      date: springBankHoliday,
      to: addDays(springBankHoliday, 4),
      reason: 'Spring bank holiday and summer half term',
    },
    { date: summerEnd, reason: 'INSET day' },
  ];
  return {
    terms: [
      { name: label('Autumn', startYear), start: autumnStart, end: autumnEnd },
      { name: label('Spring', next), start: springStart, end: springEnd },
      { name: label('Summer', next), start: summerStart, end: summerEnd },
    ],
    closures: closures.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
  };
}
