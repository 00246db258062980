import { describe, expect, it } from 'vitest';
import {
  DELAPRE_WORKFLOW,
  MASON_MOOR_WORKFLOW,
  findDueTasks,
  findFirstDayWorkflow,
} from './first-day-response.ts';

function describeDay(day: number, done: Set<string>) {
  return findDueTasks(DELAPRE_WORKFLOW, day, done).map(
    (task) => `${task.key}${task.overdue ? ' overdue' : ''}`,
  );
}

describe('the Delapre first-day response from day 1 to day 20', () => {
  it('calls every contact on day 1 and escalates the call when it is still undone on day 2', () => {
    expect(describeDay(1, new Set())).toEqual(['call-all-contacts@1']);
    expect(describeDay(2, new Set())).toEqual(['call-all-contacts@1 overdue', 'follow-up-call@2']);
  });

  it('walks through each step when staff keep up, day by day', () => {
    const done = new Set<string>();
    const seen: string[][] = [];
    for (let day = 1; day <= 20; day += 1) {
      const tasks = findDueTasks(DELAPRE_WORKFLOW, day, done);
      expect(tasks.every((task) => !task.overdue)).toBe(true);
      seen.push(tasks.map((task) => task.key));
      for (const task of tasks) done.add(task.key);
    }
    expect(seen[0]).toEqual(['call-all-contacts@1']);
    expect(seen[2]).toEqual(['email-home@3']);
    expect(seen[3]).toEqual([]);
    expect(seen[4]).toEqual(['home-visit@5']);
    expect(seen[9]).toEqual(['report-missing-from-education@10']);
    expect(seen[19]).toEqual(['request-off-roll@20']);
  });

  it('allows the home visit on day 5 or 6 and escalates it on day 7', () => {
    const before = new Set(['call-all-contacts@1', 'follow-up-call@2', 'email-home@3']);
    expect(describeDay(6, before)).toEqual(['home-visit@5']);
    expect(describeDay(7, before)).toEqual(['home-visit@5 overdue']);
    const escalated = findDueTasks(DELAPRE_WORKFLOW, 7, before)[0];
    expect(escalated?.step.escalateTo).toBe('headteacher');
  });
});

describe('workflow variants', () => {
  it('Mason Moor calls every day of the run', () => {
    const tasks = findDueTasks(MASON_MOOR_WORKFLOW, 3, new Set(['daily-call@1', 'resolve-code@1']));
    expect(tasks.map((task) => `${task.key}${task.overdue ? ' overdue' : ''}`)).toEqual([
      'daily-call@2 overdue',
      'daily-call@3',
    ]);
  });

  it('finds a school workflow by policy preset, Delapre by default', () => {
    expect(findFirstDayWorkflow('wigston').steps[1]?.dueDay).toBe(3);
    expect(findFirstDayWorkflow('england-2024').id).toBe('delapre');
  });
});
