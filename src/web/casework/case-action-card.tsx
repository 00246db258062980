import { useState } from 'preact/hooks';
import type {
  CaseActionAccepted,
  CaseActionResponse,
} from '../../contracts/case-action.contract.ts';
import { ApiProblem, callApi } from '../api-client.ts';
import { Link } from '../components/link.tsx';
import { ProblemAlert, describeError } from '../components/problem-alert.tsx';
import { useSubmission } from '../components/use-submission.ts';
import { describeRung, formatDay } from './casework-words.ts';

type Evidence = CaseActionResponse['evidence'][number];

/** What came of a decision, for the list to show once the card has gone. */
export type CaseActionOutcome =
  | {
      readonly kind: 'accepted';
      readonly pupilId: number;
      readonly pupilName: string;
      readonly message: string;
    }
  | { readonly kind: 'dismissed'; readonly message: string }
  /** The alerts no longer call for what the card showed (a 409): the list is read again. */
  | { readonly kind: 'changed'; readonly detail: string };

/** "Open a case at stage 1" or "Move the case from stage 1 to stage 4". */
export function describeCaseAction(action: CaseActionResponse): string {
  const rung = describeRung(action.ladder);
  return action.kind === 'open'
    ? `Open a case at ${rung} ${String(action.stage)}`
    : `Move the case from ${rung} ${String(action.fromStage)} to ${rung} ${String(action.stage)}`;
}

// The count is left out: a rule counts days or sessions, and the absences listed say it plainly.
function describeAlert(evidence: Evidence, ruleTitle: (rule: string) => string): string {
  const parts = [
    `${ruleTitle(evidence.rule)}: crossed ${formatDay(evidence.date)} ${evidence.session}`,
  ];
  if (evidence.from !== null) parts.push(`counted from ${formatDay(evidence.from)}`);
  if (evidence.detail !== null) parts.push(evidence.detail);
  return parts.join(', ');
}

/** The absences an alert rests on, summarised by their span and listed in full on request. */
function EvidenceSessions(props: { sessions: Evidence['sessions'] }) {
  const { sessions } = props;
  const first = sessions[0];
  const last = sessions.at(-1);
  if (first === undefined || last === undefined)
    return <p class="hint">No absence marks lie behind it (a rate over the year so far).</p>;
  return (
    <details class="evidence-sessions">
      <summary>
        {sessions.length} {sessions.length === 1 ? 'absence' : 'absences'}: {formatDay(first.date)}{' '}
        {first.session}
        {sessions.length > 1 && ` to ${formatDay(last.date)} ${last.session}`}
      </summary>
      <ul>
        {sessions.map((session) => (
          <li key={`${session.date}-${session.session}`}>
            {formatDay(session.date)} {session.session}: <code>{session.code}</code>
          </li>
        ))}
      </ul>
    </details>
  );
}

/**
 * One pupil's proposed case action with the alerts and absences behind it, and the two
 * decisions staff can make: accept (the case opens or moves) or dismiss with a reason.
 */
export function CaseActionCard(props: {
  action: CaseActionResponse;
  schoolId: number;
  date: string;
  ruleTitle: (rule: string) => string;
  onDecided: (outcome: CaseActionOutcome) => void;
}) {
  const { action } = props;
  const idBase = `case-action-${String(action.pupilId)}`;
  const rung = describeRung(action.ladder);
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const submission = useSubmission();
  const url = `/api/schools/${String(props.schoolId)}/case-actions`;
  const decision = { pupilId: action.pupilId, date: props.date, stage: action.stage };

  const decide = async (send: () => Promise<CaseActionOutcome>): Promise<void> => {
    const decided = await submission.submit(send, null, {
      onFailure: (failure) => {
        if (!(failure instanceof ApiProblem && failure.status === 409))
          return describeError(failure);
        props.onDecided({ kind: 'changed', detail: failure.problem.detail });
        return null;
      },
    });
    if (decided !== null) props.onDecided(decided.value);
  };

  const accept = () =>
    decide(async () => {
      const trimmed = note.trim();
      const accepted = await callApi<CaseActionAccepted>('POST', `${url}/acceptance`, {
        body: { ...decision, ...(trimmed === '' ? {} : { note: trimmed }) },
      });
      const stage = `${rung} ${String(accepted.case.stage)}`;
      return {
        kind: 'accepted',
        pupilId: action.pupilId,
        pupilName: action.pupilName,
        message:
          action.kind === 'open'
            ? `Case opened for ${action.pupilName} at ${stage}.`
            : `${action.pupilName}’s case moved to ${stage}.`,
      };
    });

  const dismiss = () => {
    if (reason.trim() === '') {
      submission.showError({
        detail: 'Say why the action is dismissed: the reason is kept.',
        fields: [],
      });
      return Promise.resolve();
    }
    return decide(async () => {
      await callApi<unknown>('POST', `${url}/dismissal`, {
        body: { ...decision, reason: reason.trim() },
      });
      return {
        kind: 'dismissed',
        message: `Dismissed for ${action.pupilName}, with the reason kept; these alerts will not be proposed again.`,
      };
    });
  };

  return (
    <li class="case-action-card">
      <section aria-labelledby={`${idBase}-heading`}>
        <h3 id={`${idBase}-heading`}>
          <Link href={`/pupils/${String(action.pupilId)}/casework`}>{action.pupilName}</Link>
        </h3>
        <p class="case-action-proposal">
          <strong>{describeCaseAction(action)}</strong>: {action.title}
        </p>
        <p class="case-action-because">Because of:</p>
        <ul class="case-action-evidence">
          {action.evidence.map((evidence) => (
            <li key={`${evidence.rule}-${evidence.date}-${evidence.session}`}>
              {describeAlert(evidence, props.ruleTitle)}
              <EvidenceSessions sessions={evidence.sessions} />
            </li>
          ))}
        </ul>
        <ProblemAlert error={submission.error} title="Nothing was decided" />
        <form
          class="case-action-accept"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void accept();
          }}
        >
          <div class="field">
            <label for={`${idBase}-note`}>Note for the case (optional)</label>
            <input
              type="text"
              id={`${idBase}-note`}
              value={note}
              maxLength={1000}
              onInput={(event) => {
                setNote(event.currentTarget.value);
              }}
            />
          </div>
          <button type="submit" class="button button-primary" disabled={submission.busy}>
            {action.kind === 'open'
              ? `Accept: open the case at ${rung} ${String(action.stage)}`
              : `Accept: move the case to ${rung} ${String(action.stage)}`}
          </button>
        </form>
        <details class="case-action-dismiss">
          <summary>Dismiss this action</summary>
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              void dismiss();
            }}
          >
            <div class="field">
              <label for={`${idBase}-reason`}>Why it is dismissed</label>
              <textarea
                id={`${idBase}-reason`}
                rows={2}
                maxLength={1000}
                value={reason}
                onInput={(event) => {
                  setReason(event.currentTarget.value);
                }}
              />
            </div>
            <button type="submit" class="button" disabled={submission.busy}>
              Dismiss with this reason
            </button>
          </form>
        </details>
      </section>
    </li>
  );
}
