import { useState } from 'preact/hooks';
import type { SessionName } from '../../contracts/common.contract.ts';
import { Link } from '../components/link.tsx';
import { ProblemAlert, describeError } from '../components/problem-alert.tsx';
import { Loading } from '../components/resource-failure.tsx';
import { formatPlainDate, isPlainDate, isSessionName, readLondonToday } from '../london-time.ts';
import { describeCode } from '../office/attendance-codes.ts';
import { ClassSelect, describeRowName, useClassRegister } from '../office/class-pupil-picker.tsx';
import { usePageTitle } from '../page-title.ts';
import { navigate, type AppLocation } from '../router.ts';

/** Finds a mark to change: a class, a day and a session, then the pupil's row. */
export function MarkFinderPage(props: { schoolId: number; location: AppLocation }) {
  usePageTitle('Change a mark');
  const { query } = props.location;
  const today = readLondonToday();
  const date = isPlainDate(query.get('date')) ? (query.get('date') ?? today.date) : today.date;
  const requestedSession = query.get('session');
  const session: SessionName = isSessionName(requestedSession) ? requestedSession : 'AM';
  const classId = query.get('class') ?? '';
  const [dateInput, setDateInput] = useState(date);
  const register = useClassRegister(classId, date, session);

  const go = (next: { class?: string; date?: string; session?: SessionName }): void => {
    const params = new URLSearchParams({
      date: next.date ?? date,
      session: next.session ?? session,
      ...((next.class ?? classId) === '' ? {} : { class: next.class ?? classId }),
    });
    navigate(`/marks?${params.toString()}`, { replace: true });
  };

  return (
    <div>
      <h1>Change a mark</h1>
      <p class="lead">
        Choose the class and session, then the pupil. Every change keeps the original mark and says
        who changed it and why.
      </p>
      <form
        class="filter-bar"
        onSubmit={(event) => {
          event.preventDefault();
          if (isPlainDate(dateInput)) go({ date: dateInput });
        }}
      >
        <div class="field">
          <label for="mark-date">Date</label>
          <input
            type="date"
            id="mark-date"
            value={dateInput}
            onInput={(event) => {
              setDateInput(event.currentTarget.value);
            }}
            onChange={(event) => {
              if (isPlainDate(event.currentTarget.value)) go({ date: event.currentTarget.value });
            }}
          />
        </div>
        <div class="field">
          <label for="mark-session">Session</label>
          <select
            id="mark-session"
            value={session}
            onChange={(event) => {
              const value = event.currentTarget.value;
              if (isSessionName(value)) go({ session: value });
            }}
          >
            <option value="AM">Morning (AM)</option>
            <option value="PM">Afternoon (PM)</option>
          </select>
        </div>
        <ClassSelect
          id="mark-class"
          schoolId={props.schoolId}
          date={date}
          session={session}
          value={classId}
          onChange={(next) => {
            go({ class: next });
          }}
        />
      </form>
      {register.kind === 'loading' && classId !== '' && <Loading what="the register" />}
      {register.kind === 'failed' && (
        <ProblemAlert error={describeError(register.error)} title="The register was not loaded" />
      )}
      {classId !== '' && register.kind === 'loaded' && (
        <table class="data-table">
          <caption>
            {register.value.className}, {formatPlainDate(date)},{' '}
            {session === 'AM' ? 'morning' : 'afternoon'}
          </caption>
          <thead>
            <tr>
              <th scope="col">Pupil</th>
              <th scope="col">Mark</th>
              <th scope="col">
                <span class="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {register.value.pupils.map((row) => (
              <tr key={row.pupilId}>
                <th scope="row">{describeRowName(row)}</th>
                <td>{row.mark === null ? 'Not marked yet' : describeCode(row.mark.code)}</td>
                <td>
                  {row.mark !== null && (
                    <Link
                      href={`/marks/${String(row.mark.markId)}?class=${classId}&date=${date}&session=${session}`}
                    >
                      Change or see history
                      <span class="visually-hidden"> for {describeRowName(row)}</span>
                    </Link>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
