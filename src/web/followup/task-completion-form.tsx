import { useState } from 'preact/hooks';
import type { TaskCompletionResponse } from '../../contracts/follow-up.contract.ts';
import { callApi } from '../api-client.ts';
import { ProblemAlert } from '../components/problem-alert.tsx';
import { useSubmission } from '../components/use-submission.ts';

/** Records a step done (an email sent, a home visit made, a referral) with what came of it. */
export function TaskCompletionForm(props: {
  idBase: string;
  taskId: number;
  onCompleted: (answer: TaskCompletionResponse) => void;
}) {
  const { idBase } = props;
  const [outcome, setOutcome] = useState('');
  const submission = useSubmission();

  const handleSubmit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    if (outcome.trim() === '') {
      submission.showError({ detail: 'Say what was done and what came of it.', fields: [] });
      return;
    }
    const completed = await submission.submit(
      () =>
        callApi<TaskCompletionResponse>(
          'POST',
          `/api/follow-up-tasks/${String(props.taskId)}/completion`,
          { body: { outcome: outcome.trim() } },
        ),
      null,
    );
    if (completed === null) return;
    setOutcome('');
    props.onCompleted(completed.value);
  };

  return (
    <form noValidate onSubmit={(event) => void handleSubmit(event)}>
      <ProblemAlert error={submission.error} title="The step was not recorded as done" />
      <div class="field">
        <label for={`${idBase}-outcome`}>What was done, and what came of it</label>
        <textarea
          id={`${idBase}-outcome`}
          rows={3}
          maxLength={1000}
          value={outcome}
          onInput={(event) => {
            setOutcome(event.currentTarget.value);
          }}
        />
      </div>
      <button type="submit" class="button" disabled={submission.busy}>
        {submission.busy ? 'Saving…' : 'Mark step done'}
      </button>
    </form>
  );
}
