import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { SchoolEvaluation } from '../domain/policy/evaluate-school.ts';
import type { Policy } from '../domain/policy/policy.ts';
import { formatProblem, type InputProblem } from '../domain/problem.ts';
import { evaluateScenario } from '../scenario/evaluate-scenario.ts';
import { parseScenario } from '../scenario/parse-scenario.ts';
import { buildPolicyLibrary } from '../scenario/policy-library.ts';
import { EXIT_BAD_INPUT, formatRate, formatTable, type CliIo } from './cli-io.ts';

export const EVALUATE_USAGE = `Usage: rollcall evaluate FILE --as-of YYYY-MM-DD [--json] [--policy NAME] [--policy-file FILE]...

Evaluates a scenario file: statistics for the academic year to date and every policy alert.
  --as-of DATE        evaluate up to and including both sessions of DATE (required)
  --json              print the rollcall-evaluation/1 JSON contract instead of a table
  --policy NAME       use this preset or policy instead of the one the scenario names
  --policy-file FILE  load a school's own policy file (repeatable)`;

function readText(path: string, what: string): { text: string } | { problem: InputProblem } {
  try {
    return { text: readFileSync(path, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a folder'
          : 'it cannot be read';
    return { problem: { file: path, message: `cannot open ${what}: ${reason}` } };
  }
}

/** `rollcall evaluate`: exit 0 with the evaluation, or 2 with one line per problem. */
export function runEvaluate(args: readonly string[], io: CliIo): number {
  let options;
  try {
    options = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        'as-of': { type: 'string' },
        json: { type: 'boolean', default: false },
        policy: { type: 'string' },
        'policy-file': { type: 'string', multiple: true, default: [] },
      },
    });
  } catch (error) {
    io.error(`rollcall evaluate: ${(error as Error).message} (run "rollcall help" for usage)`);
    return EXIT_BAD_INPUT;
  }
  const [file, ...rest] = options.positionals;
  const asOf = options.values['as-of'];
  if (file === undefined || rest.length > 0 || asOf === undefined) {
    io.error(
      `rollcall evaluate: ${file === undefined ? 'name a scenario file' : rest.length > 0 ? `unexpected argument "${rest[0] ?? ''}"` : '--as-of DATE is required'} (run "rollcall help" for usage)`,
    );
    return EXIT_BAD_INPUT;
  }
  const fail = (problems: readonly InputProblem[]) => {
    for (const problem of problems) io.error(formatProblem(problem));
    return EXIT_BAD_INPUT;
  };

  const scenarioText = readText(file, 'the scenario file');
  if ('problem' in scenarioText) return fail([scenarioText.problem]);
  const scenario = parseScenario(scenarioText.text, file);
  if (!scenario.ok) return fail(scenario.error);

  const policyFiles = [...options.values['policy-file']];
  let policyName = options.values.policy ?? scenario.value.policy;
  if (/\.ya?ml$/.test(policyName)) {
    const path = options.values.policy ? policyName : resolve(dirname(file), policyName);
    policyFiles.push(path);
    policyName = '';
  }
  const extra: { text: string; file: string }[] = [];
  for (const path of policyFiles) {
    const text = readText(path, 'the policy file');
    if ('problem' in text) return fail([text.problem]);
    extra.push({ text: text.text, file: path });
  }
  const library = buildPolicyLibrary(extra);
  if (!library.ok) return fail(library.error);
  if (policyName === '') {
    // The scenario named a policy file: use the policy that file defines.
    const own = [...library.value.values()].at(-1);
    policyName = own?.name ?? '';
  }

  const result = evaluateScenario(scenario.value, library.value, asOf, policyName);
  if (!result.ok) return fail(result.error);
  io.out(
    options.values.json
      ? JSON.stringify(result.value.evaluation, null, 2)
      : formatEvaluation(scenario.value.schoolName, result.value.evaluation, result.value.policy),
  );
  return 0;
}

/** The readable summary: school figures, then one row per pupil, then each pupil's alerts. */
export function formatEvaluation(
  schoolName: string,
  evaluation: SchoolEvaluation,
  policy: Policy,
): string {
  const { school } = evaluation;
  const lines = [
    `${schoolName}: ${evaluation.period.from ?? '-'} to ${evaluation.period.to} (policy ${policy.name})`,
    `Attendance ${formatRate(school.attendanceRate)} of ${school.possible} possible sessions; ` +
      `authorised absence ${school.authorisedAbsence}, unauthorised ${school.unauthorisedAbsence}; ` +
      `persistent absence ${school.persistentAbsenceCount}, severe absence ${school.severeAbsenceCount}`,
    '',
  ];
  const rows = evaluation.pupils.map((pupil) => [
    pupil.id,
    String(pupil.sessions.possible),
    formatRate(pupil.attendanceRate),
    String(pupil.sessions.authorisedAbsence),
    String(pupil.sessions.unauthorisedAbsence),
    String(pupil.sessions.unmarked),
    [pupil.persistentAbsence ? 'PA' : '', pupil.severeAbsence ? 'SA' : '']
      .filter(Boolean)
      .join(' '),
    String(pupil.alerts.length),
  ]);
  lines.push(
    formatTable(
      ['Pupil', 'Possible', 'Attendance', 'Auth', 'Unauth', 'Unmarked', 'Flags', 'Alerts'],
      rows,
    ),
  );
  const titles = new Map(policy.rules.map((rule) => [rule.id, rule.title]));
  for (const pupil of evaluation.pupils) {
    if (pupil.alerts.length === 0) continue;
    lines.push('', `${pupil.id} alerts:`);
    for (const alert of pupil.alerts)
      lines.push(
        `  ${alert.date} ${alert.session}  ${alert.rule}  ${titles.get(alert.rule) ?? ''}`.trimEnd(),
      );
  }
  return lines.join('\n');
}
