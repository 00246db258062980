import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../domain/policy/compile-policy.ts';
import { loadShippedPresets } from '../scenario/policy-library.ts';
import type { CliIo } from './cli-io.ts';
import { runCli } from './main.ts';

async function run(...argv: string[]): Promise<{ code: number; out: string; errors: string[] }> {
  let out = '';
  const errors: string[] = [];
  const io: CliIo = { out: (text) => (out += text), error: (text) => errors.push(text) };
  const code = await runCli(argv, io);
  return { code, out, errors };
}

describe('rollcall policies', () => {
  it('lists every preset with its base and every one of its rule ids', async () => {
    const result = await run('policies');
    expect(result.code).toBe(0);
    expect(result.errors).toEqual([]);
    const presets = loadShippedPresets();
    expect(presets.size).toBe(8);
    for (const [name, file] of presets) {
      const block = result.out
        .split('\n\n')
        .find((b) => b.startsWith(`${name}${file.base ? ' (' : ':'}`));
      expect(block, `a block for ${name}`).toBeDefined();
      if (file.base) expect(block).toContain(`(based on ${file.base})`);
      const policy = compilePolicy(presets, name);
      if (!policy.ok) throw new Error(`preset ${name} does not compile`);
      for (const rule of policy.value.rules) expect(block).toContain(`  ${rule.id}: `);
    }
  });

  it('describes rules in the words of rules.md', async () => {
    const { out } = await run('policies');
    expect(out).toContain(
      '  penalty-notice-threshold: count in window: UNAUTH, 10, rolling 10 school weeks',
    );
    expect(out).toContain('  la-notification-10-days: consecutive days: UNAUTH, 10');
    expect(out).toContain('  unresolved-n: unresolved mark: N, 5 school days');
    expect(out).toContain(
      '  missing-from-education: consecutive days: UNEXPLAINED with no reached contact, 10',
    );
  });

  it('exits 2 when given an argument', async () => {
    const result = await run('policies', 'wigston');
    expect(result.code).toBe(2);
    expect(result.errors).toEqual(['rollcall policies takes no arguments (got "wigston")']);
  });
});
