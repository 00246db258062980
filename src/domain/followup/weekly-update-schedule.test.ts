import { describe, expect, it } from 'vitest';
import { buildSchoolCalendar } from '../calendar/school-calendar.ts';
import { findWeekToReport } from './weekly-update-schedule.ts';

const built = buildSchoolCalendar({
  terms: [{ name: 'Autumn', start: '2024-09-02', end: '2024-10-25' }],
  // Friday 13 September is an INSET day: that week ends on the Thursday.
  closures: [{ date: '2024-09-13', to: '2024-09-13', reason: 'INSET' }],
});
if (!built.ok) throw new Error('test calendar invalid');
const calendar = built.value;

describe('the week whose weekly updates are due', () => {
  it('is the week that ended before today, from the day after its last school day', () => {
    expect(findWeekToReport(calendar, '2024-09-06')).toBeNull();
    expect(findWeekToReport(calendar, '2024-09-07')).toBe('2024-09-06');
    expect(findWeekToReport(calendar, '2024-09-12')).toBe('2024-09-06');
  });

  it('ends on the last school day, not on Friday, when the school closes that day', () => {
    expect(findWeekToReport(calendar, '2024-09-13')).toBe('2024-09-12');
  });

  it('is none once the week is more than a week old (a holiday after the term)', () => {
    expect(findWeekToReport(calendar, '2024-11-01')).toBe('2024-10-25');
    expect(findWeekToReport(calendar, '2024-11-02')).toBeNull();
  });
});
