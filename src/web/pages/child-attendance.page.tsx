import type { AbsenceReportList } from '../../contracts/absence-report.contract.ts';
import type { PupilProfileResponse } from '../../contracts/pupil.contract.ts';
import { Link } from '../components/link.tsx';
import { Loading, ResourceFailure } from '../components/resource-failure.tsx';
import {
  compareWithTarget,
  formatRate,
  persistentAbsenceExplanation,
} from '../family/attendance-words.ts';
import { describeChildName } from '../family/child-name.ts';
import { ChildLeaveRequests } from '../followup/child-leave-requests.tsx';
import { describeReportedReason } from '../register/register-codes.ts';
import { formatPlainDate } from '../london-time.ts';
import { describeCode } from '../office/attendance-codes.ts';
import { usePageTitle } from '../page-title.ts';
import { useApiResource } from '../use-api-resource.ts';

const presentCodes = new Set(['/', '\\', 'L']);

/** A child's attendance this school year, explained as the school explains it. */
export function ChildAttendancePage(props: { pupilId: number }) {
  const base = `/api/pupils/${String(props.pupilId)}`;
  const profile = useApiResource<PupilProfileResponse>(base);
  const reports = useApiResource<AbsenceReportList>(`${base}/absence-reports`);
  const name = profile.kind === 'loaded' ? describeChildName(profile.value) : null;
  usePageTitle(name === null ? 'Attendance' : `${name.full}’s attendance`);

  if (profile.kind === 'failed')
    return <ResourceFailure error={profile.error} heading="Attendance" />;
  if (profile.kind === 'loading' || name === null)
    return (
      <div class="narrow">
        <h1>Attendance</h1>
        <Loading what="attendance" />
      </div>
    );
  const child = profile.value;
  const { sessions } = child;
  const absent = sessions.authorisedAbsence + sessions.unauthorisedAbsence;
  const absences = child.days.flatMap(([date, am, pm]) =>
    [
      { date, session: 'morning', code: am },
      { date, session: 'afternoon', code: pm },
    ].filter((entry) => entry.code !== null && !presentCodes.has(entry.code)),
  );
  return (
    <div class="narrow">
      <h1>{name.full}’s attendance</h1>
      <p class="lead">
        {child.school.name}
        {child.className !== null && `, ${child.className}`}. This school year up to{' '}
        {formatPlainDate(child.asOf)}.
      </p>
      <section aria-labelledby="rate-heading" class="rate-summary">
        <h2 id="rate-heading">This year so far</h2>
        {child.attendanceRate === null ? (
          <p>No sessions have been recorded for {name.first} yet this year.</p>
        ) : (
          <>
            <p class="big-figure">{formatRate(child.attendanceRate)}</p>
            <p>
              {name.first} has attended {sessions.attended} of {sessions.possible} sessions
              {absent > 0 &&
                ` and missed ${String(absent)} (${String(sessions.authorisedAbsence)} authorised, ${String(sessions.unauthorisedAbsence)} unauthorised)`}
              .{sessions.late > 0 && ` ${name.first} was late ${String(sessions.late)} times.`}{' '}
              {compareWithTarget(child.attendanceRate, child.policy.target)}
            </p>
          </>
        )}
        {child.severeAbsence ? (
          <p class="alert alert-warning">
            {name.first} has missed half or more of this year’s sessions: this is severe absence.
            The school will be in touch to help; you can also ask the office for a meeting.
          </p>
        ) : child.persistentAbsence ? (
          <p class="alert alert-warning">
            {name.first} has missed 10% or more of this year’s sessions, which the school counts as
            persistent absence. The school may contact you to see how it can help.
          </p>
        ) : null}
      </section>
      <section aria-labelledby="meaning-heading">
        <h2 id="meaning-heading">What the figures mean</h2>
        <p>{persistentAbsenceExplanation}</p>
        <p>
          {child.school.name} aims for every pupil to attend at least{' '}
          {formatRate(child.policy.target)} of sessions.
        </p>
      </section>
      <section aria-labelledby="absences-heading">
        <h2 id="absences-heading">Absences and late arrivals this year</h2>
        {absences.length === 0 ? (
          <p>None this year.</p>
        ) : (
          <table class="data-table">
            <caption class="visually-hidden">Sessions {name.first} missed or arrived late</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Session</th>
                <th scope="col">Recorded as</th>
              </tr>
            </thead>
            <tbody>
              {absences.map((entry) => (
                <tr key={`${entry.date}-${entry.session}`}>
                  <td>{formatPlainDate(entry.date)}</td>
                  <td>{entry.session}</td>
                  <td>{describeCode(entry.code ?? '')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="reports-heading">
        <h2 id="reports-heading">Absences you have reported</h2>
        {reports.kind === 'loaded' && reports.value.reports.length === 0 && <p>None yet.</p>}
        {reports.kind === 'loaded' && reports.value.reports.length > 0 && (
          <ul>
            {reports.value.reports.map((report) => (
              <li key={report.id}>
                {describeReportedReason(report.reason)}: {formatPlainDate(report.from.date)} to{' '}
                {formatPlainDate(report.to.date)}
              </li>
            ))}
          </ul>
        )}
        <p>
          <Link
            href={`/children/${String(props.pupilId)}/report-absence`}
            class="button button-primary"
          >
            Report {name.first} absent
          </Link>
        </p>
      </section>
      <ChildLeaveRequests pupilId={props.pupilId} firstName={name.first} />
    </div>
  );
}
