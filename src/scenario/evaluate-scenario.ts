import { isIsoDate, type IsoDate } from '../domain/calendar/plain-date.ts';
import { compilePolicy, type PolicyLibrary } from '../domain/policy/compile-policy.ts';
import {
  evaluateSchool,
  preparePolicy,
  type SchoolEvaluation,
} from '../domain/policy/evaluate-school.ts';
import type { Policy } from '../domain/policy/policy.ts';
import type { InputProblem } from '../domain/problem.ts';
import { err, ok, type Result } from '../domain/result.ts';
import type { Scenario } from './parse-scenario.ts';

/** Evaluate a parsed scenario as of a date under the policy it names. */
export function evaluateScenario(
  scenario: Scenario,
  library: PolicyLibrary,
  asOf: IsoDate,
  policyName: string = scenario.policy,
): Result<{ evaluation: SchoolEvaluation; policy: Policy }, InputProblem[]> {
  if (!isIsoDate(asOf))
    return err([{ field: '--as-of', message: `"${asOf}" is not a real date (YYYY-MM-DD)` }]);
  const { calendar } = scenario;
  const first = calendar.days[0];
  if (first === undefined || asOf < first)
    return err([
      {
        field: '--as-of',
        message: `${asOf} is before the first school day of the calendar (${first ?? 'none'})`,
      },
    ]);
  const policy = compilePolicy(library, policyName, scenario.settings);
  if (!policy.ok)
    return err(
      policy.error.map((problem) => ({ ...problem, file: problem.file ?? scenario.file })),
    );
  const prepared = preparePolicy(policy.value, calendar, scenario.jurisdiction, asOf);
  if (!prepared.ok)
    return err(
      prepared.error.map((problem) => ({ ...problem, file: problem.file ?? scenario.file })),
    );
  if (prepared.value.context.periodFirstDay >= calendar.days.length)
    return err([
      { field: '--as-of', message: `${asOf} is in an academic year the calendar has no terms for` },
    ]);
  return ok({
    evaluation: evaluateSchool(
      prepared.value,
      scenario.pupils.map((pupil) => pupil.attendance),
    ),
    policy: policy.value,
  });
}
