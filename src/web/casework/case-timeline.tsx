import type { CaseEventResponse } from '../../contracts/follow-up.contract.ts';
import { describeEventKind, formatDay, formatPounds, referralWords } from './casework-words.ts';

/** The deadlines and targets an event carries, in words. */
function describeDetails(event: CaseEventResponse): string[] {
  const lines: string[] = [];
  const { details } = event;
  const targets = details['targets'];
  if (Array.isArray(targets))
    lines.push(`Targets: ${targets.map((target) => String(target)).join('; ')}`);
  if (typeof details['to'] === 'string')
    lines.push(`To: ${referralWords[details['to']] ?? details['to']}`);
  if (typeof details['weeks'] === 'number')
    lines.push(`Improvement period: ${String(details['weeks'])} weeks`);
  if (typeof details['endsOn'] === 'string') lines.push(`Ends ${formatDay(details['endsOn'])}`);
  if (event.kind === 'part-time-timetable' && event.dueOn !== null)
    lines.push(`Local authority to be told by ${formatDay(event.dueOn)}`);
  else if (event.kind === 'penalty-notice' && event.dueOn !== null)
    lines.push(
      `${typeof details['amountPence'] === 'number' ? formatPounds(details['amountPence']) : 'Full amount'} due by ${formatDay(event.dueOn)}`,
    );
  if (event.reviewOn !== null && event.kind !== 'part-time-timetable')
    lines.push(`Review ${formatDay(event.reviewOn)}`);
  return lines;
}

/** A case's evidence, oldest first: every event as recorded, never edited. */
export function CaseTimeline(props: { events: readonly CaseEventResponse[]; caption: string }) {
  return (
    <table class="data-table case-timeline">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">What</th>
          <th scope="col">Record</th>
        </tr>
      </thead>
      <tbody>
        {props.events.map((event) => (
          <tr key={event.id}>
            <td>{formatDay(event.occurredOn)}</td>
            <th scope="row">{describeEventKind(event.kind)}</th>
            <td>
              {event.summary}
              {describeDetails(event).map((line) => (
                <span key={line} class="event-detail">
                  {line}
                </span>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
