import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from './cli-io.ts';
import { runCli } from './main.ts';

const folder = mkdtempSync(join(tmpdir(), 'rollcall-cli-'));
afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

/** Run the CLI and capture what a person would see. */
async function run(...argv: string[]): Promise<{ code: number; out: string; errors: string[] }> {
  let out = '';
  const errors: string[] = [];
  const io: CliIo = {
    out: (text) => (out += text),
    error: (text) => errors.push(text),
  };
  const code = await runCli(argv, io);
  return { code, out, errors };
}

let written = 0;
/** Write a scenario file with the given school lines, pupils and extra sections; return its path. */
function scenarioFile(
  pupils: string,
  options: { jurisdiction?: string; policy?: string; extra?: string } = {},
): string {
  const path = join(folder, `scenario-${++written}.yaml`);
  writeFileSync(
    path,
    `format: rollcall-scenario/1
school:
  name: Test School
  jurisdiction: ${options.jurisdiction ?? 'england'}
${options.policy ? `  policy: ${options.policy}\n` : ''}calendar:
  terms:
    - { name: Autumn 2024, start: 2024-09-02, end: 2024-12-20 }
  closures:
    - { date: 2024-10-25, reason: INSET }
pupils:
${pupils}
${options.extra ?? ''}`,
  );
  return path;
}

const GOOD = `  - id: A1
    marks:
      - { from: 2024-09-02, session: AM, codes: "N N N N N N / \\\\ / \\\\" }
  - id: B2
    marks:
      - { from: 2024-09-02, session: AM, codes: "/ \\\\ / \\\\ / \\\\ / \\\\ / \\\\" }`;

/** Expect exit status 2 and exactly one one-line message, and return it. */
async function badInput(...argv: string[]): Promise<string> {
  const result = await run(...argv);
  expect(result.code).toBe(2);
  expect(result.out).toBe('');
  expect(result.errors).toHaveLength(1);
  const message = result.errors[0] ?? '';
  expect(message.trimEnd()).not.toContain('\n');
  return message;
}

describe('rollcall evaluate', () => {
  it('prints a readable summary with a row per pupil and their alerts', async () => {
    const file = scenarioFile(GOOD);
    const result = await run('evaluate', file, '--as-of', '2024-09-06');
    expect(result.errors).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.out).toContain('Test School: 2024-09-02 to 2024-09-06 (policy england-2024)');
    expect(result.out).toMatch(/^A1\s+10\s+40\.0%/m);
    expect(result.out).toMatch(/^B2\s+10\s+100\.0%/m);
  });

  it('prints the rollcall-evaluation/1 contract with --json', async () => {
    const file = scenarioFile(GOOD);
    const result = await run('evaluate', file, '--as-of', '2024-09-06', '--json');
    expect(result.code).toBe(0);
    const evaluation = JSON.parse(result.out) as {
      format: string;
      pupils: { id: string; sessions: { possible: number; unauthorisedAbsence: number } }[];
    };
    expect(evaluation.format).toBe('rollcall-evaluation/1');
    expect(
      evaluation.pupils.map((p) => [p.id, p.sessions.possible, p.sessions.unauthorisedAbsence]),
    ).toEqual([
      ['A1', 10, 6],
      ['B2', 10, 0],
    ]);
  });

  it('uses a school’s own policy file with --policy-file and --policy', async () => {
    const policy = join(folder, 'ours.yaml');
    writeFileSync(
      policy,
      `format: rollcall-policy/1
name: our-school
base: england-2024
rules:
  - { id: two-unauthorised-days, kind: consecutive-days, codes: [UNAUTH], days: 2 }
`,
    );
    const file = scenarioFile(GOOD);
    const result = await run(
      'evaluate',
      file,
      '--as-of',
      '2024-09-06',
      '--json',
      '--policy-file',
      policy,
      '--policy',
      'our-school',
    );
    expect(result.errors).toEqual([]);
    const evaluation = JSON.parse(result.out) as { pupils: { alerts: { rule: string }[] }[] };
    expect(evaluation.pupils[0]?.alerts.map((a) => a.rule)).toEqual(['two-unauthorised-days']);
  });
});

describe('rollcall evaluate on bad input exits 2 with one line that says what and where', () => {
  it('names the file, pupil, token and date of an England 2024 register using H', async () => {
    const file = scenarioFile(
      '  - id: A1\n    marks:\n      - { from: 2024-09-02, session: AM, codes: "/ \\\\ H" }',
    );
    const message = await badInput('evaluate', file, '--as-of', '2024-12-20');
    expect(message).toContain(file);
    expect(message).toContain('pupil A1');
    expect(message).toContain('"H" on 2024-09-03 AM is not an attendance code of England');
  });

  it('names the file, pupil, token and date of a Welsh register using C1', async () => {
    const file = scenarioFile(
      '  - id: W1\n    marks:\n      - { date: 2024-09-04, session: PM, code: C1 }',
      {
        jurisdiction: 'wales',
      },
    );
    const message = await badInput('evaluate', file, '--as-of', '2024-12-20');
    expect(message).toContain(file);
    expect(message).toContain('pupil W1: "C1" on 2024-09-04 PM is not an attendance code of Wales');
  });

  it('names the pupil and the token of a run past the last term', async () => {
    const file = scenarioFile(
      '  - id: A1\n    marks:\n      - { from: 2024-12-20, session: AM, codes: "/ \\\\ N" }',
    );
    const message = await badInput('evaluate', file, '--as-of', '2024-12-20');
    expect(message).toContain(file);
    expect(message).toContain(
      'pupil A1: the run from 2024-12-20 AM goes past the last term (2024-12-20) at token 3 "N"',
    );
  });

  it('names the pupil and date of a mark on a closure', async () => {
    const file = scenarioFile(
      '  - id: A1\n    marks:\n      - { date: 2024-10-25, session: AM, code: N }',
    );
    const message = await badInput('evaluate', file, '--as-of', '2024-12-20');
    expect(message).toContain(file);
    expect(message).toContain('pupil A1: 2024-10-25 is not a school day (a closure (INSET))');
  });

  it('names the pupil and date of a mark on a weekend', async () => {
    const file = scenarioFile(
      '  - id: A1\n    marks:\n      - { date: 2024-09-08, session: AM, code: N }',
    );
    const message = await badInput('evaluate', file, '--as-of', '2024-12-20');
    expect(message).toContain(file);
    expect(message).toContain('pupil A1: 2024-09-08 is not a school day (a Sunday)');
  });

  it('names an unknown pupil in contacts', async () => {
    const file = scenarioFile('  - id: A1', {
      extra: 'contacts:\n  - { pupil: Z9, date: 2024-09-03, outcome: reached }\n',
    });
    const message = await badInput('evaluate', file, '--as-of', '2024-12-20');
    expect(message).toContain(file);
    expect(message).toContain('contacts[0].pupil: unknown pupil "Z9" in contacts');
  });

  it('names a duplicate pupil id', async () => {
    const file = scenarioFile('  - id: A1\n  - id: A1');
    const message = await badInput('evaluate', file, '--as-of', '2024-12-20');
    expect(message).toContain(file);
    expect(message).toContain('duplicate pupil id "A1"');
  });

  it('lists the presets when the scenario names an unknown one', async () => {
    const file = scenarioFile('  - id: A1', { policy: 'wigstone' });
    const message = await badInput('evaluate', file, '--as-of', '2024-12-20');
    expect(message).toContain(file);
    expect(message).toContain('unknown policy preset "wigstone"; the presets are: ');
    for (const preset of [
      'aycliffe-drive',
      'delapre',
      'england-2024',
      'mason-moor',
      'roch-cp',
      'wales',
      'wales-pembrokeshire',
      'wigston',
    ])
      expect(message).toContain(preset);
  });

  it('lists the presets when --policy names an unknown one', async () => {
    const file = scenarioFile('  - id: A1');
    const message = await badInput('evaluate', file, '--as-of', '2024-12-20', '--policy', 'nope');
    expect(message).toContain('unknown policy preset "nope"; the presets are: aycliffe-drive, ');
  });

  it('gives the line number of malformed YAML', async () => {
    const file = scenarioFile('  - id: A1\n   name: Ada');
    const message = await badInput('evaluate', file, '--as-of', '2024-12-20');
    expect(message).toMatch(new RegExp(`^${file.replace(/[.\\]/g, '\\$&')}:12: malformed YAML: `));
  });

  it('names a file that does not exist', async () => {
    const missing = join(folder, 'no-such-scenario.yaml');
    const message = await badInput('evaluate', missing, '--as-of', '2024-12-20');
    expect(message).toBe(`${missing}: cannot open the scenario file: no such file`);
  });

  it('names an as-of date that does not exist', async () => {
    const file = scenarioFile('  - id: A1');
    const message = await badInput('evaluate', file, '--as-of', '2025-02-29');
    expect(message).toContain('--as-of: "2025-02-29" is not a real date');
  });

  it('says on one line that --as-of is required and where to find the usage', async () => {
    const file = scenarioFile('  - id: A1');
    const result = await run('evaluate', file);
    expect(result.code).toBe(2);
    expect(result.errors).toEqual([
      'rollcall evaluate: --as-of DATE is required (run "rollcall help" for usage)',
    ]);
  });

  it('says that a scenario file is needed', async () => {
    const result = await run('evaluate', '--as-of', '2024-12-20');
    expect(result.code).toBe(2);
    expect(result.errors).toEqual([
      'rollcall evaluate: name a scenario file (run "rollcall help" for usage)',
    ]);
  });
});

describe('rollcall', () => {
  it('exits 2 on an unknown command', async () => {
    const result = await run('evaluat');
    expect(result.code).toBe(2);
    expect(result.errors[0]?.split('\n')[0]).toBe('rollcall: unknown command "evaluat"');
  });

  it('prints its usage with no command', async () => {
    const result = await run();
    expect(result.code).toBe(0);
    expect(result.out).toContain('Usage: rollcall COMMAND');
  });
});
