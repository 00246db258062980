import { describe, expect, it } from 'vitest';
import { DELAPRE_WORKFLOW, MASON_MOOR_WORKFLOW, WIGSTON_WORKFLOW } from './first-day-response.ts';
import { findNonReturnRun, planNonReturnWorkflow } from './extended-leave.ts';

const schoolDays = ['2024-09-16', '2024-09-17', '2024-09-18', '2024-09-19', '2024-09-20'];
const evidence = (today: string, marks: { attended?: string[]; absent?: string[] } = {}) => ({
  schoolDays,
  agreedReturn: '2024-09-15',
  today,
  attendedDates: new Set(marks.attended ?? []),
  absentDates: new Set(marks.absent ?? []),
  reachedDates: new Set<string>(),
});

describe('not back from extended leave', () => {
  it('starts on the first school day on or after the agreed return, once that day is marked', () => {
    expect(findNonReturnRun(evidence('2024-09-16'))).toBeNull();
    expect(findNonReturnRun(evidence('2024-09-16', { absent: ['2024-09-16'] }))).toEqual({
      startedOn: '2024-09-16',
      startIndex: 0,
      days: 1,
    });
  });

  it('counts a past day with no mark at all as a day not back', () => {
    expect(findNonReturnRun(evidence('2024-09-18'))?.days).toBe(2);
  });

  it('ends when the pupil attends, or when a contact is reached', () => {
    expect(
      findNonReturnRun(
        evidence('2024-09-19', { attended: ['2024-09-17'], absent: ['2024-09-19'] }),
      ),
    ).toBeNull();
    expect(
      findNonReturnRun({ ...evidence('2024-09-19'), reachedDates: new Set(['2024-09-18']) }),
    ).toBeNull();
  });

  it("follows the school's own sequence, adding the 10-day report and 20-day off roll where missing", () => {
    const delapre = planNonReturnWorkflow(DELAPRE_WORKFLOW);
    expect(delapre.id).toBe('delapre-extended-leave');
    expect(delapre.steps.map((step) => step.id)).toEqual(DELAPRE_WORKFLOW.steps.map((s) => s.id));
    const wigston = planNonReturnWorkflow(WIGSTON_WORKFLOW).steps.map((s) => `${s.id}@${s.dueDay}`);
    expect(wigston.slice(-2)).toEqual(['report-pupil-missing-education@15', 'request-off-roll@20']);
    const masonMoor = planNonReturnWorkflow(MASON_MOOR_WORKFLOW).steps.map((s) => s.id);
    expect(masonMoor.slice(-2)).toEqual(['report-missing-from-education', 'request-off-roll']);
  });
});
