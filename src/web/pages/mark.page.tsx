import { useState } from 'preact/hooks';
import type { SessionName } from '../../contracts/common.contract.ts';
import type {
  MarkConflictProblem,
  MarkHistoryResponse,
  MarkResponse,
} from '../../contracts/mark.contract.ts';
import { ApiProblem, callApi } from '../api-client.ts';
import { Link } from '../components/link.tsx';
import { ProblemAlert, describeError, type ShownError } from '../components/problem-alert.tsx';
import { Loading, ResourceFailure } from '../components/resource-failure.tsx';
import { useSubmission } from '../components/use-submission.ts';
import { formatPlainDate, isPlainDate, isSessionName } from '../london-time.ts';
import { describeCode, listAmendmentCodes } from '../office/attendance-codes.ts';
import { describeRowName, useClassRegister } from '../office/class-pupil-picker.tsx';
import { usePageTitle } from '../page-title.ts';
import type { AppLocation } from '../router.ts';
import { describeRole, useSession, type Role } from '../session.ts';
import { useApiResource } from '../use-api-resource.ts';

type HistoryEntry = MarkHistoryResponse['entries'][number];

const changedAt = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/London',
});

const roleKeys: readonly string[] = [
  'admin',
  'headteacher',
  'attendance_lead',
  'attendance_officer',
  'office',
  'teacher',
  'governor',
  'parent',
  'la_officer',
];

function describeChangerRole(role: string): string {
  return roleKeys.includes(role) ? describeRole(role as Role) : role;
}

/** One mark: change it with a reason, and its history from the original entry on. */
export function MarkPage(props: { markId: number; location: AppLocation }) {
  const { query } = props.location;
  const [reloads, setReloads] = useState(0);
  const [changedTo, setChangedTo] = useState<string | null>(null);
  const signedIn = useSession().session;
  const history = useApiResource<MarkHistoryResponse>(
    `/api/marks/${String(props.markId)}/history`,
    reloads,
  );
  const date = query.get('date');
  const session = query.get('session');
  const context = useClassRegister(
    query.get('class') ?? '',
    isPlainDate(date) ? date : '',
    isSessionName(session) ? session : 'AM',
  );
  const row =
    context.kind === 'loaded'
      ? context.value.pupils.find((candidate) => candidate.mark?.markId === props.markId)
      : undefined;
  const title = row === undefined ? 'Mark history' : `Mark for ${describeRowName(row)}`;
  usePageTitle(title);

  if (history.kind === 'failed') return <ResourceFailure error={history.error} heading={title} />;
  if (history.kind === 'loading')
    return (
      <div>
        <h1>{title}</h1>
        <Loading what="the mark" />
      </div>
    );
  const latest = history.value.entries.at(-1);
  // Office staff may only replace N with a reason; the server refuses anything else.
  const mayAmend =
    signedIn?.capabilities.includes('amend-mark') === true || latest?.newCode === 'N';
  return (
    <div>
      <h1>{title}</h1>
      {row !== undefined && isPlainDate(date) && isSessionName(session) && (
        <p class="lead">
          {formatPlainDate(date)}, {session === 'AM' ? 'morning' : 'afternoon'}.{' '}
          <Link href={`/marks?class=${query.get('class') ?? ''}&date=${date}&session=${session}`}>
            Back to the class
          </Link>
        </p>
      )}
      {changedTo !== null && (
        <p class="alert alert-success">
          Mark changed to {describeCode(changedTo)}. The history below keeps the original.
        </p>
      )}
      {latest !== undefined && (
        <p>
          Current mark: <strong class="current-code">{describeCode(latest.newCode)}</strong>
        </p>
      )}
      {latest !== undefined && !mayAmend && (
        <p class="alert alert-warning">
          Office staff can replace N (no reason yet) with a reason. To change any other mark, ask
          the attendance officer.
        </p>
      )}
      {latest !== undefined && mayAmend && (
        <AmendForm
          markId={props.markId}
          version={latest.version}
          code={latest.newCode}
          session={isSessionName(session) ? session : guessSession(latest.newCode)}
          onAmended={(newCode) => {
            setChangedTo(newCode);
            setReloads((count) => count + 1);
          }}
        />
      )}
      <HistoryTable entries={history.value.entries} />
    </div>
  );
}

function guessSession(code: string): SessionName {
  return code === '\\' ? 'PM' : 'AM';
}

function AmendForm(props: {
  markId: number;
  version: number;
  code: string;
  session: SessionName;
  onAmended: (code: string) => void;
}) {
  // After a conflict the next attempt names the version the server reported.
  const [seen, setSeen] = useState({ version: props.version, code: props.code });
  const [code, setCode] = useState('');
  const [reason, setReason] = useState('');
  const submission = useSubmission();
  const options = listAmendmentCodes(props.session).filter((option) => option.code !== seen.code);

  // Someone changed the mark meanwhile: say what it is now, and aim the next try at it.
  const describeConflict = (failure: unknown): ShownError => {
    if (!(failure instanceof ApiProblem && failure.status === 409)) return describeError(failure);
    const conflict = failure.problem as unknown as MarkConflictProblem;
    setSeen({ version: conflict.current.version, code: conflict.current.code });
    return {
      detail: `${failure.problem.detail} It is now ${describeCode(conflict.current.code)}.`,
      fields: [],
    };
  };

  const handleSubmit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    if (code === '') {
      submission.showError({ detail: 'Choose the new code.', fields: [] });
      return;
    }
    const amended = await submission.submit(
      () =>
        callApi<MarkResponse>('PATCH', `/api/marks/${String(props.markId)}`, {
          body: { expectedVersion: seen.version, code, reason: reason.trim() },
        }),
      (mark) => `Mark changed to ${mark.code}.`,
      { onFailure: describeConflict },
    );
    if (amended !== null) props.onAmended(amended.value.code);
  };

  return (
    <section aria-labelledby="amend-heading">
      <h2 id="amend-heading">Change this mark</h2>
      <form noValidate onSubmit={(event) => void handleSubmit(event)} class="narrow">
        <ProblemAlert error={submission.error} title="The mark was not changed" />
        <div class="field">
          <label for="amend-code">New code</label>
          <select
            id="amend-code"
            value={code}
            onChange={(event) => {
              setCode(event.currentTarget.value);
            }}
          >
            <option value="">Choose a code</option>
            {options.map((option) => (
              <option key={option.code} value={option.code}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="amend-reason">Reason for the change</label>
          <p class="hint" id="amend-reason-hint">
            Kept in the history for inspection, e.g. “Mother phoned at 09:40: sickness bug”.
          </p>
          <input
            type="text"
            id="amend-reason"
            aria-describedby="amend-reason-hint"
            value={reason}
            maxLength={500}
            required
            onInput={(event) => {
              setReason(event.currentTarget.value);
            }}
          />
        </div>
        <button type="submit" class="button button-primary" disabled={submission.busy}>
          {submission.busy ? 'Changing…' : 'Change mark'}
        </button>
      </form>
    </section>
  );
}

function HistoryTable(props: { entries: readonly HistoryEntry[] }) {
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">History</h2>
      <table class="data-table history-table">
        <caption class="visually-hidden">The original mark and every change, oldest first</caption>
        <thead>
          <tr>
            <th scope="col">Change</th>
            <th scope="col">Code</th>
            <th scope="col">Who</th>
            <th scope="col">When</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {props.entries.map((entry) => (
            <tr key={entry.version}>
              <th scope="row">{entry.previousCode === null ? 'Original' : 'Amendment'}</th>
              <td>
                {entry.previousCode === null
                  ? entry.newCode
                  : `${entry.previousCode} → ${entry.newCode}`}
              </td>
              <td>
                {entry.changedBy.name} ({describeChangerRole(entry.changedBy.role)})
              </td>
              <td>{changedAt.format(new Date(entry.changedAt))}</td>
              <td>{entry.reason ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
