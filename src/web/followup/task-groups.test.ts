import { describe, expect, it } from 'vitest';
import {
  describeAbsenceDay,
  describeTaskRole,
  groupTasksByDueState,
  type FollowUpTask,
} from './task-groups.ts';
import { toMailtoHref, toTelHref } from '../components/contact-hrefs.ts';

function makeTask(overrides: Partial<FollowUpTask>): FollowUpTask {
  return {
    id: 1,
    pupilId: 10,
    workflow: 'delapre',
    step: 'call-all-contacts',
    title: 'Call the first contact',
    absenceDay: 1,
    absenceDays: 1,
    absenceStartedOn: '2024-09-04',
    dueOn: '2024-09-04',
    assignedRole: 'office',
    escalateToRole: 'attendance_lead',
    overdue: false,
    escalatedAt: null,
    ...overrides,
  };
}

describe('grouping first-day tasks by when they are due', () => {
  it('puts overdue tasks first, then those due today, then later ones', () => {
    const groups = groupTasksByDueState(
      [
        makeTask({ id: 1, dueOn: '2024-09-05', step: 'follow-up-call' }),
        makeTask({ id: 2, dueOn: '2024-09-06', step: 'email-home' }),
        makeTask({ id: 3, dueOn: '2024-09-04', overdue: true }),
      ],
      '2024-09-05',
    );
    expect(groups.map((group) => [group.heading, group.tasks.map((task) => task.id)])).toEqual([
      ['Overdue', [3]],
      ['Due today', [1]],
      ['Due later', [2]],
    ]);
  });

  it('counts a step due earlier but still within its time as due today', () => {
    const [group] = groupTasksByDueState(
      [makeTask({ step: 'home-visit', absenceDay: 5, absenceDays: 6, dueOn: '2024-09-10' })],
      '2024-09-11',
    );
    expect(group?.state).toBe('due');
  });

  it('leaves out groups with nothing in them', () => {
    expect(groupTasksByDueState([], '2024-09-04')).toEqual([]);
  });

  it('keeps a pupil’s steps together, oldest due first', () => {
    const [group] = groupTasksByDueState(
      [
        makeTask({ id: 7, pupilId: 2, absenceDay: 2 }),
        makeTask({ id: 8, pupilId: 1 }),
        makeTask({ id: 9, pupilId: 2, absenceDay: 1 }),
      ],
      '2024-09-04',
    );
    expect(group?.tasks.map((task) => task.id)).toEqual([8, 9, 7]);
  });
});

describe('the words and links on a task', () => {
  it('says which day of the absence a step belongs to', () => {
    expect(describeAbsenceDay(makeTask({ absenceDay: 2, absenceDays: 2 }))).toBe(
      'Day 2 of absence',
    );
    expect(describeAbsenceDay(makeTask({ absenceDay: 1, absenceDays: 3 }))).toBe(
      'Day 1 of absence (now day 3)',
    );
  });

  it('names the role a step escalates to', () => {
    expect(describeTaskRole('attendance_lead')).toBe('the attendance lead');
  });

  it('dials a number typed with spaces and emails an address with a subject', () => {
    expect(toTelHref('+44 (0)7700 900123')).toBe('tel:+4407700900123');
    expect(toMailtoHref('sarah.bennett@example.org', 'Noah’s absence')).toBe(
      'mailto:sarah.bennett@example.org?subject=Noah%E2%80%99s%20absence',
    );
  });

  it('keeps an address from adding recipients or headers', () => {
    expect(toMailtoHref('a@b.org?cc=x@y.org', 'Hi')).toBe(
      'mailto:a@b.org%3Fcc%3Dx%40y.org?subject=Hi',
    );
  });
});
