import { writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { exportSchoolScenario } from '../services/school-statistics.service.ts';
import { formatProblem } from '../domain/problem.ts';
import { EXIT_BAD_INPUT, type CliIo } from './cli-io.ts';
import { withDatabase } from './cli-database.ts';

export const EXPORT_USAGE = `Usage: rollcall export --scenario --school ID [--out FILE]

Writes a school's stored register as a scenario file (YAML), which \`rollcall evaluate\`
reads. A school with its own policy file gets it written beside the scenario as
NAME.policy.yaml, which the scenario names.
  --scenario    export a scenario file (the only export so far)
  --school ID   the school's id
  --out FILE    where to write it; standard output when absent`;

/** `rollcall export --scenario`: exit 0 with the file written, 2 on bad input. */
export async function runExport(args: readonly string[], io: CliIo): Promise<number> {
  let options;
  try {
    options = parseArgs({
      args: [...args],
      options: {
        scenario: { type: 'boolean', default: false },
        school: { type: 'string' },
        out: { type: 'string' },
      },
    });
  } catch (error) {
    return usageError(io, (error as Error).message);
  }
  const { scenario, school, out } = options.values;
  if (!scenario) return usageError(io, 'say what to export: --scenario');
  if (school === undefined) return usageError(io, '--school ID is required');
  if (!/^[1-9]\d{0,8}$/.test(school))
    return usageError(io, `--school: "${school}" is not a school id (a whole number)`);
  const schoolId = Number(school);
  const policyFileName =
    out === undefined
      ? 'school.policy.yaml'
      : `${basename(out).replace(/\.ya?ml$/, '')}.policy.yaml`;

  return withDatabase('export', io, async ({ db }) => {
    const exported = await exportSchoolScenario(db, schoolId, policyFileName);
    if (!exported.ok) {
      if (exported.error.kind === 'school-not-found')
        io.error(`rollcall export: there is no school with id ${schoolId}`);
      else for (const problem of exported.error.problems) io.error(formatProblem(problem));
      return EXIT_BAD_INPUT;
    }
    const { scenario: text, policyFile } = exported.value;
    if (out === undefined) {
      if (policyFile !== null) {
        io.error(
          'rollcall export: this school has its own policy file, which must be written beside the scenario; name the scenario file with --out FILE',
        );
        return EXIT_BAD_INPUT;
      }
      io.out(text);
      return 0;
    }
    await writeFile(out, text, 'utf8');
    const written = [out];
    if (policyFile !== null) {
      const policyPath = join(dirname(out), policyFileName);
      await writeFile(policyPath, policyFile, 'utf8');
      written.push(policyPath);
    }
    io.out(`Wrote ${written.join(' and ')}.`);
    return 0;
  });
}

function usageError(io: CliIo, message: string): number {
  io.error(`rollcall export: ${message}\n\n${EXPORT_USAGE}`);
  return EXIT_BAD_INPUT;
}
