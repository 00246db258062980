import { useState } from 'preact/hooks';
import type { PupilProfileResponse } from '../../contracts/pupil.contract.ts';
import { formatDate, formatRate } from '../charts/format-figures.ts';
import { Link } from '../components/link.tsx';
import { Loading, ResourceFailure } from '../components/resource-failure.tsx';
import { usePageTitle } from '../page-title.ts';
import { AttendanceHeatMap, type SelectedSession } from '../pupil/attendance-heat-map.tsx';
import { MarkHistory } from '../pupil/mark-history.tsx';
import { useApiResource } from '../use-api-resource.ts';
import { useSession } from '../session.ts';
import { describeEvidence } from './alerts.page.tsx';

type Tally = PupilProfileResponse['rates']['year'];

/** A pupil's year: rates, alerts, the marks as a calendar, each mark's history, contacts. */
export function PupilProfilePage(props: { pupilId: number }) {
  const resource = useApiResource<PupilProfileResponse>(`/api/pupils/${String(props.pupilId)}`);
  const [selected, setSelected] = useState<SelectedSession | null>(null);
  const follows = useSession().session?.capabilities.includes('manage-follow-up') ?? false;
  const name =
    resource.kind === 'loaded'
      ? `${resource.value.preferredFirstName ?? resource.value.legalFirstName} ${
          resource.value.preferredLastName ?? resource.value.legalLastName
        }`
      : 'Pupil';
  usePageTitle(name);
  if (resource.kind === 'loading') return <Loading what="the pupil’s page" />;
  if (resource.kind === 'failed') return <ResourceFailure error={resource.error} heading="Pupil" />;
  const profile = resource.value;
  const titleOf = (rule: string) =>
    profile.policy.rules.find((candidate) => candidate.id === rule)?.title ?? rule;
  const alerts = [...profile.alerts].sort((a, b) => b.date.localeCompare(a.date));
  return (
    <div>
      <p class="breadcrumb">
        <Link href="/">Home</Link> › <Link href="/alerts">Policy alerts</Link> › {name}
      </p>
      <h1>{name}</h1>
      <p class="lead">
        {profile.className ?? 'No class'}
        {profile.yearGroup !== null && `, Year ${profile.yearGroup}`} · {profile.school.name} · UPN{' '}
        {profile.upn}
        {profile.severeAbsence ? (
          <span class="tag tag-severe">Severe absence</span>
        ) : (
          profile.persistentAbsence && <span class="tag tag-persistent">Persistent absence</span>
        )}
      </p>
      {follows && (
        <p>
          <Link href={`/pupils/${String(props.pupilId)}/casework`}>
            Casework, penalty notices and letters
          </Link>
        </p>
      )}

      <section aria-labelledby="rates-heading">
        <h2 id="rates-heading">Attendance as of {formatDate(profile.asOf)}</h2>
        <dl class="rate-cards">
          <RateCard
            label="This academic year"
            tally={profile.rates.year}
            target={profile.policy.target}
          />
          <RateCard label="This term" tally={profile.rates.term} target={profile.policy.target} />
          <RateCard
            label="Last 4 school weeks"
            tally={profile.rates.rollingFourWeeks}
            target={profile.policy.target}
          />
        </dl>
        <p class="hint">
          The school’s target is {formatRate(profile.policy.target)}. Authorised absence{' '}
          {profile.sessions.authorisedAbsence} sessions, unauthorised{' '}
          {profile.sessions.unauthorisedAbsence} this year.
        </p>
      </section>

      <section aria-labelledby="alerts-heading">
        <h2 id="alerts-heading">Alerts this year</h2>
        {alerts.length === 0 ? (
          <p>No thresholds crossed this year.</p>
        ) : (
          <table class="data-table">
            <caption class="visually-hidden">Policy alerts for {name}</caption>
            <thead>
              <tr>
                <th scope="col">Rule</th>
                <th scope="col">Crossed on</th>
                <th scope="col">Evidence</th>
              </tr>
            </thead>
            <tbody>
              {alerts.map((alert) => (
                <tr key={`${alert.rule}-${alert.date}-${alert.session}`}>
                  <th scope="row">{titleOf(alert.rule)}</th>
                  <td>
                    {formatDate(alert.date)} {alert.session}
                  </td>
                  <td>{describeEvidence(alert, profile.policy)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="marks-heading">
        <h2 id="marks-heading">Marks this year</h2>
        <p class="hint">Select a session to see who recorded its mark and every change since.</p>
        <AttendanceHeatMap profile={profile} selected={selected} onSelect={setSelected} />
        {selected !== null && (
          <MarkHistory selected={selected} codeMeanings={profile.codeMeanings} />
        )}
      </section>

      <section aria-labelledby="contacts-heading">
        <h2 id="contacts-heading">Contacts, in the order to call</h2>
        {profile.contacts.length === 0 ? (
          <p>No contacts on file.</p>
        ) : (
          <ol class="contact-list">
            {profile.contacts.map((contact) => (
              <li key={contact.id}>
                <strong>{contact.name}</strong> ({contact.relationship}
                {contact.parentalResponsibility ? ', parental responsibility' : ''})
                {contact.phone !== null && (
                  <>
                    {' '}
                    · <a href={`tel:${contact.phone}`}>{contact.phone}</a>
                  </>
                )}
                {contact.email !== null && (
                  <>
                    {' '}
                    · <a href={`mailto:${contact.email}`}>{contact.email}</a>
                  </>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

function RateCard(props: { label: string; tally: Tally; target: number }) {
  const { tally } = props;
  const below = tally.attendanceRate !== null && tally.attendanceRate < props.target;
  return (
    <div class={below ? 'rate-card rate-card-below' : 'rate-card'}>
      <dt>{props.label}</dt>
      <dd>
        <span class="rate-figure">{formatRate(tally.attendanceRate)}</span>
        <span class="rate-sessions">
          {tally.attended} of {tally.possible} possible sessions
          {below ? ', below target' : ''}
        </span>
      </dd>
    </div>
  );
}
