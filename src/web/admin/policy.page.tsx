import { useState } from 'preact/hooks';
import type {
  SchoolPolicyBody,
  SchoolPolicyResponse,
} from '../../contracts/school-admin.contract.ts';
import { callApi } from '../api-client.ts';
import { ProblemAlert } from '../components/problem-alert.tsx';
import { Loading, ResourceFailure } from '../components/resource-failure.tsx';
import { useSubmission } from '../components/use-submission.ts';
import { usePageTitle } from '../page-title.ts';
import type { AppLocation } from '../router.ts';
import type { Session } from '../session.ts';
import { useApiResource } from '../use-api-resource.ts';
import { AdminNav, AdminSchool } from './admin-school.tsx';
import { InputField, SelectField, nameFields } from './form-fields.tsx';

const heading = 'Attendance policy';

/** "persistentAbsenceRate" as "Persistent absence rate". */
function describeSetting(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function settingHint(name: string, presetValue: number): string {
  const asRate = /rate|target|below|above/i.test(name) && presetValue <= 1;
  const percent = asRate ? ` (${String(Number((presetValue * 100).toFixed(4)))}%)` : '';
  return `The policy’s own value: ${String(presetValue)}${percent}.${asRate ? ' Write rates as decimals: 0.95 is 95%.' : ''}`;
}

/** Choose a preset (or the school's own policy) and its settings; see the rules that result. */
export function PolicyPage(props: { location: AppLocation; session: Session }) {
  usePageTitle(heading);
  return (
    <AdminSchool location={props.location} session={props.session} heading={heading}>
      {(schoolId) => <SchoolPolicy key={schoolId} schoolId={schoolId} />}
    </AdminSchool>
  );
}

function SchoolPolicy(props: { schoolId: number }) {
  const loaded = useApiResource<SchoolPolicyResponse>(
    `/api/schools/${String(props.schoolId)}/policy`,
  );
  const [saved, setSaved] = useState<SchoolPolicyResponse | null>(null);
  if (loaded.kind === 'failed') return <ResourceFailure error={loaded.error} heading={heading} />;
  const current = saved ?? (loaded.kind === 'loaded' ? loaded.value : null);
  return (
    <div>
      <h1>{heading}</h1>
      <AdminNav current="/admin/policy" schoolId={props.schoolId} />
      {current === null ? (
        <Loading what="the policy" />
      ) : (
        <>
          <PolicyForm schoolId={props.schoolId} current={current} onSaved={setSaved} />
          <RuleList policy={current} />
        </>
      )}
    </div>
  );
}

function PolicyForm(props: {
  schoolId: number;
  current: SchoolPolicyResponse;
  onSaved: (policy: SchoolPolicyResponse) => void;
}) {
  const { current } = props;
  const [policyName, setPolicyName] = useState(current.policy);
  // What the fields show, as typed; a field left at the policy's own value is no override.
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(Object.entries(current.overrides).map(([k, v]) => [k, String(v)])),
  );
  const submission = useSubmission();
  const choice = current.choices.find((candidate) => candidate.name === policyName);
  const settings = Object.entries(choice?.settings ?? {});

  const choose = (name: string): void => {
    setPolicyName(name);
    // Settings belong to a policy: another one starts from its own values.
    setValues(
      name === current.policy
        ? Object.fromEntries(Object.entries(current.overrides).map(([k, v]) => [k, String(v)]))
        : {},
    );
    submission.reset();
  };

  const save = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const overrides: Record<string, number> = {};
    for (const [name, presetValue] of settings) {
      const typed = values[name]?.trim() ?? '';
      if (typed === '') continue;
      const value = Number(typed);
      // Not a number goes as null in JSON, so the server names the field.
      if (value !== presetValue) overrides[name] = value;
    }
    const body: SchoolPolicyBody = { policy: policyName, settings: overrides };
    await submission.submit(async () => {
      props.onSaved(
        await callApi<SchoolPolicyResponse>(
          'PUT',
          `/api/schools/${String(props.schoolId)}/policy`,
          { body },
        ),
      );
    }, 'Policy saved. The rules below are the ones now in force.');
  };

  return (
    <section class="admin-section" aria-labelledby="policy-choice">
      <h2 id="policy-choice">Policy and settings</h2>
      {submission.done !== null && <p class="alert alert-success">{submission.done}</p>}
      <ProblemAlert
        error={nameFields(
          submission.error,
          Object.fromEntries(settings.map(([name]) => [name, describeSetting(name)])),
        )}
        title="The policy was not saved"
      />
      <form noValidate onSubmit={(event) => void save(event)}>
        <SelectField
          id="policy-preset"
          label="Policy"
          hint="The shipped presets follow national guidance or a local authority’s published policy."
          value={policyName}
          onChange={choose}
          options={current.choices.map((option) => ({
            value: option.name,
            label: `${option.title}${option.own ? ' (the school’s own policy)' : ''}`,
          }))}
        />
        {choice?.description !== null && choice?.description !== undefined && (
          <p class="hint">{choice.description}</p>
        )}
        <h3>Settings</h3>
        {settings.length === 0 && <p>This policy has no settings to change.</p>}
        <div class="field-row">
          {settings.map(([name, presetValue]) => (
            <InputField
              key={`${policyName}-${name}`}
              id={`setting-${name}`}
              type="number"
              label={describeSetting(name)}
              hint={settingHint(name, presetValue)}
              value={values[name] ?? String(presetValue)}
              onInput={(value) => {
                setValues({ ...values, [name]: value });
              }}
              error={
                submission.error?.fields.find((field) => field.field.endsWith(`settings.${name}`))
                  ?.message
              }
            />
          ))}
        </div>
        <button type="submit" class="button button-primary" disabled={submission.busy}>
          {submission.busy ? 'Checking…' : 'Save policy'}
        </button>
      </form>
    </section>
  );
}

function RuleList(props: { policy: SchoolPolicyResponse }) {
  const { compiled, problems } = props.policy;
  return (
    <section class="admin-section" aria-labelledby="policy-rules">
      <h2 id="policy-rules">Rules in force</h2>
      {compiled === null ? (
        <div class="alert alert-error">
          <p class="alert-title">The school’s stored policy cannot be used</p>
          <ul>
            {problems.map((problem) => (
              <li key={problem.message}>{problem.message}</li>
            ))}
          </ul>
          <p>Choose a preset above to put it right.</p>
        </div>
      ) : (
        <>
          <p>
            {compiled.title}. Attendance target {compiled.target}
            {compiled.bases.length > 0 && `; based on ${compiled.bases.join(', ')}`}.
          </p>
          <ol class="rule-list">
            {compiled.rules.map((rule) => (
              <li key={rule.id}>
                <strong>{rule.title}</strong>
                <br />
                {rule.description} <span class="rule-id">{rule.id}</span>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
