import { describe, expect, it } from 'vitest';
import { buildSchoolCalendar } from '../domain/calendar/school-calendar.ts';
import { buildEnglishTermDates, easterSunday } from './demo-calendar.ts';
import { planDemoSchool } from './demo-school.ts';

const secondary = {
  years: ['7', '8', '9', '10', '11'],
  classesPerYear: 4,
  pupilsPerClass: 30,
  nameClass: (year: string, index: number) => `${year}${'KING'[index] ?? ''}`,
  seed: 7,
};

describe('demo schools', () => {
  it('give every year from 2024 to 2035 between 188 and 194 school days', () => {
    expect(easterSunday(2025)).toBe('2025-04-20');
    for (let year = 2024; year <= 2035; year++) {
      const calendar = buildSchoolCalendar(buildEnglishTermDates(year));
      if (!calendar.ok) throw new Error(`${year} does not compile`);
      expect(calendar.value.days.length).toBeGreaterThanOrEqual(188);
      expect(calendar.value.days.length).toBeLessThanOrEqual(194);
    }
  });

  it('mark every session up to yesterday and none from today, the same for the same seed', () => {
    const plan = planDemoSchool(secondary, '2025-03-12');
    expect(plan.pupils).toHaveLength(600);
    const dates = plan.pupils.flatMap((pupil) => pupil.marks.map((mark) => mark.date));
    expect(dates.every((date) => date < '2025-03-12')).toBe(true);
    expect(dates).toContain('2025-03-11');
    expect(planDemoSchool(secondary, '2025-03-12').pupils[17]).toEqual(plan.pupils[17]);
    const unexplained = plan.pupils.flatMap((p) => p.marks).filter((m) => m.code === 'N');
    expect(unexplained.length).toBeGreaterThan(0);
  });

  it('draws cohorts near national rates, with birthdays that fit the year group', () => {
    const { pupils } = planDemoSchool(secondary, '2025-03-12');
    const share = (test: (p: (typeof pupils)[number]['profile']) => boolean) =>
      pupils.filter((pupil) => test(pupil.profile)).length / pupils.length;
    expect(share((p) => p.freeSchoolMeals)).toBeCloseTo(0.24, 1);
    expect(share((p) => p.senStatus !== 'N')).toBeCloseTo(0.13, 1);
    expect(share((p) => p.englishAdditionalLanguage)).toBeCloseTo(0.2, 1);
    for (const { profile } of pupils) {
      // Year 7 in 2024/25 were born between September 2012 and August 2013.
      const start = 2024 - Number(profile.year) - 5;
      expect(
        profile.dateOfBirth >= `${start}-09-01` && profile.dateOfBirth <= `${start + 1}-08-31`,
      ).toBe(true);
      expect(profile.contacts.length).toBeGreaterThanOrEqual(2);
      expect(profile.contacts.filter((c) => c.parentalResponsibility).length).toBeGreaterThan(0);
    }
  });
});
