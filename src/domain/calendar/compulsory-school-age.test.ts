import { describe, expect, it } from 'vitest';
import {
  ageForAcademicYear,
  ageOn,
  birthday,
  compulsorySchoolAgeEnd,
  compulsorySchoolAgeStart,
  isOfCompulsorySchoolAge,
  lastFridayOfJune,
} from './compulsory-school-age.ts';

// The worked examples of reference/compulsory-school-age.md.
const starts = [
  { dob: '2019-09-01', begins: '2024-12-31' },
  { dob: '2019-10-15', begins: '2024-12-31' },
  { dob: '2019-12-31', begins: '2024-12-31' },
  { dob: '2020-01-01', begins: '2025-03-31' },
  { dob: '2019-02-10', begins: '2024-03-31' },
  { dob: '2020-03-31', begins: '2025-03-31' },
  { dob: '2020-04-01', begins: '2025-08-31' },
  { dob: '2020-08-31', begins: '2025-08-31' },
  { dob: '2020-02-29', begins: '2025-03-31' },
];

const ends = [
  { dob: '2007-09-23', ends: '2024-06-28', rule: '(c)' },
  { dob: '2008-09-01', ends: '2025-06-27', rule: '(c)' },
  { dob: '2009-06-26', ends: '2025-06-27', rule: '(c)' },
  { dob: '2009-06-27', ends: '2025-06-27', rule: '(b)' },
  { dob: '2009-06-28', ends: '2025-06-27', rule: '(a)' },
  { dob: '2009-08-31', ends: '2025-06-27', rule: '(a)' },
  // The reference's 1-September reading of "school year" (edge case 3), the documented default.
  { dob: '2009-09-02', ends: '2026-06-26', rule: '(c), 1 September reading' },
];

describe('the school leaving date', () => {
  it('is the last Friday in June', () => {
    expect(lastFridayOfJune(2024)).toBe('2024-06-28');
    expect(lastFridayOfJune(2025)).toBe('2025-06-27');
    expect(lastFridayOfJune(2026)).toBe('2026-06-26');
    expect(lastFridayOfJune(2027)).toBe('2027-06-25');
    expect(lastFridayOfJune(2028)).toBe('2028-06-30');
  });
});

describe('compulsory school age', () => {
  it.each(starts)('for a child born $dob begins on $begins', ({ dob, begins }) => {
    expect(compulsorySchoolAgeStart(dob)).toBe(begins);
  });

  it.each(ends)('for a child born $dob ends on $ends by rule $rule', ({ dob, ends: last }) => {
    expect(compulsorySchoolAgeEnd(dob)).toBe(last);
  });

  it('includes the prescribed day it starts on and the leaving date it ends on', () => {
    expect(isOfCompulsorySchoolAge('2020-03-31', '2025-03-30')).toBe(false);
    expect(isOfCompulsorySchoolAge('2020-03-31', '2025-03-31')).toBe(true);
    expect(isOfCompulsorySchoolAge('2009-06-27', '2025-06-27')).toBe(true);
    expect(isOfCompulsorySchoolAge('2009-06-27', '2025-06-28')).toBe(false);
  });

  it('does not cover a summer-born Reception pupil in their Reception year', () => {
    expect(isOfCompulsorySchoolAge('2020-04-01', '2025-06-02')).toBe(false);
    expect(isOfCompulsorySchoolAge('2020-04-01', '2025-09-03')).toBe(true);
  });
});

describe('ages', () => {
  it('turn 29 February birthdays into 1 March in common years', () => {
    expect(birthday('2020-02-29', 5)).toBe('2025-03-01');
    expect(birthday('2020-02-29', 4)).toBe('2024-02-29');
    expect(ageOn('2020-02-29', '2025-02-28')).toBe(4);
    expect(ageOn('2020-02-29', '2025-03-01')).toBe(5);
  });

  it('count whole years, a year older on the birthday itself', () => {
    expect(ageOn('2019-10-15', '2024-10-14')).toBe(4);
    expect(ageOn('2019-10-15', '2024-10-15')).toBe(5);
  });

  it('use age on 31 August for the statistics cohort', () => {
    expect(ageForAcademicYear('2019-10-15', 2024)).toBe(4);
    expect(ageForAcademicYear('2019-08-31', 2024)).toBe(5);
  });
});
