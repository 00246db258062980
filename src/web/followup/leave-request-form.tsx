import { useState } from 'preact/hooks';
import type { SessionName } from '../../contracts/common.contract.ts';
import type { LeaveRequestBody, LeaveRequestResponse } from '../../contracts/follow-up.contract.ts';
import { callApi } from '../api-client.ts';
import { DayAndSession } from '../components/day-and-session.tsx';
import { ProblemAlert, findFieldError } from '../components/problem-alert.tsx';
import { useSubmission } from '../components/use-submission.ts';
import { isPlainDate } from '../london-time.ts';
import { leavePurposeChoices, type LeavePurpose } from './leave-words.ts';

/**
 * An application for leave of absence in term time: the days and sessions, why, what evidence
 * there is and, for extended leave, the agreed return. The parent fills it in, or the office
 * on the parent's behalf; the head decides later.
 */
export function LeaveRequestForm(props: {
  pupilId: number;
  childFirstName: string;
  firstDay: string;
  submitLabel: string;
  onCreated: (request: LeaveRequestResponse) => void;
}) {
  const [purpose, setPurpose] = useState<LeavePurpose | ''>('');
  const [fromDate, setFromDate] = useState(props.firstDay);
  const [fromSession, setFromSession] = useState<SessionName>('AM');
  const [toDate, setToDate] = useState(props.firstDay);
  const [toSession, setToSession] = useState<SessionName>('PM');
  const [reason, setReason] = useState('');
  const [evidence, setEvidence] = useState('');
  const [agreedReturn, setAgreedReturn] = useState('');
  const submission = useSubmission();
  const { error } = submission;

  const handleSubmit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const problems = [
      ...(purpose === '' ? [{ field: 'purpose', message: 'choose what the leave is for' }] : []),
      ...(isPlainDate(fromDate) ? [] : [{ field: 'from', message: 'enter the first day away' }]),
      ...(isPlainDate(toDate) ? [] : [{ field: 'to', message: 'enter the last day away' }]),
      ...(reason.trim() === ''
        ? [{ field: 'reason', message: 'say why the leave is needed' }]
        : []),
      ...(purpose === 'extended-holiday' && !isPlainDate(agreedReturn)
        ? [{ field: 'agreedReturn', message: 'enter the day your child will be back' }]
        : []),
    ];
    if (problems.length > 0 || purpose === '') {
      submission.showError({ detail: 'Some answers are missing.', fields: problems });
      return;
    }
    const body: LeaveRequestBody = {
      purpose,
      reason: reason.trim(),
      from: { date: fromDate, session: fromSession },
      to: { date: toDate, session: toSession },
      ...(evidence.trim() === '' ? {} : { evidence: evidence.trim() }),
      ...(purpose === 'extended-holiday' ? { agreedReturn } : {}),
    };
    const created = await submission.submit(
      () =>
        callApi<LeaveRequestResponse>(
          'POST',
          `/api/pupils/${String(props.pupilId)}/leave-requests`,
          { body },
        ),
      null,
    );
    if (created !== null) props.onCreated(created.value);
  };

  const invalid = (field: string): string =>
    findFieldError(error, field) === undefined ? 'field' : 'field field-invalid';
  return (
    <form noValidate onSubmit={(event) => void handleSubmit(event)}>
      <ProblemAlert error={error} title="The request was not sent" />
      <fieldset class={`${invalid('purpose')} leave-purposes`}>
        <legend>What the leave is for</legend>
        {leavePurposeChoices.map((choice) => (
          <label key={choice.value} class="choice">
            <input
              type="radio"
              name="leave-purpose"
              value={choice.value}
              checked={purpose === choice.value}
              onChange={() => {
                setPurpose(choice.value);
              }}
            />{' '}
            <span>
              {choice.label} <span class="hint">– {choice.hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <DayAndSession
        id="leave-from"
        legend="First day away"
        end="first"
        date={fromDate}
        session={fromSession}
        onDate={setFromDate}
        onSession={setFromSession}
        error={findFieldError(error, 'from') ?? findFieldError(error, 'date')}
      />
      <DayAndSession
        id="leave-to"
        legend="Last day away"
        end="last"
        date={toDate}
        session={toSession}
        onDate={setToDate}
        onSession={setToSession}
        error={findFieldError(error, 'to')}
      />
      {purpose === 'extended-holiday' && (
        <div class={invalid('agreedReturn')}>
          <label for="leave-agreed-return">Back at school on</label>
          <p class="hint" id="leave-agreed-return-hint">
            If {props.childFirstName} is not back by then, the school must start checks for a child
            missing education.
          </p>
          {findFieldError(error, 'agreedReturn') !== undefined && (
            <p class="field-error">{findFieldError(error, 'agreedReturn')}</p>
          )}
          <input
            type="date"
            id="leave-agreed-return"
            aria-describedby="leave-agreed-return-hint"
            value={agreedReturn}
            onInput={(event) => {
              setAgreedReturn(event.currentTarget.value);
            }}
          />
        </div>
      )}
      <div class={invalid('reason')}>
        <label for="leave-reason">Why {props.childFirstName} needs to be away</label>
        <textarea
          id="leave-reason"
          rows={4}
          maxLength={1000}
          value={reason}
          onInput={(event) => {
            setReason(event.currentTarget.value);
          }}
        />
      </div>
      <div class="field">
        <label for="leave-evidence">Evidence you can show (optional)</label>
        <p class="hint" id="leave-evidence-hint">
          For example an order of service, a letter from an employer or a hospital appointment.
        </p>
        <textarea
          id="leave-evidence"
          aria-describedby="leave-evidence-hint"
          rows={2}
          maxLength={2000}
          value={evidence}
          onInput={(event) => {
            setEvidence(event.currentTarget.value);
          }}
        />
      </div>
      <button type="submit" class="button button-primary button-large" disabled={submission.busy}>
        {submission.busy ? 'Sending…' : props.submitLabel}
      </button>
    </form>
  );
}
