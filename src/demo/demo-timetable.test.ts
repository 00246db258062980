import { describe, expect, it } from 'vitest';
import {
  DEMO_PERIODS,
  findLastMarkedDate,
  planClassTimetable,
  planDayOfLessonMarks,
} from './demo-timetable.ts';

describe('the demo secondary timetable', () => {
  it('gives a class every period of every weekday, morning and afternoon', () => {
    const week = planClassTimetable(0);
    expect(week).toHaveLength(5 * DEMO_PERIODS.length);
    expect(new Set(week.map((lesson) => lesson.weekday))).toEqual(new Set([1, 2, 3, 4, 5]));
    expect(week.filter((lesson) => lesson.session === 'PM').length).toBeGreaterThan(0);
    expect(planClassTimetable(1)[0]?.subject).not.toBe(week[0]?.subject);
  });

  it('marks one pupil in at registration absent from the second morning lesson', () => {
    const marks = (am: string, pm: string) => [
      { date: '2025-03-10', session: 'AM' as const, code: '/' },
      { date: '2025-03-11', session: 'AM' as const, code: am },
      { date: '2025-03-11', session: 'PM' as const, code: pm },
    ];
    const pupils = [
      { key: 10, marks: marks('I', 'I') },
      { key: 11, marks: marks('/', '\\') },
      { key: 12, marks: marks('L', 'N') },
    ];
    const planned = planDayOfLessonMarks({
      date: '2025-03-11',
      lessons: [
        { key: 1, session: 'AM' },
        { key: 2, session: 'AM' },
        { key: 3, session: 'PM' },
      ],
      pupils,
    });
    const codes = (lessonKey: number) =>
      planned.filter((mark) => mark.lessonKey === lessonKey).map((mark) => mark.code);
    expect(codes(1)).toEqual(['N', '/', '/']);
    expect(codes(2)).toEqual(['N', 'N', '/']);
    expect(codes(3)).toEqual(['N', '/', 'N']);
    expect(findLastMarkedDate(pupils)).toBe('2025-03-11');
    expect(findLastMarkedDate([])).toBeNull();
  });
});
