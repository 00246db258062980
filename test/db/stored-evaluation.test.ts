import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SchoolEvaluation } from '../../src/domain/policy/evaluate-school.ts';
import { evaluateScenario } from '../../src/scenario/evaluate-scenario.ts';
import { parseScenario, type Scenario } from '../../src/scenario/parse-scenario.ts';
import { buildPolicyLibrary } from '../../src/scenario/policy-library.ts';
import { importScenario } from '../../src/services/scenario-import.service.ts';
import {
  evaluateStoredSchool,
  exportSchoolScenario,
} from '../../src/services/school-statistics.service.ts';
import { createLocalAuthority, createTrust } from '../../src/store/school.repository.ts';
import { makeUser } from './factories.ts';
import { useTestDatabase } from './test-database.ts';

const fixtures = join(import.meta.dirname, '../fixtures/scenarios');
const cases = readdirSync(fixtures)
  .filter((name) => name.endsWith('.expected.json'))
  .map((name) => {
    const [, base = '', asOf = ''] = /^(.*)\.(\d{4}-\d{2}-\d{2})\.expected\.json$/.exec(name) ?? [];
    return { file: `${base}.yaml`, asOf };
  })
  .map((entry, index) => ({ ...entry, authorityCode: 800 + index }));

function parseFixture(file: string): Scenario {
  const parsed = parseScenario(readFileSync(join(fixtures, file), 'utf8'), file);
  if (!parsed.ok) throw new Error(parsed.error.map((problem) => problem.message).join('\n'));
  return parsed.value;
}

/** The same evaluation with pupils named by position, since database ids differ from scenario ids. */
function byPosition(evaluation: SchoolEvaluation): unknown {
  return {
    ...evaluation,
    pupils: evaluation.pupils.map((pupil, i) => ({ ...pupil, id: String(i) })),
  };
}

describe('statistics and alerts on stored registers', () => {
  const database = useTestDatabase();
  const library = buildPolicyLibrary();

  it.each(cases)(
    'equal rollcall evaluate for $file as of $asOf, and after export',
    async ({ file, asOf, authorityCode }) => {
      if (!library.ok) throw new Error('presets do not load');
      const scenario = parseFixture(file);
      const trust = await createTrust(database.db, { name: `Trust for ${file} ${asOf}` });
      const importer = await makeUser(database.db, {
        role: 'admin',
        displayName: 'Data Manager',
        scope: { kind: 'trust', trustId: trust.id },
      });
      const authority = await createLocalAuthority(database.db, {
        code: String(authorityCode),
        name: `Authority for ${file} ${asOf}`,
      });
      const imported = await database.db.transaction().execute((trx) =>
        importScenario(trx, scenario, {
          localAuthorityId: authority.id,
          localAuthorityCode: authorityCode,
          trustId: trust.id,
          registerTimes: {
            amOpens: '08:45',
            amCloses: '09:15',
            pmOpens: '13:00',
            pmCloses: '13:15',
          },
          phase: 'primary',
          importedBy: { userId: importer.id, name: importer.displayName, role: importer.role },
          at: new Date('2025-08-01T12:00:00Z'),
        }),
      );

      const fromFile = evaluateScenario(scenario, library.value, asOf);
      const stored = await evaluateStoredSchool(database.db, imported.school.id, asOf);
      if (!fromFile.ok || !stored.ok) throw new Error('evaluation failed');
      expect(byPosition(stored.value.evaluation)).toEqual(byPosition(fromFile.value.evaluation));

      const exported = await exportSchoolScenario(database.db, imported.school.id);
      if (!exported.ok) throw new Error('export failed');
      const reparsed = parseScenario(exported.value.scenario, 'exported.yaml');
      if (!reparsed.ok)
        throw new Error(reparsed.error.map((problem) => problem.message).join('\n'));
      const fromExport = evaluateScenario(reparsed.value, library.value, asOf);
      if (!fromExport.ok) throw new Error('exported evaluation failed');
      expect(fromExport.value.evaluation).toEqual(stored.value.evaluation);
    },
  );
});
