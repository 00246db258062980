import { useState } from 'preact/hooks';
import type { CaseLadderList, CaseProposalResponse } from '../../contracts/casework.contract.ts';
import type { CaseResponse } from '../../contracts/follow-up.contract.ts';
import { callApi } from '../api-client.ts';
import { ProblemAlert, describeError } from '../components/problem-alert.tsx';
import { useSubmission } from '../components/use-submission.ts';
import { useApiResource } from '../use-api-resource.ts';
import { describeRung, formatDay } from './casework-words.ts';

type Ladder = CaseLadderList['ladders'][number];

/**
 * Where an open case stands on its ladder, the stage the policy's alerts point to, and the
 * forms to move it or close it, each with the reason kept as evidence.
 */
export function CaseStage(props: {
  openCase: CaseResponse;
  ladder: Ladder | undefined;
  asOf: string;
  ruleTitle: (rule: string) => string;
  onChanged: (changed: CaseResponse) => void;
}) {
  const { openCase, ladder } = props;
  const rung = describeRung(openCase.ladder);
  const current = ladder?.stages.find((stage) => stage.stage === openCase.stage);
  const next = ladder?.stages.find((stage) => stage.stage === openCase.stage + 1);
  return (
    <>
      <dl class="case-facts">
        <div>
          <dt>Ladder</dt>
          <dd>{ladder?.title ?? openCase.ladder}</dd>
        </div>
        <div>
          <dt>Current {rung}</dt>
          <dd>
            {openCase.stage}: {current?.title ?? 'unknown'}
          </dd>
        </div>
        <div>
          <dt>Next {rung}</dt>
          <dd>
            {next === undefined
              ? `None: this is the last ${rung}`
              : `${String(next.stage)}: ${next.title}`}
          </dd>
        </div>
      </dl>
      <CaseProposal
        caseId={openCase.id}
        asOf={props.asOf}
        stage={openCase.stage}
        rung={rung}
        ruleTitle={props.ruleTitle}
      />
      <div class="case-actions">
        <MoveStageForm
          key={openCase.stage}
          openCase={openCase}
          ladder={ladder}
          defaultStage={next?.stage ?? openCase.stage}
          onMoved={props.onChanged}
        />
        <CloseCaseForm openCase={openCase} onClosed={props.onChanged} />
      </div>
    </>
  );
}

/** The engine's proposal: a stage beyond the current one its alerts point to; staff decide. */
function CaseProposal(props: {
  caseId: number;
  asOf: string;
  stage: number;
  rung: string;
  ruleTitle: (rule: string) => string;
}) {
  const proposal = useApiResource<CaseProposalResponse>(
    `/api/cases/${String(props.caseId)}/proposal?asOf=${props.asOf}`,
    props.stage,
  );
  if (proposal.kind === 'loading') return null;
  if (proposal.kind === 'failed')
    return <ProblemAlert error={describeError(proposal.error)} title="No proposal" />;
  const proposed = proposal.value.proposal;
  return (
    <section class="case-proposal" aria-labelledby="proposal-heading">
      <h3 id="proposal-heading">What the policy’s alerts suggest</h3>
      {proposed === null ? (
        <p>
          The alerts up to {formatDay(props.asOf)} point to no later {props.rung}.
        </p>
      ) : (
        <>
          <p>
            The alerts point to {props.rung} {proposed.stage}: {proposed.title}. This is a proposal
            only: move the case if you agree.
          </p>
          <ul>
            {proposed.because.map((alert) => (
              <li key={`${alert.rule}-${alert.date}-${alert.session}`}>
                {props.ruleTitle(alert.rule)}, crossed {formatDay(alert.date)} {alert.session}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function MoveStageForm(props: {
  openCase: CaseResponse;
  ladder: Ladder | undefined;
  defaultStage: number;
  onMoved: (moved: CaseResponse) => void;
}) {
  const rung = describeRung(props.openCase.ladder);
  const [stage, setStage] = useState(String(props.defaultStage));
  const [reason, setReason] = useState('');
  const submission = useSubmission();

  const handleSubmit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    if (reason.trim() === '') {
      submission.showError({
        detail: `Give the reason for the move: it is kept as evidence.`,
        fields: [],
      });
      return;
    }
    const moved = await submission.submit(
      () =>
        callApi<CaseResponse>('POST', `/api/cases/${String(props.openCase.id)}/stage`, {
          body: { stage: Number(stage), reason: reason.trim() },
        }),
      (answer) => `Case moved to ${rung} ${String(answer.stage)}.`,
    );
    if (moved === null) return;
    setReason('');
    props.onMoved(moved.value);
  };

  return (
    <form class="case-form" noValidate onSubmit={(event) => void handleSubmit(event)}>
      <h3>Move the case</h3>
      <ProblemAlert error={submission.error} title="The case was not moved" />
      <div class="field">
        <label for="move-stage">Move to {rung}</label>
        <select
          id="move-stage"
          value={stage}
          onChange={(event) => {
            setStage(event.currentTarget.value);
          }}
        >
          {props.ladder?.stages.map((candidate) => (
            <option key={candidate.stage} value={String(candidate.stage)}>
              {candidate.stage}: {candidate.title}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="move-reason">Reason for the move</label>
        <textarea
          id="move-reason"
          rows={2}
          maxLength={1000}
          value={reason}
          onInput={(event) => {
            setReason(event.currentTarget.value);
          }}
        />
      </div>
      <button type="submit" class="button button-primary" disabled={submission.busy}>
        {submission.busy ? 'Moving…' : `Move to this ${rung}`}
      </button>
    </form>
  );
}

function CloseCaseForm(props: {
  openCase: CaseResponse;
  onClosed: (closed: CaseResponse) => void;
}) {
  const [reason, setReason] = useState('');
  const submission = useSubmission();

  const handleSubmit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    if (reason.trim() === '') {
      submission.showError({ detail: 'Give the reason the case is closed.', fields: [] });
      return;
    }
    const closed = await submission.submit(
      () =>
        callApi<CaseResponse>('POST', `/api/cases/${String(props.openCase.id)}/closure`, {
          body: { reason: reason.trim() },
        }),
      'Case closed.',
    );
    if (closed !== null) props.onClosed(closed.value);
  };

  return (
    <form class="case-form" noValidate onSubmit={(event) => void handleSubmit(event)}>
      <h3>Close the case</h3>
      <ProblemAlert error={submission.error} title="The case was not closed" />
      <div class="field">
        <label for="close-reason">Reason for closing</label>
        <textarea
          id="close-reason"
          rows={2}
          maxLength={1000}
          value={reason}
          onInput={(event) => {
            setReason(event.currentTarget.value);
          }}
        />
      </div>
      <button type="submit" class="button" disabled={submission.busy}>
        {submission.busy ? 'Closing…' : 'Close case'}
      </button>
    </form>
  );
}
