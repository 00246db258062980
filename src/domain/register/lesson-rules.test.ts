import { describe, expect, it } from 'vitest';
import { describeLessonCode, explainInvalidLessonCode, lessonRunsOn } from './lesson-rules.ts';

describe('lesson marks', () => {
  it('accepts present, late and absent, and names them', () => {
    for (const code of ['/', 'L', 'N']) expect(explainInvalidLessonCode(code)).toBeNull();
    expect(['/', 'L', 'N'].map(describeLessonCode)).toEqual([
      'present (/)',
      'late (L)',
      'absent (N)',
    ]);
  });

  it('refuses statutory session codes, saying which marks to use', () => {
    expect(explainInvalidLessonCode('I')).toBe(
      '"I" is not a lesson mark; use / (present), L (late) or N (absent)',
    );
    expect(explainInvalidLessonCode('\\')).toContain('is not a lesson mark');
    expect(describeLessonCode('I')).toBe('I');
  });

  it('runs a lesson on its weekday between its first and last dates, both included', () => {
    const lesson = { weekday: 3, validFrom: '2024-09-04', validTo: '2024-12-18' };
    expect(lessonRunsOn(lesson, '2024-09-04', 3)).toBe(true);
    expect(lessonRunsOn(lesson, '2024-12-18', 3)).toBe(true);
    expect(lessonRunsOn(lesson, '2024-09-05', 4)).toBe(false);
    expect(lessonRunsOn(lesson, '2024-12-25', 3)).toBe(false);
    expect(lessonRunsOn({ ...lesson, validTo: null }, '2025-07-16', 3)).toBe(true);
  });
});
