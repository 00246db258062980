import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.ts';
import { differencesFromExpected } from './scenario-contract.ts';

// The shared scenarios are the contract; the copy under fixtures keeps the suite runnable alone.
const shared = join(import.meta.dirname, '../../shared/scenarios');
const directory = existsSync(shared) ? shared : join(import.meta.dirname, 'fixtures/scenarios');

const cases = readdirSync(directory)
  .filter((name) => name.endsWith('.expected.json'))
  .map((name) => {
    const match = /^(.*)\.(\d{4}-\d{2}-\d{2})\.expected\.json$/.exec(name);
    if (!match) throw new Error(`Unexpected file name ${name}`);
    return { scenario: `${match[1] ?? ''}.yaml`, asOf: match[2] ?? '', expected: name };
  });

async function evaluateAsJson(
  file: string,
  asOf: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['evaluate', file, '--as-of', asOf, '--json'], {
    out: (text) => (stdout += text),
    error: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}

describe('every shipped scenario', () => {
  it('has at least one expected evaluation', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it.each(cases)(
    '$scenario as of $asOf matches $expected',
    async ({ scenario, asOf, expected }) => {
      const result = await evaluateAsJson(join(directory, scenario), asOf);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const want: unknown = JSON.parse(readFileSync(join(directory, expected), 'utf8'));
      expect(differencesFromExpected(JSON.parse(result.stdout), want)).toEqual([]);
    },
  );
});
