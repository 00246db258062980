import { useRef, useState } from 'preact/hooks';
import type {
  ClassSetup,
  ClassSetupResponse,
  NewClassBody,
} from '../../contracts/admin-people.contract.ts';
import { callApi } from '../api-client.ts';
import { ProblemAlert, findFieldError } from '../components/problem-alert.tsx';
import { Loading, ResourceFailure } from '../components/resource-failure.tsx';
import { useSubmission } from '../components/use-submission.ts';
import { usePageTitle } from '../page-title.ts';
import type { AppLocation } from '../router.ts';
import type { Session } from '../session.ts';
import { useApiResource } from '../use-api-resource.ts';
import { AdminNav, AdminSchool } from './admin-school.tsx';
import { ClassEditor, yearGroupOptions } from './class-editor.tsx';
import { InputField, SelectField, nameFields } from './form-fields.tsx';
import './admin-people.css';

const heading = 'Classes';

/** A year's classes: create and rename them, name their teachers and place their pupils. */
export function ClassesPage(props: { location: AppLocation; session: Session }) {
  usePageTitle(heading);
  return (
    <AdminSchool location={props.location} session={props.session} heading={heading}>
      {(schoolId) => <Classes key={schoolId} schoolId={schoolId} />}
    </AdminSchool>
  );
}

function Classes(props: { schoolId: number }) {
  const [yearId, setYearId] = useState<number | null>(null);
  const [reloadKey, setReloadKey] = useState(0);
  const [openClassId, setOpenClassId] = useState<number | null>(null);
  const base = `/api/schools/${String(props.schoolId)}`;
  const setup = useApiResource<ClassSetupResponse>(
    `${base}/classes${yearId === null ? '' : `?academicYearId=${String(yearId)}`}`,
    reloadKey,
  );
  const reload = (): void => {
    setReloadKey((key) => key + 1);
  };
  // Kept while a change reloads the list, so the forms (and what they just said) stay put.
  const lastView = useRef<ClassSetupResponse | null>(null);
  if (setup.kind === 'loaded') lastView.current = setup.value;
  if (setup.kind === 'failed') return <ResourceFailure error={setup.error} heading={heading} />;
  const view = lastView.current;
  const open = view?.classes.find((candidate) => candidate.id === openClassId);
  return (
    <div>
      <h1>{heading}</h1>
      <AdminNav current="/admin/classes" schoolId={props.schoolId} />
      {view === null && <Loading what="the classes" />}
      {view !== null && view.academicYearId === null && (
        <p>Add an academic year on the calendar page first: classes belong to a year.</p>
      )}
      {view !== null && view.academicYearId !== null && (
        <>
          {view.academicYears.length > 1 && (
            <SelectField
              id="academic-year"
              label="Academic year"
              value={String(view.academicYearId)}
              onChange={(value) => {
                setYearId(Number(value));
                setOpenClassId(null);
              }}
              options={view.academicYears.map((year) => ({
                value: String(year.id),
                label: year.name,
              }))}
            />
          )}
          <ClassTable
            view={view}
            openClassId={openClassId}
            onOpen={(classId) => {
              setOpenClassId(classId === openClassId ? null : classId);
            }}
          />
          {open !== undefined && (
            <ClassEditor
              key={open.id}
              base={base}
              view={view}
              schoolClass={open}
              onSaved={reload}
            />
          )}
          <NewClassForm
            base={base}
            view={view}
            academicYearId={view.academicYearId}
            onCreated={(created) => {
              setOpenClassId(created.id);
              reload();
            }}
          />
        </>
      )}
    </div>
  );
}

function yearGroupName(view: ClassSetupResponse, id: number | null): string {
  return view.yearGroups.find((group) => group.id === id)?.name ?? '—';
}

function ClassTable(props: {
  view: ClassSetupResponse;
  openClassId: number | null;
  onOpen: (classId: number) => void;
}) {
  const { view } = props;
  if (view.classes.length === 0) return <p>No classes yet this year.</p>;
  return (
    <table class="data-table" aria-labelledby="classes-caption">
      <caption id="classes-caption">Classes this year</caption>
      <thead>
        <tr>
          <th scope="col">Class</th>
          <th scope="col">Year group</th>
          <th scope="col">Teachers</th>
          <th scope="col">Pupils</th>
          <th scope="col">
            <span class="visually-hidden">Change</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {view.classes.map((schoolClass) => (
          <tr key={schoolClass.id}>
            <th scope="row">
              {schoolClass.name}
              {schoolClass.kind === 'teaching' && <span class="tag">teaching group</span>}
            </th>
            <td>{yearGroupName(view, schoolClass.yearGroupId)}</td>
            <td>
              {schoolClass.teachers.length === 0
                ? 'None yet'
                : schoolClass.teachers.map((teacher) => teacher.displayName).join(', ')}
            </td>
            <td>{schoolClass.pupilCount}</td>
            <td>
              <button
                type="button"
                class="button button-small"
                aria-expanded={props.openClassId === schoolClass.id}
                onClick={() => {
                  props.onOpen(schoolClass.id);
                }}
              >
                Change <span class="visually-hidden">{schoolClass.name}</span>
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function NewClassForm(props: {
  base: string;
  view: ClassSetupResponse;
  academicYearId: number;
  onCreated: (created: ClassSetup) => void;
}) {
  const [name, setName] = useState('');
  const [yearGroupId, setYearGroupId] = useState('');
  const [kind, setKind] = useState<'registration' | 'teaching'>('registration');
  const submission = useSubmission();
  const create = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const body: NewClassBody = {
      name,
      academicYearId: props.academicYearId,
      yearGroupId: yearGroupId === '' ? null : Number(yearGroupId),
      kind,
    };
    const created = await submission.submit(
      () => callApi<ClassSetup>('POST', `${props.base}/classes`, { body }),
      `Class ${name} created.`,
    );
    if (created !== null) {
      setName('');
      props.onCreated(created.value);
    }
  };
  return (
    <section class="admin-section" aria-labelledby="new-class">
      <h2 id="new-class">Create a class</h2>
      {submission.done !== null && <p class="alert alert-success">{submission.done}</p>}
      <ProblemAlert
        error={nameFields(submission.error, { name: 'Class name', yearGroupId: 'Year group' })}
        title="The class was not created"
      />
      <form noValidate onSubmit={(event) => void create(event)}>
        <div class="field-row">
          <InputField
            id="new-class-name"
            type="text"
            label="Class name"
            hint="e.g. 3 Rowan or 7X/Ma1"
            value={name}
            onInput={setName}
            error={findFieldError(submission.error, 'name')}
            required
          />
          <SelectField
            id="new-class-year-group"
            label="Year group"
            value={yearGroupId}
            onChange={setYearGroupId}
            options={yearGroupOptions(props.view)}
          />
          <SelectField
            id="new-class-kind"
            label="Kind"
            value={kind}
            onChange={(value) => {
              setKind(value === 'teaching' ? 'teaching' : 'registration');
            }}
            options={[
              { value: 'registration', label: 'Registration (form) class' },
              { value: 'teaching', label: 'Teaching group (lessons)' },
            ]}
          />
        </div>
        <button type="submit" class="button button-primary" disabled={submission.busy}>
          {submission.busy ? 'Creating…' : 'Create class'}
        </button>
      </form>
    </section>
  );
}
