import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateScenario } from './evaluate-scenario.ts';
import { parseScenario, type Scenario } from './parse-scenario.ts';
import { buildPolicyLibrary } from './policy-library.ts';
import { writeScenario } from './write-scenario.ts';

const fixtures = join(import.meta.dirname, '../../test/fixtures/scenarios');
const library = buildPolicyLibrary();

function parseOrThrow(text: string, file: string): Scenario {
  const parsed = parseScenario(text, file);
  if (!parsed.ok) throw new Error(parsed.error.map((p) => p.message).join('\n'));
  return parsed.value;
}

function rewrite(scenario: Scenario): string {
  return writeScenario({
    schoolName: scenario.schoolName,
    jurisdiction: scenario.jurisdiction,
    policy: scenario.policy,
    settings: scenario.settings,
    terms: scenario.source.calendar.terms,
    closures: scenario.source.calendar.closures ?? [],
    calendar: scenario.calendar,
    pupils: scenario.pupils.map((pupil) => ({ ...pupil, className: pupil.className })),
    contacts: scenario.source.contacts ?? [],
  });
}

describe('writing a scenario', () => {
  const files = readdirSync(fixtures).filter((name) => name.endsWith('.yaml'));

  it.each(files)('round-trips %s to the same evaluation', (name) => {
    if (!library.ok) throw new Error('presets do not load');
    const original = parseOrThrow(readFileSync(join(fixtures, name), 'utf8'), name);
    const copy = parseOrThrow(rewrite(original), `copy of ${name}`);
    for (const asOf of ['2024-10-11', '2025-02-14', '2025-07-22']) {
      const before = evaluateScenario(original, library.value, asOf);
      const after = evaluateScenario(copy, library.value, asOf);
      expect(after).toEqual(before);
    }
  });

  it('writes gaps inside a run as "-" and keeps each pupil\'s marks identical', () => {
    const original = parseOrThrow(
      readFileSync(join(fixtures, '01-statistics-england.yaml'), 'utf8'),
      'scenario',
    );
    const copy = parseOrThrow(rewrite(original), 'copy');
    copy.pupils.forEach((pupil, i) => {
      expect(Array.from(pupil.attendance.marks)).toEqual(
        Array.from(original.pupils[i]?.attendance.marks ?? []),
      );
    });
  });
});
