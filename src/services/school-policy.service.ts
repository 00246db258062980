import { compilePolicy, type PolicyLibrary } from '../domain/policy/compile-policy.ts';
import { describeRule } from '../domain/policy/describe-rule.ts';
import { formatPercent } from '../domain/policy/fraction.ts';
import type { Policy } from '../domain/policy/policy.ts';
import type { InputProblem } from '../domain/problem.ts';
import { err, ok, type Result } from '../domain/result.ts';
import { buildPolicyLibrary, loadShippedPresets } from '../scenario/policy-library.ts';
import { recordAuditEvent } from '../store/audit.repository.ts';
import { lockSchool } from '../store/school-admin.repository.ts';
import { findSchool, updateSchoolPolicy, type School } from '../store/school.repository.ts';
import { runAtomically, type Executor } from '../store/transaction.ts';
import type { Clock } from './clock.ts';

/** A policy a school may choose: a shipped preset, or the school's own policy file. */
export interface PolicyChoice {
  readonly name: string;
  readonly title: string;
  readonly description: string | null;
  readonly base: string | null;
  readonly own: boolean;
  /** Each setting with the value the policy gives it before any school override. */
  readonly settings: Record<string, number>;
}

/** A compiled policy in words: its settings as used, the target and one line per rule. */
export interface PolicySummary {
  readonly name: string;
  readonly title: string;
  readonly bases: string[];
  readonly settings: Record<string, number>;
  readonly target: string;
  readonly rules: {
    readonly id: string;
    readonly title: string;
    readonly kind: string;
    readonly description: string;
  }[];
}

export interface SchoolPolicyView {
  readonly schoolId: number;
  readonly policy: string;
  readonly overrides: Record<string, number>;
  readonly choices: PolicyChoice[];
  /** Null when the stored choice does not compile; `problems` then says why. */
  readonly compiled: PolicySummary | null;
  readonly problems: InputProblem[];
}

export type SchoolPolicyError =
  | { readonly kind: 'school-not-found' }
  | { readonly kind: 'policy-invalid'; readonly problems: readonly InputProblem[] };

function ownPolicyFiles(school: School) {
  return school.customPolicyYaml === null
    ? []
    : [{ text: school.customPolicyYaml, file: `${school.name} policy` }];
}

/** The presets and the school's own file; a broken own file leaves the presets to choose from. */
function libraryFor(school: School): { library: PolicyLibrary; problems: InputProblem[] } {
  const built = buildPolicyLibrary(ownPolicyFiles(school));
  return built.ok
    ? { library: built.value, problems: [] }
    : { library: loadShippedPresets(), problems: built.error };
}

function numericOverrides(school: School): Record<string, number> {
  const overrides: Record<string, number> = {};
  for (const [key, value] of Object.entries(school.policySettings))
    if (typeof value === 'number') overrides[key] = value;
  return overrides;
}

function summarise(policy: Policy): PolicySummary {
  return {
    name: policy.name,
    title: policy.title,
    bases: [...policy.bases],
    settings: { ...policy.settings },
    target: formatPercent(policy.target),
    rules: policy.rules.map((rule) => ({
      id: rule.id,
      title: rule.title,
      kind: rule.kind,
      description: describeRule(rule),
    })),
  };
}

function listChoices(library: PolicyLibrary): PolicyChoice[] {
  const shipped = loadShippedPresets();
  return [...library.values()].map((file) => {
    const compiled = compilePolicy(library, file.name);
    return {
      name: file.name,
      title: file.title ?? file.name,
      description: file.description?.trim() ?? null,
      base: file.base ?? null,
      own: !shipped.has(file.name),
      settings: { ...(compiled.ok ? compiled.value.settings : file.settings) },
    };
  });
}

/** The school's chosen policy, what it could choose instead, and the rules that result. */
export async function loadSchoolPolicy(
  db: Executor,
  schoolId: number,
): Promise<SchoolPolicyView | undefined> {
  const school = await findSchool(db, schoolId);
  if (school === undefined) return undefined;
  const { library, problems } = libraryFor(school);
  const overrides = numericOverrides(school);
  const compiled = compilePolicy(library, school.policyPreset, overrides);
  return {
    schoolId,
    policy: school.policyPreset,
    overrides,
    choices: listChoices(library),
    compiled: compiled.ok ? summarise(compiled.value) : null,
    problems: compiled.ok ? problems : [...problems, ...compiled.error],
  };
}

/**
 * Chooses the school's policy (a preset, or its own file) and its setting overrides. The
 * policy compiler decides: a choice it cannot compile is refused with its messages.
 */
export async function changeSchoolPolicy(
  deps: { readonly db: Executor; readonly clock: Clock },
  change: {
    readonly schoolId: number;
    readonly actorUserId: number;
    readonly policy: string;
    readonly settings: Readonly<Record<string, number>>;
  },
): Promise<Result<SchoolPolicyView, SchoolPolicyError>> {
  const at = deps.clock.now();
  const changed = await runAtomically<null, SchoolPolicyError>(deps.db, async (trx) => {
    if (!(await lockSchool(trx, change.schoolId))) return err({ kind: 'school-not-found' });
    const school = await findSchool(trx, change.schoolId);
    if (school === undefined) return err({ kind: 'school-not-found' });
    const { library } = libraryFor(school);
    const compiled = compilePolicy(library, change.policy, change.settings);
    if (!compiled.ok) return err({ kind: 'policy-invalid', problems: compiled.error });
    // The school's own file stays only while it is the policy chosen.
    const keepsOwnFile = !loadShippedPresets().has(change.policy);
    await updateSchoolPolicy(trx, {
      schoolId: school.id,
      preset: change.policy,
      settings: change.settings,
      customYaml: keepsOwnFile ? school.customPolicyYaml : null,
    });
    await recordAuditEvent(trx, {
      actorUserId: change.actorUserId,
      action: 'school.policy-changed',
      subjectPupilId: null,
      details: {
        schoolId: school.id,
        before: { policy: school.policyPreset, settings: school.policySettings },
        after: { policy: change.policy, settings: change.settings },
        ownFileRemoved: !keepsOwnFile && school.customPolicyYaml !== null,
      },
      occurredAt: at,
    });
    return ok(null);
  });
  if (!changed.ok) return changed;
  const view = await loadSchoolPolicy(deps.db, change.schoolId);
  return view === undefined ? err({ kind: 'school-not-found' }) : ok(view);
}
