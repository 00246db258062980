import { describe, expect, it } from 'vitest';
import { codeId } from '../domain/codes/code-registry.ts';
import { formatProblem } from '../domain/problem.ts';
import { defaultPolicyFor, parseScenario, type Scenario } from './parse-scenario.ts';

/** A scenario in England or Wales over the autumn term 2024, with the given pupils (YAML). */
function scenarioText(
  pupils: string,
  options: { jurisdiction?: string; extra?: string; terms?: string } = {},
): string {
  return `format: rollcall-scenario/1
school:
  name: Test School
  jurisdiction: ${options.jurisdiction ?? 'england'}
calendar:
  terms:
${options.terms ?? '    - { name: Autumn 2024, start: 2024-09-02, end: 2024-12-20 }'}
  closures:
    - { date: 2024-10-25, reason: INSET }
    - { date: 2024-10-28, to: 2024-11-01, reason: half term }
pupils:
${pupils}
${options.extra ?? ''}`;
}

function parsed(text: string): Scenario {
  const result = parseScenario(text, 'school.yaml');
  if (!result.ok) throw new Error(result.error.map(formatProblem).join('\n'));
  return result.value;
}

function problemsOf(text: string): string[] {
  const result = parseScenario(text, 'school.yaml');
  return result.ok ? [] : result.error.map(formatProblem);
}

/** The code at a date and session of the first pupil ('' for no mark). */
function markOf(scenario: Scenario, date: string, session: 'AM' | 'PM', pupil = 0): number {
  const day = scenario.calendar.days.indexOf(date);
  if (day < 0) throw new Error(`${date} is not a school day`);
  return scenario.pupils[pupil]?.attendance.marks[day * 2 + (session === 'PM' ? 1 : 0)] ?? -1;
}

describe('parsing a scenario', () => {
  it('fills a run of tokens into school sessions, skipping weekends and closures', () => {
    const scenario = parsed(
      scenarioText(`  - id: A1
    marks:
      - { from: 2024-09-06, session: PM, codes: "N I O" }
      - { from: 2024-10-24, session: AM, codes: "/ \\\\ / U" }`),
    );
    expect(markOf(scenario, '2024-09-06', 'PM')).toBe(codeId('N'));
    expect(markOf(scenario, '2024-09-09', 'AM')).toBe(codeId('I'));
    expect(markOf(scenario, '2024-09-09', 'PM')).toBe(codeId('O'));
    expect(markOf(scenario, '2024-10-24', 'PM')).toBe(codeId('\\'));
    expect(markOf(scenario, '2024-11-04', 'AM')).toBe(codeId('/'));
    expect(markOf(scenario, '2024-11-04', 'PM')).toBe(codeId('U'));
  });

  it('accepts / and \\ in either session of a run', () => {
    const scenario = parsed(
      scenarioText(`  - id: A1
    marks:
      - { from: 2024-09-02, session: AM, codes: "\\\\ /" }`),
    );
    expect(markOf(scenario, '2024-09-02', 'AM')).toBe(codeId('\\'));
    expect(markOf(scenario, '2024-09-02', 'PM')).toBe(codeId('/'));
  });

  it('lets later entries win and - clear a mark', () => {
    const scenario = parsed(
      scenarioText(`  - id: A1
    marks:
      - { from: 2024-09-02, session: AM, codes: "N N N N" }
      - { date: 2024-09-02, session: PM, code: I }
      - { from: 2024-09-03, session: AM, codes: "-" }`),
    );
    expect(markOf(scenario, '2024-09-02', 'AM')).toBe(codeId('N'));
    expect(markOf(scenario, '2024-09-02', 'PM')).toBe(codeId('I'));
    expect(markOf(scenario, '2024-09-03', 'AM')).toBe(0);
    expect(markOf(scenario, '2024-09-03', 'PM')).toBe(codeId('N'));
  });

  it('accepts the 2006 codes in England before 19 August 2024', () => {
    const scenario = parsed(
      scenarioText(
        `  - id: A1
    marks:
      - { from: 2024-07-18, session: AM, codes: "H H F F" }`,
        {
          terms: `    - { name: Summer 2024, start: 2024-07-08, end: 2024-07-19 }
    - { name: Autumn 2024, start: 2024-09-02, end: 2024-12-20 }`,
        },
      ),
    );
    expect(markOf(scenario, '2024-07-19', 'PM')).toBe(codeId('F'));
  });

  it('turns the roll into the school days on roll', () => {
    const scenario = parsed(
      scenarioText(`  - id: A1
    roll: { from: 2024-09-07, to: 2024-09-10 }`),
    );
    const attendance = scenario.pupils[0]?.attendance;
    expect(attendance && scenario.calendar.days[attendance.rollFromDay]).toBe('2024-09-09');
    expect(attendance && scenario.calendar.days[attendance.rollToDay - 1]).toBe('2024-09-10');
  });

  it('records the school days on which home was reached', () => {
    const scenario = parsed(
      scenarioText('  - id: A1\n  - id: 2', {
        extra: `contacts:
  - { pupil: A1, date: 2024-09-03, outcome: reached }
  - { pupil: A1, date: 2024-09-04, outcome: no-answer }
  - { pupil: 2, date: 2024-09-05, outcome: reached }`,
      }),
    );
    expect([...(scenario.pupils[0]?.attendance.reachedContactDays ?? [])]).toEqual([1]);
    expect(scenario.pupils[1]?.id).toBe('2');
    expect([...(scenario.pupils[1]?.attendance.reachedContactDays ?? [])]).toEqual([3]);
  });

  it('defaults the policy to the jurisdiction’s national preset', () => {
    expect(parsed(scenarioText('  - id: A1')).policy).toBe('england-2024');
    expect(parsed(scenarioText('  - id: A1', { jurisdiction: 'wales' })).policy).toBe('wales');
    expect(defaultPolicyFor('wales')).toBe('wales');
  });
});

describe('scenario problems', () => {
  it('name the file, pupil, token and date of an England 2024 register using H', () => {
    const text = scenarioText(`  - id: A1
    marks:
      - { from: 2024-09-02, session: AM, codes: "/ \\\\ H" }`);
    const found = problemsOf(text);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(
      /^school\.yaml:\d+: pupils\[0\]\.marks\[0\]\.codes: pupil A1: "H" on 2024-09-03 AM is not an attendance code of England, School Attendance \(Pupil Registration\) Regulations 2024; codes are: /,
    );
  });

  it('name the file, pupil, token and date of a Welsh register using C1', () => {
    const text = scenarioText(
      `  - id: W1
    marks:
      - { date: 2024-09-04, session: PM, code: C1 }`,
      { jurisdiction: 'wales' },
    );
    const found = problemsOf(text);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(
      /^school\.yaml:\d+: pupils\[0\]\.marks\[0\]\.code: pupil W1: "C1" on 2024-09-04 PM is not an attendance code of Wales/,
    );
  });

  it('name the pupil, start and left-over token of a run past the last term', () => {
    const text = scenarioText(`  - id: A1
    marks:
      - { from: 2024-12-19, session: PM, codes: "/ \\\\ / N" }`);
    expect(problemsOf(text)).toEqual([
      'school.yaml:14: pupils[0].marks[0].codes: pupil A1: the run from 2024-12-19 PM goes past the last term (2024-12-20) at token 4 "N"; 1 token(s) left over',
    ]);
  });

  it('name the pupil and date of a mark on a closure', () => {
    const text = scenarioText(`  - id: A1
    marks:
      - { date: 2024-10-25, session: AM, code: N }`);
    expect(problemsOf(text)).toEqual([
      'school.yaml:14: pupils[0].marks[0].code: pupil A1: 2024-10-25 is not a school day (a closure (INSET)), so it cannot carry a mark',
    ]);
  });

  it('name the pupil and date of a mark on a weekend', () => {
    const text = scenarioText(`  - id: A1
    marks:
      - { date: 2024-09-07, session: PM, code: N }`);
    expect(problemsOf(text)).toEqual([
      'school.yaml:14: pupils[0].marks[0].code: pupil A1: 2024-09-07 is not a school day (a Saturday), so it cannot carry a mark',
    ]);
  });

  it('name the pupil and date of a run that starts on a non-school day', () => {
    const text = scenarioText(`  - id: A1
    marks:
      - { from: 2024-10-28, session: AM, codes: "N N" }`);
    expect(problemsOf(text)).toEqual([
      'school.yaml:14: pupils[0].marks[0].from: pupil A1: a run cannot start on 2024-10-28: it is not a school day (a closure (half term))',
    ]);
  });

  it('name an unknown pupil in contacts', () => {
    const text = scenarioText('  - id: A1', {
      extra: 'contacts:\n  - { pupil: B7, date: 2024-09-03, outcome: reached }',
    });
    expect(problemsOf(text)).toEqual([
      'school.yaml:14: contacts[0].pupil: unknown pupil "B7" in contacts',
    ]);
  });

  it('name a duplicate pupil id and where it was first used', () => {
    const text = scenarioText('  - id: A1\n  - id: A2\n  - id: A1');
    expect(problemsOf(text)).toEqual([
      'school.yaml:14: pupils[2].id: duplicate pupil id "A1" (also pupils[0])',
    ]);
  });

  it('give the line of malformed YAML', () => {
    const text = scenarioText('  - id: A1\n   name: Ada');
    const found = problemsOf(text);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^school\.yaml:13: malformed YAML: /);
  });

  it('name a date that does not exist', () => {
    const text = scenarioText('  - { id: A1, dob: 2019-02-29 }');
    expect(problemsOf(text)).toEqual([
      'school.yaml:12: pupils[0].dob: "2019-02-29" is not a real date',
    ]);
  });

  it('name an unknown field', () => {
    const text = scenarioText('  - { id: A1, nmae: Ada }');
    expect(problemsOf(text)).toEqual(['school.yaml:12: pupils[0]: unknown field "nmae"']);
  });

  it('report every problem, each on one line', () => {
    const text = scenarioText(`  - id: A1
    marks:
      - { date: 2024-09-07, session: AM, code: N }
      - { date: 2024-09-09, session: AM, code: H }
  - id: A1`);
    const found = problemsOf(text);
    expect(found).toHaveLength(3);
    for (const problem of found) expect(problem).not.toContain('\n');
  });
});
