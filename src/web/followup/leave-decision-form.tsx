import { useState } from 'preact/hooks';
import type {
  LeaveDecisionBody,
  LeaveDecisionResponse,
} from '../../contracts/follow-up.contract.ts';
import { callApi } from '../api-client.ts';
import { ProblemAlert } from '../components/problem-alert.tsx';
import { useSubmission } from '../components/use-submission.ts';
import { describeSessionKey, describeSessionPoint, type SessionPoint } from './leave-words.ts';

type Decision = LeaveDecisionBody['decision'];

const decisions: readonly { value: Decision; label: string }[] = [
  { value: 'grant-all', label: 'Grant all of it' },
  { value: 'grant-part', label: 'Grant part of it' },
  { value: 'refuse', label: 'Refuse' },
];

/** The head's decision on one request: all, the sessions chosen, or none, with the reason. */
export function LeaveDecisionForm(props: {
  leaveRequestId: number;
  sessions: readonly SessionPoint[];
  onDecided: (answer: LeaveDecisionResponse) => void;
}) {
  const idBase = `leave-${String(props.leaveRequestId)}`;
  const [decision, setDecision] = useState<Decision | ''>('');
  const [granted, setGranted] = useState<ReadonlySet<string>>(new Set());
  const [reason, setReason] = useState('');
  const submission = useSubmission();

  const toggle = (key: string, on: boolean): void => {
    setGranted((chosen) => {
      const next = new Set(chosen);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    });
  };

  const handleSubmit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const chosen = props.sessions.filter((session) => granted.has(describeSessionKey(session)));
    const problem =
      decision === ''
        ? 'Choose a decision.'
        : decision === 'grant-part' && chosen.length === 0
          ? 'Tick the sessions you grant.'
          : decision === 'grant-part' && chosen.length === props.sessions.length
            ? 'Every session is ticked: choose “Grant all of it” instead.'
            : reason.trim() === ''
              ? 'Give the reason the parent will read.'
              : null;
    if (problem !== null || decision === '') {
      submission.showError({ detail: problem ?? 'Choose a decision.', fields: [] });
      return;
    }
    const body: LeaveDecisionBody =
      decision === 'grant-part'
        ? {
            decision,
            reason: reason.trim(),
            granted: chosen.map((s) => ({ date: s.date, session: s.session })),
          }
        : { decision, reason: reason.trim() };
    const decided = await submission.submit(
      () =>
        callApi<LeaveDecisionResponse>(
          'POST',
          `/api/leave-requests/${String(props.leaveRequestId)}/decision`,
          { body },
        ),
      null,
    );
    if (decided !== null) props.onDecided(decided.value);
  };

  return (
    <form noValidate onSubmit={(event) => void handleSubmit(event)}>
      <ProblemAlert error={submission.error} title="The decision was not recorded" />
      <fieldset class="field">
        <legend>Decision</legend>
        {decisions.map((choice) => (
          <label key={choice.value} class="choice">
            <input
              type="radio"
              name={`${idBase}-decision`}
              value={choice.value}
              checked={decision === choice.value}
              onChange={() => {
                setDecision(choice.value);
              }}
            />{' '}
            {choice.label}
          </label>
        ))}
      </fieldset>
      {decision === 'grant-part' && (
        <fieldset class="field">
          <legend>Sessions granted</legend>
          <div class="session-choices">
            {props.sessions.map((session) => {
              const key = describeSessionKey(session);
              return (
                <label key={key} class="choice">
                  <input
                    type="checkbox"
                    value={key}
                    checked={granted.has(key)}
                    onChange={(event) => {
                      toggle(key, event.currentTarget.checked);
                    }}
                  />{' '}
                  {describeSessionPoint(session)}
                </label>
              );
            })}
          </div>
        </fieldset>
      )}
      <div class="field">
        <label for={`${idBase}-reason`}>Reason (the parent reads this)</label>
        <textarea
          id={`${idBase}-reason`}
          rows={3}
          maxLength={1000}
          value={reason}
          onInput={(event) => {
            setReason(event.currentTarget.value);
          }}
        />
      </div>
      <button type="submit" class="button button-primary" disabled={submission.busy}>
        {submission.busy ? 'Saving…' : 'Record the decision'}
      </button>
    </form>
  );
}
