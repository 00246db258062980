import { useState } from 'preact/hooks';
import type {
  AbsenceReportCreated,
  absenceReasons,
} from '../../contracts/absence-report.contract.ts';
import type { SessionName } from '../../contracts/common.contract.ts';
import type { PupilProfileResponse } from '../../contracts/pupil.contract.ts';
import { callApi } from '../api-client.ts';
import { DayAndSession } from '../components/day-and-session.tsx';
import { Link } from '../components/link.tsx';
import { ProblemAlert, findFieldError } from '../components/problem-alert.tsx';
import { Loading, ResourceFailure } from '../components/resource-failure.tsx';
import { useSubmission } from '../components/use-submission.ts';
import { describeChildName } from '../family/child-name.ts';
import { formatPlainDate, isPlainDate, readLondonToday } from '../london-time.ts';
import { usePageTitle } from '../page-title.ts';
import { describeReportedReason } from '../register/register-codes.ts';
import { useApiResource } from '../use-api-resource.ts';

type Reason = (typeof absenceReasons)[number];

// Typed against the contract's list, so a reason the server does not know cannot be offered.
const reasons: readonly Reason[] = ['illness', 'medical', 'religious', 'other'];

/** A parent tells the school their child is, or will be, absent. */
export function ReportAbsencePage(props: { pupilId: number }) {
  const profile = useApiResource<PupilProfileResponse>(`/api/pupils/${String(props.pupilId)}`);
  const name = profile.kind === 'loaded' ? describeChildName(profile.value) : null;
  usePageTitle(name === null ? 'Report an absence' : `Report ${name.first} absent`);
  if (profile.kind === 'failed')
    return <ResourceFailure error={profile.error} heading="Report an absence" />;
  if (profile.kind === 'loading' || name === null)
    return (
      <div class="narrow">
        <h1>Report an absence</h1>
        <Loading what="your child" />
      </div>
    );
  return <ReportForm pupilId={props.pupilId} name={name} schoolName={profile.value.school.name} />;
}

function ReportForm(props: {
  pupilId: number;
  name: { first: string; full: string };
  schoolName: string;
}) {
  const today = readLondonToday().date;
  const [reason, setReason] = useState<Reason | ''>('');
  const [details, setDetails] = useState('');
  const [fromDate, setFromDate] = useState(today);
  const [fromSession, setFromSession] = useState<SessionName>('AM');
  const [toDate, setToDate] = useState(today);
  const [toSession, setToSession] = useState<SessionName>('PM');
  const [expectedReturn, setExpectedReturn] = useState('');
  const submission = useSubmission();
  const { error } = submission;
  const [created, setCreated] = useState<AbsenceReportCreated | null>(null);

  const handleSubmit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const problems = [
      ...(reason === '' ? [{ field: 'reason', message: 'choose the reason' }] : []),
      ...(isPlainDate(fromDate) ? [] : [{ field: 'from', message: 'enter the first day' }]),
      ...(isPlainDate(toDate) ? [] : [{ field: 'to', message: 'enter the last day' }]),
    ];
    if (problems.length > 0 || reason === '') {
      submission.showError({ detail: 'Some answers are missing.', fields: problems });
      return;
    }
    const reported = await submission.submit(
      () =>
        callApi<AbsenceReportCreated>(
          'POST',
          `/api/pupils/${String(props.pupilId)}/absence-reports`,
          {
            body: {
              reason,
              ...(details.trim() === '' ? {} : { details: details.trim() }),
              from: { date: fromDate, session: fromSession },
              to: { date: toDate, session: toSession },
              ...(isPlainDate(expectedReturn) ? { expectedReturn } : {}),
            },
          },
        ),
      'Absence reported. The school has been told.',
    );
    if (reported !== null) setCreated(reported.value);
  };

  if (created !== null) {
    const { report } = created;
    return (
      <div class="narrow">
        <h1>Absence reported</h1>
        <div class="alert alert-success confirmation" role="status">
          <p class="alert-title">Thank you. {props.schoolName} has been told.</p>
          <p>
            {props.name.first} will be absent because of{' '}
            {describeReportedReason(report.reason).toLowerCase()} from{' '}
            {formatPlainDate(report.from.date)} ({sessionWord(report.from.session)}) to{' '}
            {formatPlainDate(report.to.date)} ({sessionWord(report.to.session)}).
          </p>
          {report.expectedReturn !== null && (
            <p>Expected back on {formatPlainDate(report.expectedReturn)}.</p>
          )}
          <p>
            Your reference is <strong>{report.id}</strong>. You do not need to phone the school as
            well.
          </p>
        </div>
        <p>
          <Link href={`/children/${String(props.pupilId)}`}>
            See {props.name.first}’s attendance
          </Link>
        </p>
        <p>
          <Link href="/">Back to your home page</Link>
        </p>
      </div>
    );
  }

  return (
    <div class="narrow">
      <h1>Report {props.name.first} absent</h1>
      <p class="lead">
        Tell {props.schoolName} why {props.name.full} is or will be away. The register will show
        your reason so nobody needs to call you.
      </p>
      <ProblemAlert error={error} title="The absence was not reported" />
      <form noValidate onSubmit={(event) => void handleSubmit(event)}>
        <fieldset class={findFieldError(error, 'reason') ? 'field field-invalid' : 'field'}>
          <legend>Reason</legend>
          {reasons.map((choice) => (
            <label key={choice} class="choice">
              <input
                type="radio"
                name="reason"
                value={choice}
                checked={reason === choice}
                onChange={() => {
                  setReason(choice);
                }}
              />{' '}
              {describeReportedReason(choice)}
            </label>
          ))}
        </fieldset>
        <div class="field">
          <label for="details">More detail (optional)</label>
          <input
            type="text"
            id="details"
            value={details}
            maxLength={500}
            onInput={(event) => {
              setDetails(event.currentTarget.value);
            }}
          />
        </div>
        <DayAndSession
          id="from"
          end="first"
          legend="First day away"
          date={fromDate}
          session={fromSession}
          onDate={setFromDate}
          onSession={setFromSession}
          error={findFieldError(error, 'from') ?? findFieldError(error, 'date')}
        />
        <DayAndSession
          id="to"
          end="last"
          legend="Last day away"
          date={toDate}
          session={toSession}
          onDate={setToDate}
          onSession={setToSession}
          error={findFieldError(error, 'to')}
        />
        <div class="field">
          <label for="expected-return">Expected back at school (optional)</label>
          <input
            type="date"
            id="expected-return"
            value={expectedReturn}
            onInput={(event) => {
              setExpectedReturn(event.currentTarget.value);
            }}
          />
        </div>
        <button type="submit" class="button button-primary button-large" disabled={submission.busy}>
          {submission.busy ? 'Sending…' : 'Report absence'}
        </button>
      </form>
    </div>
  );
}

function sessionWord(session: SessionName): string {
  return session === 'AM' ? 'morning' : 'afternoon';
}
