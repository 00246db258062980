import type { MarkHistoryResponse } from '../../contracts/mark.contract.ts';
import { formatDate } from '../charts/format-figures.ts';
import { Loading } from '../components/resource-failure.tsx';
import { ProblemAlert, describeError } from '../components/problem-alert.tsx';
import { useApiResource } from '../use-api-resource.ts';
import type { SelectedSession } from './attendance-heat-map.tsx';

const changedAt = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'Europe/London',
});

/** One session's mark: the original entry and every amendment, with who and why. */
export function MarkHistory(props: {
  selected: SelectedSession;
  codeMeanings: Readonly<Record<string, string>>;
}) {
  const { selected } = props;
  const history = useApiResource<MarkHistoryResponse>(
    selected.markId === null ? null : `/api/marks/${String(selected.markId)}/history`,
  );
  return (
    <section class="mark-history" aria-labelledby="mark-history-heading" aria-live="polite">
      <h3 id="mark-history-heading">
        {formatDate(selected.date)} {selected.session}:{' '}
        {selected.code === null
          ? 'not marked'
          : `${selected.code} (${props.codeMeanings[selected.code] ?? selected.code})`}
      </h3>
      {selected.markId === null ? (
        <p>No mark has been recorded for this session.</p>
      ) : history.kind === 'loading' ? (
        <Loading what="the history" />
      ) : history.kind === 'failed' ? (
        <ProblemAlert
          error={describeError(history.error)}
          title="The history could not be loaded"
        />
      ) : (
        <ol class="history-list">
          {history.value.entries.map((entry) => (
            <li key={entry.version}>
              <strong>
                {entry.previousCode === null
                  ? `Recorded ${entry.newCode}`
                  : `Changed ${entry.previousCode} to ${entry.newCode}`}
              </strong>{' '}
              by {entry.changedBy.name} on {changedAt.format(new Date(entry.changedAt))} (
              {entry.source})
              {entry.reason !== null && <span class="history-reason"> — “{entry.reason}”</span>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
