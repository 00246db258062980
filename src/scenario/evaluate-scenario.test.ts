import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../domain/problem.ts';
import { evaluateScenario } from './evaluate-scenario.ts';
import { parseScenario, type Scenario } from './parse-scenario.ts';
import { loadShippedPresets } from './policy-library.ts';

const HEADER = `format: rollcall-scenario/1
school:
  name: Test School
  jurisdiction: england
calendar:
  terms:
    - { name: Autumn 2024, start: 2024-09-02, end: 2024-12-20 }
    - { name: Spring 2025, start: 2025-01-06, end: 2025-04-04 }
  closures:
    - { date: 2024-10-25, reason: INSET }
    - { date: 2024-10-28, to: 2024-11-01, reason: half term }
`;

function parsed(text: string): Scenario {
  const result = parseScenario(text, 'school.yaml');
  if (!result.ok) throw new Error(result.error.map(formatProblem).join('\n'));
  return result.value;
}

function evaluated(scenario: Scenario, asOf: string, policy?: string) {
  const result = evaluateScenario(scenario, loadShippedPresets(), asOf, policy);
  if (!result.ok) throw new Error(result.error.map(formatProblem).join('\n'));
  return result.value.evaluation;
}

function problemsOf(scenario: Scenario, asOf: string, policy?: string): string[] {
  const result = evaluateScenario(scenario, loadShippedPresets(), asOf, policy);
  return result.ok ? [] : result.error.map(formatProblem);
}

const empty = parsed(`${HEADER}pupils:\n  - id: A1\n`);
const schoolDays = empty.calendar.days;

describe('evaluating a scenario', () => {
  it('refuses an as-of date that does not exist', () => {
    expect(problemsOf(empty, '2025-02-29')).toEqual([
      '--as-of: "2025-02-29" is not a real date (YYYY-MM-DD)',
    ]);
  });

  it('refuses an as-of date before the first school day', () => {
    expect(problemsOf(empty, '2024-08-30')).toEqual([
      '--as-of: 2024-08-30 is before the first school day of the calendar (2024-09-02)',
    ]);
  });

  it('refuses an as-of date in an academic year without terms', () => {
    expect(problemsOf(empty, '2025-09-10')).toEqual([
      '--as-of: 2025-09-10 is in an academic year the calendar has no terms for',
    ]);
  });

  it('names the presets when the policy is unknown', () => {
    const [problem, ...rest] = problemsOf(empty, '2024-12-20', 'wigstone');
    expect(rest).toEqual([]);
    expect(problem).toBe(
      `school.yaml: policy: unknown policy preset "wigstone"; the presets are: ${[...loadShippedPresets().keys()].sort().join(', ')}`,
    );
  });

  it('names an unknown setting in the scenario', () => {
    const scenario = parsed(
      HEADER.replace(
        '  jurisdiction: england\n',
        '  jurisdiction: england\n  settings: { targt: 0.9 }\n',
      ) + 'pupils: []\n',
    );
    expect(problemsOf(scenario, '2024-12-20')).toEqual([
      'school.yaml: settings.targt: unknown setting "targt" for policy "england-2024"; its settings are: minPossible, persistentAbsenceRate, severeAbsenceRate, target',
    ]);
  });

  it('evaluates the period up to as-of under the scenario’s policy', () => {
    const evaluation = evaluated(
      parsed(
        `${HEADER}pupils:\n  - id: A1\n    marks:\n      - { from: 2024-09-02, session: AM, codes: "N N / \\\\" }\n`,
      ),
      '2024-09-03',
    );
    expect(evaluation.period).toEqual({ from: '2024-09-02', to: '2024-09-03' });
    expect(evaluation.pupils[0]?.sessions).toMatchObject({ possible: 4, attended: 2 });
  });
});

const CODES = ['/', '\\', 'L', 'N', 'O', 'G', 'U', 'I', 'M', 'R', 'C', 'X', 'V', 'B', 'D', '-'];
const singleMarks = fc.uniqueArray(
  fc.record({
    session: fc.nat({ max: schoolDays.length * 2 - 1 }),
    code: fc.constantFrom(...CODES),
    order: fc.integer(),
  }),
  { selector: (mark) => mark.session, maxLength: 120 },
);

function scenarioWith(marks: readonly { session: number; code: string }[]): string {
  const lines = marks.map(({ session, code }) => {
    const date = schoolDays[session >> 1] ?? '';
    return `      - { date: ${date}, session: ${(session & 1) === 1 ? 'PM' : 'AM'}, code: ${JSON.stringify(code)} }`;
  });
  const entries = lines.length > 0 ? `\n${lines.join('\n')}` : ' []';
  return `${HEADER}pupils:\n  - id: A1\n    marks:${entries}\n`;
}

describe('the order of mark entries', () => {
  it('does not change the evaluation when single marks do not overlap', () => {
    fc.assert(
      fc.property(singleMarks, (marks) => {
        const shuffled = [...marks].sort((a, b) => a.order - b.order);
        for (const policy of ['wigston', 'mason-moor']) {
          const first = evaluated(parsed(scenarioWith(marks)), '2025-04-04', policy);
          const second = evaluated(parsed(scenarioWith(shuffled)), '2025-04-04', policy);
          expect(second).toEqual(first);
        }
      }),
      { numRuns: 25 },
    );
  });
});
