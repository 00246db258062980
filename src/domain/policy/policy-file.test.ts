import { describe, expect, it } from 'vitest';
import { formatProblem } from '../problem.ts';
import { parsePolicyFile } from './policy-file.ts';

function problemsOf(text: string): string[] {
  const parsed = parsePolicyFile(text, 'school.yaml');
  return parsed.ok ? [] : parsed.error.map(formatProblem);
}

describe('policy files', () => {
  it('parse a valid file into its parts', () => {
    const parsed = parsePolicyFile(
      `format: rollcall-policy/1
name: our-school
base: england-2024
settings: { target: 0.96 }
remove: [la-notification-10-days]
`,
      'school.yaml',
    );
    expect(parsed.ok && parsed.value).toEqual({
      format: 'rollcall-policy/1',
      name: 'our-school',
      base: 'england-2024',
      settings: { target: 0.96 },
      remove: ['la-notification-10-days'],
    });
  });

  it('report malformed YAML with the file and line number', () => {
    const text = `format: rollcall-policy/1
name: our-school
rules:
  - id: r
    kind: consecutive-days
   codes: [N]
`;
    const [problem, ...rest] = problemsOf(text);
    expect(rest).toEqual([]);
    expect(problem).toMatch(/^school\.yaml:6: malformed YAML: /);
  });

  it('report a key given twice as malformed YAML on the line of the second', () => {
    const [problem] = problemsOf('format: rollcall-policy/1\nname: a\nname: b\n');
    expect(problem).toMatch(/^school\.yaml:3: malformed YAML: /);
  });

  it('name the line and field of a misspelt field', () => {
    const text = `format: rollcall-policy/1
name: our-school
rules:
  - id: r
    kind: count-in-window
    codes: [N]
    threshhold: 3
    window: term
`;
    expect(problemsOf(text)).toContain('school.yaml:4: rules[0]: unknown field "threshhold"');
  });

  it('name an unknown rule kind and list the kinds', () => {
    const text = `format: rollcall-policy/1
name: our-school
rules:
  - { id: r, kind: rolling-average, codes: [N] }
`;
    expect(problemsOf(text)).toEqual([
      'school.yaml:4: rules[0].kind: unknown rule kind; use count-in-window, consecutive-days, weekly-rate or unresolved-mark',
    ]);
  });

  it('refuse a setting reference that is not $name', () => {
    const text = `format: rollcall-policy/1
name: our-school
rules:
  - { id: r, kind: consecutive-days, codes: [N], days: "three" }
`;
    const found = problemsOf(text);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((problem) => problem.startsWith('school.yaml:4: rules[0].days'))).toBe(true);
  });

  it('refuse a rule id that is not lower-case words joined by hyphens', () => {
    const text = `format: rollcall-policy/1
name: our-school
rules:
  - { id: Penalty Notice, kind: consecutive-days, codes: [N], days: 3 }
`;
    expect(problemsOf(text)).toEqual([
      'school.yaml:4: rules[0].id: rule ids are lower-case words joined by hyphens',
    ]);
  });
});
