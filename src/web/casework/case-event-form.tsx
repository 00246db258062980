import { useState } from 'preact/hooks';
import type { CaseEventBody, CaseEventResponse } from '../../contracts/follow-up.contract.ts';
import { callApi } from '../api-client.ts';
import { ProblemAlert } from '../components/problem-alert.tsx';
import { useSubmission } from '../components/use-submission.ts';
import { describeEventKind, formatDay, referralWords } from './casework-words.ts';

type Kind = CaseEventBody['kind'];
type Shape = 'review-optional' | 'plan' | 'timetable' | 'referral' | 'notice';

const kinds: readonly { kind: Kind; shape: Shape }[] = [
  { kind: 'meeting', shape: 'review-optional' },
  { kind: 'action-plan', shape: 'plan' },
  { kind: 'attendance-contract', shape: 'review-optional' },
  { kind: 'parenting-contract', shape: 'review-optional' },
  { kind: 'engagement-plan', shape: 'plan' },
  { kind: 'reintegration-plan', shape: 'plan' },
  { kind: 'part-time-timetable', shape: 'timetable' },
  { kind: 'referral', shape: 'referral' },
  { kind: 'notice-to-improve', shape: 'notice' },
  { kind: 'note', shape: 'review-optional' },
];

const summaryLabels: Readonly<Record<Shape, string>> = {
  'review-optional': 'What was said or agreed',
  plan: 'What the plan is for',
  timetable: 'The timetable agreed, and why',
  referral: 'Why the referral is made',
  notice: 'What the parent must do to improve',
};

/** Builds the request body for the kind chosen; the server checks every rule again. */
function buildBody(kind: Kind, shape: Shape, fields: Record<string, string>): CaseEventBody {
  const base = { occurredOn: fields['occurredOn'] ?? '', summary: fields['summary'] ?? '' };
  switch (shape) {
    case 'plan':
      return {
        kind: kind as 'action-plan',
        ...base,
        targets: (fields['targets'] ?? '')
          .split('\n')
          .map((line) => line.trim())
          .filter((line) => line !== ''),
        reviewOn: fields['reviewOn'] ?? '',
      };
    case 'timetable':
      return { kind: 'part-time-timetable', ...base, endsOn: fields['endsOn'] ?? '' };
    case 'referral':
      return {
        kind: 'referral',
        ...base,
        to: (fields['to'] ?? 'education-welfare') as 'education-welfare',
      };
    case 'notice':
      return { kind: 'notice-to-improve', ...base, weeks: Number(fields['weeks'] ?? '4') };
    case 'review-optional': {
      const reviewOn = fields['reviewOn'] ?? '';
      return { kind: kind as 'meeting', ...base, ...(reviewOn === '' ? {} : { reviewOn }) };
    }
  }
}

/** What the server worked out for the event: the LA's deadline, the notice's review. */
function describeRecorded(recorded: CaseEventResponse): string {
  const name = describeEventKind(recorded.kind);
  if (recorded.kind === 'part-time-timetable' && recorded.dueOn !== null)
    return `${name} recorded. Tell the local authority by ${formatDay(recorded.dueOn)}.`;
  if (recorded.kind === 'notice-to-improve' && recorded.reviewOn !== null)
    return `${name} recorded. The improvement period is reviewed on ${formatDay(recorded.reviewOn)}.`;
  return `${name} recorded.`;
}

/** Records a meeting, plan, contract, timetable, referral or notice to improve on a case. */
export function CaseEventForm(props: {
  caseId: number;
  today: string;
  onRecorded: (recorded: CaseEventResponse) => void;
}) {
  const [kind, setKind] = useState<Kind>('meeting');
  const [fields, setFields] = useState<Record<string, string>>({ occurredOn: props.today });
  const submission = useSubmission();
  const shape = kinds.find((candidate) => candidate.kind === kind)?.shape ?? 'review-optional';
  const set = (name: string) => (event: Event) => {
    const value = (event.currentTarget as HTMLInputElement).value;
    setFields((previous) => ({ ...previous, [name]: value }));
  };

  const handleSubmit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const recorded = await submission.submit(
      () =>
        callApi<CaseEventResponse>('POST', `/api/cases/${String(props.caseId)}/events`, {
          body: buildBody(kind, shape, fields),
        }),
      describeRecorded,
    );
    if (recorded === null) return;
    setFields({ occurredOn: fields['occurredOn'] ?? props.today });
    props.onRecorded(recorded.value);
  };

  return (
    <form class="case-form" noValidate onSubmit={(event) => void handleSubmit(event)}>
      <h3>Record on the case</h3>
      <ProblemAlert error={submission.error} title="Nothing was recorded" />
      {submission.done !== null && <p class="alert alert-success">{submission.done}</p>}
      <div class="field">
        <label for="event-kind">What to record</label>
        <select
          id="event-kind"
          value={kind}
          onChange={(event) => {
            setKind(event.currentTarget.value as Kind);
          }}
        >
          {kinds.map((candidate) => (
            <option key={candidate.kind} value={candidate.kind}>
              {describeEventKind(candidate.kind)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="event-date">{shape === 'timetable' ? 'Starts on' : 'Date'}</label>
        <input
          type="date"
          id="event-date"
          value={fields['occurredOn'] ?? ''}
          onInput={set('occurredOn')}
        />
      </div>
      <div class="field">
        <label for="event-summary">{summaryLabels[shape]}</label>
        <textarea
          id="event-summary"
          rows={3}
          maxLength={2000}
          value={fields['summary'] ?? ''}
          onInput={set('summary')}
        />
      </div>
      {shape === 'plan' && (
        <div class="field">
          <label for="event-targets">Targets, one a line</label>
          <textarea
            id="event-targets"
            rows={3}
            value={fields['targets'] ?? ''}
            onInput={set('targets')}
          />
        </div>
      )}
      {(shape === 'plan' || shape === 'review-optional') && (
        <div class="field">
          <label for="event-review">
            {shape === 'plan' ? 'Review date' : 'Review date (optional)'}
          </label>
          <input
            type="date"
            id="event-review"
            value={fields['reviewOn'] ?? ''}
            onInput={set('reviewOn')}
          />
        </div>
      )}
      {shape === 'timetable' && (
        <div class="field">
          <label for="event-ends">Ends on</label>
          <p class="hint" id="event-ends-hint">
            The local authority must be told within 5 school days of the start.
          </p>
          <input
            type="date"
            id="event-ends"
            aria-describedby="event-ends-hint"
            value={fields['endsOn'] ?? ''}
            onInput={set('endsOn')}
          />
        </div>
      )}
      {shape === 'referral' && (
        <div class="field">
          <label for="event-to">Referred to</label>
          <select id="event-to" value={fields['to'] ?? 'education-welfare'} onChange={set('to')}>
            {Object.entries(referralWords).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
      )}
      {shape === 'notice' && (
        <div class="field">
          <label for="event-weeks">Improvement period</label>
          <p class="hint" id="event-weeks-hint">
            3 to 6 weeks; the notice is reviewed at the end of the period.
          </p>
          <select
            id="event-weeks"
            aria-describedby="event-weeks-hint"
            value={fields['weeks'] ?? '4'}
            onChange={set('weeks')}
          >
            {[3, 4, 5, 6].map((weeks) => (
              <option key={weeks} value={String(weeks)}>
                {weeks} weeks
              </option>
            ))}
          </select>
        </div>
      )}
      <button type="submit" class="button button-primary" disabled={submission.busy}>
        {submission.busy ? 'Saving…' : `Record ${describeEventKind(kind).toLowerCase()}`}
      </button>
    </form>
  );
}
