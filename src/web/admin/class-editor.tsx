import { useState } from 'preact/hooks';
import type {
  ClassSetup,
  ClassSetupResponse,
  RollResponse,
} from '../../contracts/admin-people.contract.ts';
import { callApi } from '../api-client.ts';
import { ProblemAlert, findFieldError } from '../components/problem-alert.tsx';
import { Loading, ResourceFailure } from '../components/resource-failure.tsx';
import { useSubmission } from '../components/use-submission.ts';
import { useApiResource } from '../use-api-resource.ts';
import { InputField, SelectField, nameFields } from './form-fields.tsx';

/** The year groups to choose from, and none for a mixed-age class. */
export function yearGroupOptions(view: ClassSetupResponse) {
  return [
    { value: '', label: 'No year group (mixed ages)' },
    ...view.yearGroups.map((group) => ({ value: String(group.id), label: group.name })),
  ];
}

interface EditorProps {
  readonly base: string;
  readonly view: ClassSetupResponse;
  readonly schoolClass: ClassSetup;
  readonly onSaved: () => void;
}

/** One class's name, teachers and pupils, each saved on its own. */
export function ClassEditor(props: EditorProps) {
  const { schoolClass } = props;
  return (
    <section class="admin-section" aria-labelledby="class-editor">
      <h2 id="class-editor">Change {schoolClass.name}</h2>
      <RenameForm {...props} />
      <TeachersForm {...props} />
      <PupilsForm {...props} />
    </section>
  );
}

function RenameForm(props: EditorProps) {
  const [name, setName] = useState(props.schoolClass.name);
  const [yearGroupId, setYearGroupId] = useState(
    props.schoolClass.yearGroupId === null ? '' : String(props.schoolClass.yearGroupId),
  );
  const submission = useSubmission();
  const save = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const saved = await submission.submit(
      () =>
        callApi('PUT', `${props.base}/classes/${String(props.schoolClass.id)}`, {
          body: { name, yearGroupId: yearGroupId === '' ? null : Number(yearGroupId) },
        }),
      'Class saved.',
    );
    if (saved !== null) props.onSaved();
  };
  return (
    <form noValidate onSubmit={(event) => void save(event)} aria-label="Name and year group">
      <h3>Name and year group</h3>
      {submission.done !== null && <p class="alert alert-success">{submission.done}</p>}
      <ProblemAlert error={nameFields(submission.error, { name: 'Class name' })} />
      <div class="field-row">
        <InputField
          id="class-name"
          type="text"
          label="Class name"
          value={name}
          onInput={setName}
          error={findFieldError(submission.error, 'name')}
          required
        />
        <SelectField
          id="class-year-group"
          label="Year group"
          value={yearGroupId}
          onChange={setYearGroupId}
          options={yearGroupOptions(props.view)}
        />
      </div>
      <button type="submit" class="button" disabled={submission.busy}>
        Save name and year group
      </button>
    </form>
  );
}

function TeachersForm(props: EditorProps) {
  const [chosen, setChosen] = useState(
    new Set(props.schoolClass.teachers.map((teacher) => teacher.userId)),
  );
  const submission = useSubmission();
  const save = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const saved = await submission.submit(
      () =>
        callApi('PUT', `${props.base}/classes/${String(props.schoolClass.id)}/teachers`, {
          body: { userIds: [...chosen] },
        }),
      'Teachers saved.',
    );
    if (saved !== null) props.onSaved();
  };
  return (
    <form noValidate onSubmit={(event) => void save(event)}>
      <fieldset>
        <legend>Teachers of {props.schoolClass.name}</legend>
        {submission.done !== null && <p class="alert alert-success">{submission.done}</p>}
        <ProblemAlert error={submission.error} />
        {props.view.teachers.length === 0 && (
          <p>The school has no teacher accounts yet: create them on the users page.</p>
        )}
        {props.view.teachers.map((teacher) => (
          <div class="checkbox" key={teacher.userId}>
            <input
              type="checkbox"
              id={`teacher-${String(teacher.userId)}`}
              checked={chosen.has(teacher.userId)}
              onChange={(event) => {
                const next = new Set(chosen);
                if (event.currentTarget.checked) next.add(teacher.userId);
                else next.delete(teacher.userId);
                setChosen(next);
              }}
            />
            <label for={`teacher-${String(teacher.userId)}`}>{teacher.displayName}</label>
          </div>
        ))}
      </fieldset>
      <button type="submit" class="button" disabled={submission.busy}>
        Save teachers
      </button>
    </form>
  );
}

function PupilsForm(props: EditorProps) {
  const { schoolClass } = props;
  const roll = useApiResource<RollResponse>(`${props.base}/roll`);
  const [chosen, setChosen] = useState<Set<number> | null>(null);
  const [search, setSearch] = useState('');
  const submission = useSubmission();
  if (roll.kind === 'failed') return <ResourceFailure error={roll.error} heading="Pupils" />;
  if (roll.kind === 'loading') return <Loading what="the pupils on roll" />;
  const pupils = roll.value.pupils;
  const isIn = (pupil: RollResponse['pupils'][number]) =>
    schoolClass.kind === 'registration'
      ? pupil.registrationClassId === schoolClass.id
      : pupil.teachingClassIds.includes(schoolClass.id);
  const selected = chosen ?? new Set(pupils.filter(isIn).map((pupil) => pupil.pupilId));
  const className = (id: number | null) =>
    props.view.classes.find((candidate) => candidate.id === id)?.name ?? 'no class';
  const needle = search.trim().toLowerCase();
  // By default the class's own year group and its present members; a search looks at everyone.
  const shown = pupils.filter((pupil) =>
    needle !== ''
      ? `${pupil.firstName} ${pupil.lastName}`.toLowerCase().includes(needle)
      : selected.has(pupil.pupilId) ||
        schoolClass.yearGroupId === null ||
        pupil.yearGroupId === schoolClass.yearGroupId,
  );
  const save = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const saved = await submission.submit(
      () =>
        callApi('PUT', `${props.base}/classes/${String(schoolClass.id)}/pupils`, {
          body: { pupilIds: [...selected] },
        }),
      `${String(selected.size)} pupils in ${schoolClass.name}.`,
    );
    if (saved !== null) props.onSaved();
  };
  return (
    <form noValidate onSubmit={(event) => void save(event)}>
      <fieldset>
        <legend>Pupils of {schoolClass.name}</legend>
        <p class="hint">
          {schoolClass.kind === 'registration'
            ? 'Ticking a pupil moves them here from their registration class.'
            : 'A pupil may be in several teaching groups.'}{' '}
          Marks already taken stay as they were.
        </p>
        {submission.done !== null && <p class="alert alert-success">{submission.done}</p>}
        <ProblemAlert error={submission.error} />
        <InputField
          id="pupil-search"
          type="text"
          label="Find a pupil"
          hint="Part of a name; empty shows the class's year group"
          value={search}
          onInput={setSearch}
        />
        <div class="checkbox-list">
          {shown.map((pupil) => (
            <div class="checkbox" key={pupil.pupilId}>
              <input
                type="checkbox"
                id={`pupil-${String(pupil.pupilId)}`}
                checked={selected.has(pupil.pupilId)}
                onChange={(event) => {
                  const next = new Set(selected);
                  if (event.currentTarget.checked) next.add(pupil.pupilId);
                  else next.delete(pupil.pupilId);
                  setChosen(next);
                }}
              />
              <label for={`pupil-${String(pupil.pupilId)}`}>
                {pupil.firstName} {pupil.lastName}{' '}
                {schoolClass.kind === 'registration' && !isIn(pupil) && (
                  <span class="hint">(now in {className(pupil.registrationClassId)})</span>
                )}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
      <button type="submit" class="button" disabled={submission.busy}>
        Save pupils ({selected.size})
      </button>
    </form>
  );
}
