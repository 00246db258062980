import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { PolicyLibrary } from '../domain/policy/compile-policy.ts';
import { parsePolicyFile, type PolicyFile } from '../domain/policy/policy-file.ts';
import type { InputProblem } from '../domain/problem.ts';
import { err, ok, type Result } from '../domain/result.ts';

/** Where the shipped presets live: YAML files beside the policy engine. */
export const PRESET_DIRECTORY = fileURLToPath(
  new URL('../domain/policy/presets/', import.meta.url),
);

let shipped: ReadonlyMap<string, PolicyFile> | undefined;

/** The presets that ship with Rollcall, by name. A broken shipped preset is a bug, so it throws. */
export function loadShippedPresets(): ReadonlyMap<string, PolicyFile> {
  if (shipped) return shipped;
  const presets = new Map<string, PolicyFile>();
  for (const name of readdirSync(PRESET_DIRECTORY)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    const parsed = parsePolicyFile(readFileSync(join(PRESET_DIRECTORY, name), 'utf8'), name);
    if (!parsed.ok)
      throw new Error(
        `Shipped preset ${name} is invalid: ${parsed.error.map((p) => p.message).join('; ')}`,
      );
    presets.set(parsed.value.name, parsed.value);
  }
  shipped = presets;
  return presets;
}

/** The shipped presets plus a school's own policy files (which may not reuse a preset's name). */
export function buildPolicyLibrary(
  extra: readonly { text: string; file: string }[] = [],
): Result<PolicyLibrary, InputProblem[]> {
  const library = new Map(loadShippedPresets());
  const problems: InputProblem[] = [];
  for (const { text, file } of extra) {
    const parsed = parsePolicyFile(text, file);
    if (!parsed.ok) {
      problems.push(...parsed.error);
      continue;
    }
    if (library.has(parsed.value.name)) {
      problems.push({
        file,
        field: 'name',
        message: `policy name "${parsed.value.name}" is already taken by a preset; choose another name`,
      });
      continue;
    }
    library.set(parsed.value.name, parsed.value);
  }
  return problems.length > 0 ? err(problems) : ok(library);
}
