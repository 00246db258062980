import { useState } from 'preact/hooks';
import type { PenaltyNoticeRecord } from '../../contracts/penalty-notice.contract.ts';
import { callApi } from '../api-client.ts';
import { ProblemAlert } from '../components/problem-alert.tsx';
import { useSubmission } from '../components/use-submission.ts';

/**
 * What became of a notice: paid on a day (the server works out and checks the amount due that
 * day) or withdrawn with a reason, after which it no longer counts towards the limit.
 */
export function NoticeOutcomeForm(props: {
  notice: PenaltyNoticeRecord;
  today: string;
  onRecorded: () => void;
}) {
  const idBase = `notice-${String(props.notice.id)}`;
  const [outcome, setOutcome] = useState<'payment' | 'withdrawal'>('payment');
  const [on, setOn] = useState(props.today);
  const [reason, setReason] = useState('');
  const submission = useSubmission();

  const handleSubmit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const recorded = await submission.submit(
      () =>
        callApi<unknown>('POST', `/api/penalty-notices/${String(props.notice.id)}/${outcome}`, {
          body: outcome === 'payment' ? { paidOn: on } : { withdrawnOn: on, reason: reason.trim() },
        }),
      outcome === 'payment' ? 'Payment recorded.' : 'Notice withdrawn.',
    );
    if (recorded !== null) props.onRecorded();
  };

  return (
    <details class="notice-outcome">
      <summary>Record paid or withdrawn</summary>
      <form noValidate onSubmit={(event) => void handleSubmit(event)}>
        <ProblemAlert error={submission.error} title="Nothing was recorded" />
        <fieldset class="field">
          <legend>What happened</legend>
          <label class="choice">
            <input
              type="radio"
              name={`${idBase}-outcome`}
              checked={outcome === 'payment'}
              onChange={() => {
                setOutcome('payment');
              }}
            />{' '}
            Paid
          </label>
          <label class="choice">
            <input
              type="radio"
              name={`${idBase}-outcome`}
              checked={outcome === 'withdrawal'}
              onChange={() => {
                setOutcome('withdrawal');
              }}
            />{' '}
            Withdrawn
          </label>
        </fieldset>
        <div class="field">
          <label for={`${idBase}-on`}>On</label>
          <input
            type="date"
            id={`${idBase}-on`}
            value={on}
            onInput={(event) => {
              setOn(event.currentTarget.value);
            }}
          />
        </div>
        {outcome === 'withdrawal' && (
          <div class="field">
            <label for={`${idBase}-reason`}>Why it was withdrawn</label>
            <input
              type="text"
              id={`${idBase}-reason`}
              value={reason}
              maxLength={1000}
              onInput={(event) => {
                setReason(event.currentTarget.value);
              }}
            />
          </div>
        )}
        <button type="submit" class="button" disabled={submission.busy}>
          {outcome === 'payment' ? 'Record payment' : 'Record withdrawal'}
        </button>
      </form>
    </details>
  );
}
