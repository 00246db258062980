import { useState } from 'preact/hooks';
import type { CaseLadderList } from '../../contracts/casework.contract.ts';
import type { CaseResponse } from '../../contracts/follow-up.contract.ts';
import { callApi } from '../api-client.ts';
import { ProblemAlert } from '../components/problem-alert.tsx';
import { useSubmission } from '../components/use-submission.ts';
import { describeRung } from './casework-words.ts';

/** Opens a case on a ladder at the stage staff judge right; the school's own ladder first. */
export function OpenCaseForm(props: {
  pupilId: number;
  schoolId: number;
  ladders: CaseLadderList;
  onOpened: (opened: CaseResponse) => void;
}) {
  const { ladders } = props.ladders;
  const [ladderId, setLadderId] = useState(props.ladders.schoolLadder ?? ladders[0]?.id ?? '');
  const [stage, setStage] = useState('1');
  const [notes, setNotes] = useState('');
  const submission = useSubmission();
  const ladder = ladders.find((candidate) => candidate.id === ladderId);

  const handleSubmit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const opened = await submission.submit(
      () =>
        callApi<CaseResponse>('POST', `/api/pupils/${String(props.pupilId)}/cases`, {
          body: {
            schoolId: props.schoolId,
            ladder: ladderId,
            stage: Number(stage),
            ...(notes.trim() === '' ? {} : { notes: notes.trim() }),
          },
        }),
      'Case opened.',
    );
    if (opened !== null) props.onOpened(opened.value);
  };

  return (
    <form class="case-form" noValidate onSubmit={(event) => void handleSubmit(event)}>
      <h3>Open a case</h3>
      <ProblemAlert error={submission.error} title="The case was not opened" />
      <div class="field">
        <label for="open-ladder">Escalation ladder</label>
        {props.ladders.schoolLadder === null && (
          <p class="hint" id="open-ladder-hint">
            The school’s policy does not name a ladder: choose the one it follows.
          </p>
        )}
        <select
          id="open-ladder"
          value={ladderId}
          aria-describedby={props.ladders.schoolLadder === null ? 'open-ladder-hint' : undefined}
          onChange={(event) => {
            setLadderId(event.currentTarget.value);
            setStage('1');
          }}
        >
          {ladders.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {candidate.title}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="open-stage">Start at {describeRung(ladderId)}</label>
        <select
          id="open-stage"
          value={stage}
          onChange={(event) => {
            setStage(event.currentTarget.value);
          }}
        >
          {ladder?.stages.map((rung) => (
            <option key={rung.stage} value={String(rung.stage)}>
              {rung.stage}: {rung.title}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="open-notes">Why the case is opened (optional)</label>
        <textarea
          id="open-notes"
          rows={3}
          maxLength={2000}
          value={notes}
          onInput={(event) => {
            setNotes(event.currentTarget.value);
          }}
        />
      </div>
      <button type="submit" class="button button-primary" disabled={submission.busy}>
        {submission.busy ? 'Opening…' : 'Open case'}
      </button>
    </form>
  );
}
