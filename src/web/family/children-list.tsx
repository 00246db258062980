import type { PupilProfileResponse } from '../../contracts/pupil.contract.ts';
import { Link } from '../components/link.tsx';
import { ProblemAlert, describeError } from '../components/problem-alert.tsx';
import { Loading } from '../components/resource-failure.tsx';
import { useApiResource } from '../use-api-resource.ts';
import { formatRate } from './attendance-words.ts';
import { describeChildName } from './child-name.ts';

/** A parent's children, each with what they can do for them. */
export function ChildrenList(props: { pupilIds: readonly number[] }) {
  return (
    <section aria-labelledby="your-children">
      <h2 id="your-children">Your children</h2>
      {props.pupilIds.length === 0 ? (
        <p>
          No children are linked to your account yet. Ask the school office to link your account to
          your child.
        </p>
      ) : (
        <ul class="child-list">
          {props.pupilIds.map((pupilId) => (
            <ChildSummary key={pupilId} pupilId={pupilId} />
          ))}
        </ul>
      )}
    </section>
  );
}

function ChildSummary(props: { pupilId: number }) {
  const profile = useApiResource<PupilProfileResponse>(`/api/pupils/${String(props.pupilId)}`);
  if (profile.kind === 'loading')
    return (
      <li>
        <Loading what="your child" />
      </li>
    );
  if (profile.kind === 'failed')
    return (
      <li>
        <ProblemAlert error={describeError(profile.error)} title="Your child could not be loaded" />
      </li>
    );
  const child = profile.value;
  const name = describeChildName(child);
  const base = `/children/${String(child.pupilId)}`;
  return (
    <li class="child-card">
      <h3>{name.full}</h3>
      <p>
        {child.school.name}
        {child.className !== null && `, ${child.className}`}.{' '}
        {child.attendanceRate !== null &&
          `Attendance this year: ${formatRate(child.attendanceRate)}.`}
      </p>
      <p class="child-actions">
        <Link href={`${base}/report-absence`} class="button button-primary">
          Report {name.first} absent
        </Link>{' '}
        <Link href={base} class="button">
          {name.first}’s attendance
        </Link>
      </p>
    </li>
  );
}
