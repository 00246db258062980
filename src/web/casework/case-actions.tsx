import { useEffect, useRef, useState } from 'preact/hooks';
import type { CaseActionList } from '../../contracts/case-action.contract.ts';
import { Link } from '../components/link.tsx';
import { ProblemAlert, describeError } from '../components/problem-alert.tsx';
import { Loading } from '../components/resource-failure.tsx';
import { announce } from '../status-announcer.ts';
import { CaseActionCard, type CaseActionOutcome } from './case-action-card.tsx';
import { useKeptResource } from './use-kept-resource.ts';
import './casework.css';

// A school on a ladder policy can have many pupils waiting; the first few keep the page quick.
const firstShown = 10;

function Outcome(props: { outcome: CaseActionOutcome }) {
  const { outcome } = props;
  const shown = useRef<HTMLDivElement>(null);
  // The card that was decided on has gone; keyboard users continue from the outcome.
  useEffect(() => {
    shown.current?.focus();
  }, [outcome]);
  if (outcome.kind === 'changed')
    return (
      <div class="alert alert-error" role="alert" tabIndex={-1} ref={shown}>
        <p class="alert-title">The alerts have changed since this list was read</p>
        <p>Nothing was decided: {outcome.detail}</p>
        <p>The list below is up to date; check the pupil’s action again before deciding.</p>
      </div>
    );
  return (
    <div class="alert alert-success case-action-outcome" tabIndex={-1} ref={shown}>
      <p>{outcome.message}</p>
      {outcome.kind === 'accepted' && (
        <p>
          <Link href={`/pupils/${String(outcome.pupilId)}/casework`}>
            Go to {outcome.pupilName}’s case
          </Link>
        </p>
      )}
    </div>
  );
}

/**
 * What the policy's alerts call for at a school as of a day: per pupil, open a case at a
 * stage or move the open case up, with the evidence. Rollcall proposes; staff decide, and
 * nothing changes without their click.
 */
export function CaseActions(props: {
  schoolId: number;
  date: string;
  ruleTitle: (rule: string) => string;
}) {
  const [reloads, setReloads] = useState(0);
  const [outcome, setOutcome] = useState<CaseActionOutcome | null>(null);
  const [showAll, setShowAll] = useState(false);
  const list = useKeptResource<CaseActionList>(
    `/api/schools/${String(props.schoolId)}/case-actions?date=${props.date}`,
    reloads,
  );
  const decided = (result: CaseActionOutcome): void => {
    setOutcome(result);
    announce(
      result.kind === 'changed'
        ? 'The alerts have changed; the list was read again.'
        : result.message,
    );
    setReloads((count) => count + 1);
  };
  const actions = list.kind === 'loaded' ? list.value.actions : [];
  const shown = showAll ? actions : actions.slice(0, firstShown);
  return (
    <section class="case-action-section" aria-labelledby="case-actions-heading">
      <h2 id="case-actions-heading">Case actions the alerts call for</h2>
      <p class="hint">
        For each pupil, the stage of the school’s escalation ladder their alerts point to. Nothing
        changes until you decide: accepting opens the case (or moves the open one up), recorded as
        accepted from these alerts; a dismissal keeps your reason, and the same alerts are not
        proposed again.
      </p>
      {outcome !== null && <Outcome outcome={outcome} />}
      {list.kind === 'loading' && <Loading what="the case actions" />}
      {list.kind === 'failed' && (
        <ProblemAlert error={describeError(list.error)} title="Case actions not loaded" />
      )}
      {list.kind === 'loaded' && actions.length === 0 && (
        <p>No case action is waiting: every alert has been decided, or points to no later stage.</p>
      )}
      {actions.length > 0 && (
        <>
          <p>
            {actions.length} {actions.length === 1 ? 'pupil' : 'pupils'}, highest stage first.
          </p>
          <ul class="case-action-list">
            {shown.map((action) => (
              <CaseActionCard
                key={`${String(action.pupilId)}-${String(action.stage)}`}
                action={action}
                schoolId={props.schoolId}
                date={props.date}
                ruleTitle={props.ruleTitle}
                onDecided={decided}
              />
            ))}
          </ul>
        </>
      )}
      {actions.length > firstShown && (
        <button
          type="button"
          class="button"
          aria-expanded={showAll}
          onClick={() => {
            setShowAll(!showAll);
          }}
        >
          {showAll ? `Show the first ${String(firstShown)}` : `Show all ${String(actions.length)}`}
        </button>
      )}
    </section>
  );
}
