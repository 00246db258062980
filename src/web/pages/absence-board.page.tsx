import { useState } from 'preact/hooks';
import type { AbsenceBoardResponse } from '../../contracts/absence-report.contract.ts';
import type { ContactAttemptList } from '../../contracts/contact-attempt.contract.ts';
import { Link } from '../components/link.tsx';
import { ProblemAlert, describeError } from '../components/problem-alert.tsx';
import { Loading, ResourceFailure } from '../components/resource-failure.tsx';
import { describeSession, formatPlainDate, isPlainDate, readLondonToday } from '../london-time.ts';
import { describeCode } from '../office/attendance-codes.ts';
import { ContactList } from '../components/contact-list.tsx';
import { ContactLogForm, type LoggedCall } from '../office/contact-log-form.tsx';
import { usePageTitle } from '../page-title.ts';
import type { AppLocation } from '../router.ts';
import { useApiResource } from '../use-api-resource.ts';

type BoardPupil = AbsenceBoardResponse['pupils'][number];

const outcomeWords: Readonly<Record<string, string>> = {
  reached: 'spoke to them',
  'no-answer': 'no answer',
  'message-left': 'message left',
  'reason-given': 'reason given',
};

const timeOfDay = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/London',
});

/** The office's calling list: who is still unexplained once the registers have closed. */
export function AbsenceBoardPage(props: { schoolId: number; location: AppLocation }) {
  usePageTitle('Today’s absence board');
  const requested = props.location.query.get('date');
  const date = isPlainDate(requested) ? requested : readLondonToday().date;
  const board = useApiResource<AbsenceBoardResponse>(
    `/api/schools/${String(props.schoolId)}/absence-board?date=${date}`,
  );
  if (board.kind === 'failed')
    return <ResourceFailure error={board.error} heading="Today’s absence board" />;
  return (
    <div>
      <h1>Today’s absence board</h1>
      <p class="lead">
        {formatPlainDate(date)}. Pupils still marked N (no reason yet) after the register closed,
        with their contacts in the order to call them.
      </p>
      {board.kind === 'loading' && <Loading what="the absence board" />}
      {board.kind === 'loaded' && <BoardBody board={board.value} date={date} />}
    </div>
  );
}

function BoardBody(props: { board: AbsenceBoardResponse; date: string }) {
  const { board } = props;
  if (board.sessionsClosed.length === 0)
    return (
      <p class="alert alert-warning">
        No register has closed yet today. Pupils without a reason appear here once the morning
        register closes.
      </p>
    );
  if (board.pupils.length === 0)
    return (
      <p class="alert alert-success">
        Every absence is explained for the {board.sessionsClosed.map(describeSession).join(' and ')}{' '}
        so far. Nobody to call.
      </p>
    );
  return (
    <>
      <p>
        {board.pupils.length === 1
          ? '1 pupil to call.'
          : `${String(board.pupils.length)} pupils to call.`}
      </p>
      <ul class="call-list">
        {board.pupils.map((pupil) => (
          <PupilToCall key={pupil.pupilId} pupil={pupil} date={props.date} />
        ))}
      </ul>
    </>
  );
}

function PupilToCall(props: { pupil: BoardPupil; date: string }) {
  const { pupil } = props;
  const name = `${pupil.lastName}, ${pupil.firstName}`;
  const headingId = `pupil-${String(pupil.pupilId)}`;
  const contactsId = `${headingId}-contacts`;
  const earlier = useApiResource<ContactAttemptList>(
    `/api/pupils/${String(pupil.pupilId)}/contact-attempts?since=${props.date}`,
  );
  const [calls, setCalls] = useState<LoggedCall[]>([]);
  const replaced = calls.flatMap((call) => call.replacedMarks);
  const attempts = [
    ...(earlier.kind === 'loaded' ? earlier.value.attempts : []),
    ...calls.map((call) => call.attempt),
  ];
  return (
    <li class="call-card" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {name}
        {pupil.className !== null && <span class="subtitle"> {pupil.className}</span>}
      </h2>
      {replaced.length > 0 ? (
        <p class="alert alert-success">
          Reason recorded:{' '}
          {replaced
            .map((mark) => `${describeSession(mark.session)} now ${describeCode(mark.code)}`)
            .join('; ')}
          .{' '}
          {replaced.map((mark) => (
            <Link key={mark.markId} href={`/marks/${String(mark.markId)}`}>
              History of the {describeSession(mark.session)} mark
            </Link>
          ))}
        </p>
      ) : (
        <p>
          Unexplained:{' '}
          {pupil.unexplained
            .map((mark) => `${describeSession(mark.session)} (${mark.code})`)
            .join(', ')}
        </p>
      )}
      <h3 id={contactsId}>Contacts, in the order to call</h3>
      <ContactList contacts={pupil.contacts} labelledBy={contactsId} />
      <h3>Calls today</h3>
      {earlier.kind === 'failed' && (
        <ProblemAlert error={describeError(earlier.error)} title="Earlier calls not loaded" />
      )}
      {attempts.length === 0 ? (
        <p>No calls logged yet.</p>
      ) : (
        <ul class="attempt-list">
          {attempts.map((attempt) => (
            <li key={attempt.id}>
              {timeOfDay.format(new Date(attempt.attemptedAt))}{' '}
              {attempt.contactName ?? 'someone else'}: {outcomeWords[attempt.outcome]}
              {attempt.note !== null && ` – ${attempt.note}`}{' '}
              <span class="subtitle">({attempt.madeBy.name})</span>
            </li>
          ))}
        </ul>
      )}
      {replaced.length === 0 && (
        <details class="log-call" open={attempts.length === 0}>
          <summary>Log a call to {pupil.firstName}’s family</summary>
          <ContactLogForm
            pupilId={pupil.pupilId}
            pupilName={`${pupil.firstName} ${pupil.lastName}`}
            contacts={pupil.contacts}
            unexplained={pupil.unexplained}
            onLogged={(call) => {
              setCalls((previous) => [...previous, call]);
            }}
          />
        </details>
      )}
    </li>
  );
}
