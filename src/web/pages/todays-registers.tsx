import type { SessionName } from '../../contracts/common.contract.ts';
import type { SchoolRegistersResponse } from '../../contracts/register.contract.ts';
import { Link } from '../components/link.tsx';
import { TodaysLessons } from '../lesson/todays-lessons.tsx';
import { ProblemAlert, describeError } from '../components/problem-alert.tsx';
import { Loading } from '../components/resource-failure.tsx';
import { describeSession, formatPlainDate, isPlainDate, readLondonToday } from '../london-time.ts';
import type { AppLocation } from '../router.ts';
import { useApiResource } from '../use-api-resource.ts';

type RegisterSummary = SchoolRegistersResponse['registers'][number];

const statusText: Readonly<Record<RegisterSummary['status'], string>> = {
  taken: 'Taken',
  'partly-taken': 'Partly taken',
  'not-taken': 'Not taken yet',
};

/** The registers the signed-in user takes today: morning, afternoon and any lessons. */
export function TodaysRegisters(props: {
  schoolId: number;
  location: AppLocation;
  /** A teacher's own lessons (secondary schools) follow the session registers. */
  withLessons?: boolean;
}) {
  const requested = props.location.query.get('date');
  const today = readLondonToday();
  const date = isPlainDate(requested) ? requested : today.date;
  return (
    <section aria-labelledby="todays-registers">
      <h2 id="todays-registers">Registers for {formatPlainDate(date)}</h2>
      <div class="session-columns">
        {(['AM', 'PM'] as const).map((session) => (
          <SessionRegisters
            key={session}
            schoolId={props.schoolId}
            date={date}
            session={session}
            isCurrent={date === today.date && session === today.session}
          />
        ))}
      </div>
      {props.withLessons === true && <TodaysLessons schoolId={props.schoolId} date={date} />}
    </section>
  );
}

function SessionRegisters(props: {
  schoolId: number;
  date: string;
  session: SessionName;
  isCurrent: boolean;
}) {
  const { date, session } = props;
  const registers = useApiResource<SchoolRegistersResponse>(
    `/api/schools/${String(props.schoolId)}/registers?date=${date}&session=${session}`,
  );
  const headingId = `session-${session}`;
  return (
    <section aria-labelledby={headingId} class="session-block">
      <h3 id={headingId}>
        {session === 'AM' ? 'Morning' : 'Afternoon'} ({session})
        {props.isCurrent && <span class="tag tag-current">Now</span>}
      </h3>
      {registers.kind === 'loading' && <Loading what={`${describeSession(session)} registers`} />}
      {registers.kind === 'failed' && (
        <ProblemAlert
          error={describeError(registers.error)}
          title="Registers could not be loaded"
        />
      )}
      {registers.kind === 'loaded' && registers.value.registers.length === 0 && (
        <p>You have no registers to take this {describeSession(session)}.</p>
      )}
      {registers.kind === 'loaded' && registers.value.registers.length > 0 && (
        <ul class="register-links">
          {registers.value.registers.map((register) => (
            <li key={register.classId}>
              <Link
                href={`/registers/${String(register.classId)}?date=${date}&session=${session}`}
                class="register-link"
              >
                <span class="register-link-name">
                  {register.className} <span class="visually-hidden">{session} register</span>
                </span>
                <span class={`status status-${register.status}`}>
                  {statusText[register.status]}
                </span>
                <span class="register-link-count">
                  {register.marked} of {register.pupils} marked
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
