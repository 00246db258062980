import {
  dayNumberFromParts,
  fromDayNumber,
  weekdayOfDayNumber,
  type IsoDate,
} from './plain-date.ts';

/** The date of the `age`-th birthday; 29 February births turn a year older on 1 March. */
export function birthday(dob: IsoDate, age: number): IsoDate {
  const year = Number(dob.slice(0, 4)) + age;
  const month = Number(dob.slice(5, 7));
  const day = Number(dob.slice(8, 10));
  return fromDayNumber(dayNumberFromParts(year, month, day));
}

/** The last Friday in June of `year`: the school leaving date. */
export function lastFridayOfJune(year: number): IsoDate {
  const june30 = dayNumberFromParts(year, 6, 30);
  const back = (weekdayOfDayNumber(june30) - 5 + 7) % 7;
  return fromDayNumber(june30 - back);
}

/** First day of compulsory school age: the first prescribed day (31 Dec, 31 Mar, 31 Aug) on or after the 5th birthday. */
export function compulsorySchoolAgeStart(dob: IsoDate): IsoDate {
  const fifth = birthday(dob, 5);
  const year = Number(fifth.slice(0, 4));
  const prescribed = [`${year}-03-31`, `${year}-08-31`, `${year}-12-31`];
  return prescribed.find((day) => day >= fifth) ?? `${year + 1}-03-31`;
}

/**
 * Last day of compulsory school age (inclusive): the school leaving date of the school year in
 * which the child turns 16, with the school year taken to begin on 1 September.
 */
export function compulsorySchoolAgeEnd(dob: IsoDate): IsoDate {
  const sixteenth = birthday(dob, 16);
  const year = Number(sixteenth.slice(0, 4));
  const leavingDate = lastFridayOfJune(year);
  if (sixteenth <= leavingDate) return leavingDate;
  if (sixteenth < `${year}-09-01`) return leavingDate;
  return lastFridayOfJune(year + 1);
}

/** Whether a child born on `dob` is of compulsory school age on `date`. */
export function isOfCompulsorySchoolAge(dob: IsoDate, date: IsoDate): boolean {
  return date >= compulsorySchoolAgeStart(dob) && date <= compulsorySchoolAgeEnd(dob);
}

/** Age in whole years on `date`. */
export function ageOn(dob: IsoDate, date: IsoDate): number {
  let age = Number(date.slice(0, 4)) - Number(dob.slice(0, 4));
  if (birthday(dob, age) > date) age -= 1;
  return age;
}

/** Age on 31 August before the academic year starting in `academicYear` (the DfE statistics cohort age). */
export function ageForAcademicYear(dob: IsoDate, academicYear: number): number {
  return ageOn(dob, `${academicYear}-08-31`);
}
