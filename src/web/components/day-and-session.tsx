import type { SessionName } from '../../contracts/common.contract.ts';

const wording = {
  first: { label: 'Starting', choices: ['In the morning', 'In the afternoon'] },
  last: { label: 'Until', choices: ['The end of the morning', 'The end of the day'] },
} as const;

/**
 * One end of a span of absence: a date and the session it starts in ("first") or runs
 * until ("last"), with the field's error above them.
 */
export function DayAndSession(props: {
  id: string;
  end: 'first' | 'last';
  legend: string;
  date: string;
  session: SessionName;
  onDate: (date: string) => void;
  onSession: (session: SessionName) => void;
  error: string | undefined;
}) {
  const words = wording[props.end];
  return (
    <fieldset class={props.error === undefined ? 'field' : 'field field-invalid'}>
      <legend>{props.legend}</legend>
      {props.error !== undefined && <p class="field-error">{props.error}</p>}
      <div class="day-and-session">
        <div>
          <label for={`${props.id}-date`}>Date</label>
          <input
            type="date"
            id={`${props.id}-date`}
            value={props.date}
            onInput={(event) => {
              props.onDate(event.currentTarget.value);
            }}
          />
        </div>
        <div>
          <label for={`${props.id}-session`}>{words.label}</label>
          <select
            id={`${props.id}-session`}
            value={props.session}
            onChange={(event) => {
              props.onSession(event.currentTarget.value === 'PM' ? 'PM' : 'AM');
            }}
          >
            <option value="AM">{words.choices[0]}</option>
            <option value="PM">{words.choices[1]}</option>
          </select>
        </div>
      </div>
    </fieldset>
  );
}
