import { useState } from 'preact/hooks';
import type {
  ImportEvent,
  ImportKind,
  ImportProblem,
  ImportSummary,
} from '../../contracts/admin-people.contract.ts';
import type { Problem } from '../../contracts/problem.contract.ts';
import { ApiProblem, NetworkFailure } from '../api-client.ts';
import { Link } from '../components/link.tsx';
import { ProblemAlert, describeError, type ShownError } from '../components/problem-alert.tsx';
import { usePageTitle } from '../page-title.ts';
import type { AppLocation } from '../router.ts';
import type { Session } from '../session.ts';
import { announce } from '../status-announcer.ts';
import { AdminNav, AdminSchool, adminHref } from './admin-school.tsx';
import { SelectField } from './form-fields.tsx';
import './admin-people.css';

const heading = 'Imports';

const kinds: readonly { value: ImportKind; label: string; columns: string }[] = [
  {
    value: 'pupils',
    label: 'Pupils (pupils.csv)',
    columns:
      'upn, first_name, last_name, dob, sex, year, on_roll_from; optional class (created if new), preferred names, ethnicity, sen, fsm, pp, eal, lac, cin, young_carer',
  },
  {
    value: 'classes',
    label: 'Classes (classes.csv)',
    columns:
      'name; optional year (N1, N2, R, 1-14), kind (registration or teaching), teachers (their sign-in emails, separated by ;). Classes join this year',
  },
  {
    value: 'contacts',
    label: 'Contacts (contacts.csv)',
    columns:
      'upn, priority, name, relationship, parental_responsibility; optional emergency_contact, phone, email',
  },
  {
    value: 'marks',
    label: 'Historic marks (marks.csv)',
    columns: 'upn, date, session (AM or PM), code; the history names you as entering them',
  },
];

type Run =
  | { readonly kind: 'idle' }
  | {
      readonly kind: 'running';
      readonly stage: 'sending' | 'checking' | 'writing';
      readonly done: number;
      readonly total: number;
    }
  | { readonly kind: 'imported'; readonly summary: ImportSummary; readonly total: number }
  | { readonly kind: 'refused'; readonly detail: string; readonly problems: ImportProblem[] }
  | { readonly kind: 'failed'; readonly error: ShownError };

/** Upload a CSV file of pupils, classes, contacts or marks; a progress bar follows the import. */
export function ImportsPage(props: { location: AppLocation; session: Session }) {
  usePageTitle(heading);
  return (
    <AdminSchool location={props.location} session={props.session} heading={heading}>
      {(schoolId) => <Imports key={schoolId} schoolId={schoolId} session={props.session} />}
    </AdminSchool>
  );
}

/** Reads the streamed import one JSON line at a time, reporting each event as it arrives. */
async function streamImport(
  url: string,
  csrfToken: string,
  body: { kind: ImportKind; fileName: string; text: string },
  onEvent: (event: ImportEvent) => void,
): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        accept: 'application/x-ndjson',
        'content-type': 'application/json',
        'x-csrf-token': csrfToken,
      },
      body: JSON.stringify(body),
    });
  } catch (error) {
    throw new NetworkFailure(error);
  }
  if (!response.ok || response.body === null) {
    const problem = (await response.json().catch(() => null)) as Problem | null;
    throw new ApiProblem(
      problem ?? {
        type: 'about:blank',
        title: 'Error',
        status: response.status,
        detail: `The server refused the upload (status ${String(response.status)}).`,
      },
    );
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let pending = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    pending += value;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) if (line.trim() !== '') onEvent(JSON.parse(line) as ImportEvent);
  }
}

function Imports(props: { schoolId: number; session: Session }) {
  const [kind, setKind] = useState<ImportKind>('pupils');
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | undefined>(undefined);
  const [run, setRun] = useState<Run>({ kind: 'idle' });
  const chosen = kinds.find((candidate) => candidate.value === kind) ?? kinds[0];
  const busy = run.kind === 'running';

  const upload = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    if (file === null) {
      setFileError('Choose the CSV file to import');
      return;
    }
    setFileError(undefined);
    setRun({ kind: 'running', stage: 'sending', done: 0, total: 0 });
    announce(`Importing ${file.name}…`);
    let total = 0;
    try {
      await streamImport(
        `/api/schools/${String(props.schoolId)}/imports`,
        props.session.csrfToken,
        { kind, fileName: file.name, text: await file.text() },
        (update) => {
          if (update.type === 'progress') {
            total = update.total;
            setRun({ kind: 'running', stage: update.stage, done: update.done, total });
          } else if (update.type === 'imported') {
            setRun({ kind: 'imported', summary: update.summary, total });
            announce(`Imported ${String(update.summary.imported)} rows from ${file.name}.`);
          } else {
            setRun({ kind: 'refused', detail: update.detail, problems: update.problems });
            announce(update.detail);
          }
        },
      );
    } catch (error) {
      setRun({ kind: 'failed', error: describeError(error) });
    }
  };

  return (
    <div>
      <h1>{heading}</h1>
      <AdminNav current="/admin/imports" schoolId={props.schoolId} />
      <section class="admin-section" aria-labelledby="upload">
        <h2 id="upload">Import a CSV file</h2>
        <p>
          The first line names the columns, in any order. Every row is checked first; if any is
          wrong, nothing is imported and each problem is listed with its line and column.
        </p>
        <form noValidate onSubmit={(event) => void upload(event)}>
          <SelectField
            id="import-kind"
            label="What the file holds"
            hint={`Columns: ${chosen?.columns ?? ''}`}
            value={kind}
            onChange={(value) => {
              setKind(value as ImportKind);
            }}
            options={kinds}
          />
          <div class={fileError === undefined ? 'field' : 'field field-invalid'}>
            <label for="import-file">CSV file</label>
            {fileError !== undefined && (
              <p class="field-error" id="import-file-error">
                {fileError}
              </p>
            )}
            <input
              type="file"
              id="import-file"
              accept=".csv,text/csv"
              aria-invalid={fileError !== undefined}
              aria-describedby={fileError === undefined ? undefined : 'import-file-error'}
              onChange={(event) => {
                setFile(event.currentTarget.files?.[0] ?? null);
              }}
            />
          </div>
          <button type="submit" class="button button-primary" disabled={busy}>
            {busy ? 'Importing…' : 'Import'}
          </button>
        </form>
      </section>
      <ImportOutcome run={run} schoolId={props.schoolId} />
    </div>
  );
}

const stageWords = {
  sending: 'Sending the file',
  checking: 'Checking every row',
  writing: 'Writing rows',
} as const;

function ImportOutcome(props: { run: Run; schoolId: number }) {
  const { run } = props;
  if (run.kind === 'idle') return null;
  if (run.kind === 'failed')
    return <ProblemAlert error={run.error} title="The file was not imported" />;
  if (run.kind === 'refused')
    return (
      <section class="admin-section import-problems" aria-labelledby="import-problems">
        <div class="alert alert-error" role="alert">
          <p class="alert-title" id="import-problems">
            Nothing was imported
          </p>
          <p>{run.detail}</p>
        </div>
        {run.problems.length > 0 && (
          <table class="data-table">
            <caption>Problems by line</caption>
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Line</th>
                <th scope="col">Column</th>
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              {run.problems.map((problem, index) => (
                <tr key={index}>
                  <td>{problem.file ?? ''}</td>
                  <td>{problem.line ?? ''}</td>
                  <td>{problem.field ?? ''}</td>
                  <td>{problem.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    );
  const done = run.kind === 'imported' ? run.total : run.done;
  const total = run.total;
  const words =
    run.kind === 'imported'
      ? `Finished: ${String(total)} of ${String(total)} rows`
      : `${stageWords[run.stage]}${run.total > 0 ? `: ${String(run.done)} of ${String(run.total)}` : '…'}`;
  return (
    <section class="admin-section" aria-labelledby="import-progress-label">
      <h2 id="import-progress-label">Progress</h2>
      <label for="import-progress" class="progress-words">
        {words}
      </label>
      {/* Without a total yet the bar is indeterminate: the browser animates it. */}
      <progress
        id="import-progress"
        class="import-progress"
        max={total > 0 ? total : undefined}
        value={total > 0 ? done : undefined}
      />
      {run.kind === 'imported' && (
        <div class="alert alert-success" role="status">
          <p class="alert-title">
            Imported {run.summary.imported}{' '}
            {run.summary.kind === 'marks' ? 'marks' : run.summary.kind} from {run.summary.fileName}
          </p>
          {run.summary.kind === 'pupils' && (
            <p>
              See them in their classes on the{' '}
              <Link href={adminHref('/admin/classes', props.schoolId)}>classes page</Link>.
            </p>
          )}
        </div>
      )}
    </section>
  );
}
