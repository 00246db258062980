import { useState } from 'preact/hooks';
import type { WeeklyUpdateResponse } from '../../contracts/casework.contract.ts';
import { callApi } from '../api-client.ts';
import { ProblemAlert, describeError } from '../components/problem-alert.tsx';
import { Loading } from '../components/resource-failure.tsx';
import { useSubmission } from '../components/use-submission.ts';
import { ClassSelect, describeRowName, useClassRegister } from '../office/class-pupil-picker.tsx';

const trendWords: Readonly<Record<string, string>> = {
  up: 'up on last week',
  down: 'down on last week',
  same: 'the same as last week',
  'first-week': 'first week reported',
};

/** The Friday of the week a date falls in, or the Friday before a weekend. */
export function findWeekEnding(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  const weekday = day.getUTCDay(); // 0 Sunday .. 6 Saturday
  const offset = weekday === 6 ? -1 : weekday === 0 ? -2 : 5 - weekday;
  day.setUTCDate(day.getUTCDate() + offset);
  return day.toISOString().slice(0, 10);
}

/**
 * Queues this week's attendance update to the parents of the pupils chosen (those in a
 * monitored stage); the server sends nothing twice for the same week.
 */
export function WeeklyUpdatesForm(props: {
  schoolId: number;
  today: string;
  onQueued: () => void;
}) {
  const [weekEnding, setWeekEnding] = useState(findWeekEnding(props.today));
  const [classId, setClassId] = useState('');
  const [chosen, setChosen] = useState<ReadonlyMap<number, string>>(new Map());
  const [result, setResult] = useState<WeeklyUpdateResponse | null>(null);
  const submission = useSubmission();
  const register = useClassRegister(classId, weekEnding, 'AM');

  const toggle = (pupilId: number, name: string, on: boolean) => {
    setChosen((previous) => {
      const next = new Map(previous);
      if (on) next.set(pupilId, name);
      else next.delete(pupilId);
      return next;
    });
  };

  const handleSubmit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    if (chosen.size === 0) {
      submission.showError({
        detail: 'Choose at least one pupil whose parents get the update.',
        fields: [],
      });
      return;
    }
    setResult(null);
    const queued = await submission.submit(
      () =>
        callApi<WeeklyUpdateResponse>(
          'POST',
          `/api/schools/${String(props.schoolId)}/messages/weekly-updates`,
          { body: { weekEnding, pupilIds: [...chosen.keys()] } },
        ),
      (answer) => `${String(answer.queued)} weekly updates queued.`,
    );
    if (queued !== null) {
      setResult(queued.value);
      props.onQueued();
    }
  };

  return (
    <form class="case-form" noValidate onSubmit={(event) => void handleSubmit(event)}>
      <h2>This week’s parent updates</h2>
      <p class="hint">
        For pupils in a monitored stage: their attendance this week, up or down on last week, by
        email where a parent has an address and by text otherwise.
      </p>
      <ProblemAlert error={submission.error} title="No updates were queued" />
      {result !== null && (
        <div class="alert alert-success">
          <p>
            {result.queued} {result.queued === 1 ? 'message' : 'messages'} queued.
          </p>
          <ul>
            {result.pupils.map((pupil) => (
              <li key={pupil.pupilId}>
                {chosen.get(pupil.pupilId) ?? `Pupil ${String(pupil.pupilId)}`}:{' '}
                {pupil.thisWeek.attended} of {pupil.thisWeek.possible} sessions,{' '}
                {trendWords[pupil.trend] ?? pupil.trend}
                {result.unreachablePupilIds.includes(pupil.pupilId) &&
                  ' (no parent with an email address or phone: not sent)'}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div class="field">
        <label for="week-ending">Week ending</label>
        <input
          type="date"
          id="week-ending"
          value={weekEnding}
          onInput={(event) => {
            setWeekEnding(event.currentTarget.value);
          }}
        />
      </div>
      <ClassSelect
        id="update-class"
        schoolId={props.schoolId}
        date={weekEnding}
        session="AM"
        value={classId}
        onChange={setClassId}
      />
      {register.kind === 'loading' && classId !== '' && <Loading what="the class" />}
      {register.kind === 'failed' && (
        <ProblemAlert error={describeError(register.error)} title="Class not loaded" />
      )}
      {register.kind === 'loaded' && (
        <fieldset class="field">
          <legend>Pupils in a monitored stage</legend>
          {register.value.pupils.map((row) => (
            <label key={row.pupilId} class="choice">
              <input
                type="checkbox"
                checked={chosen.has(row.pupilId)}
                onChange={(event) => {
                  toggle(row.pupilId, describeRowName(row), event.currentTarget.checked);
                }}
              />{' '}
              {describeRowName(row)}
            </label>
          ))}
        </fieldset>
      )}
      <p>
        {chosen.size === 0
          ? 'No pupils chosen yet.'
          : `Chosen: ${[...chosen.values()].join('; ')}.`}
      </p>
      <button type="submit" class="button button-primary" disabled={submission.busy}>
        {submission.busy ? 'Queuing…' : 'Queue this week’s updates'}
      </button>
    </form>
  );
}
