import { useState } from 'preact/hooks';
import type { LeaveRequestResponse } from '../../contracts/follow-up.contract.ts';
import type { PupilProfileResponse } from '../../contracts/pupil.contract.ts';
import { Link } from '../components/link.tsx';
import { Loading, ResourceFailure } from '../components/resource-failure.tsx';
import { describeChildName } from '../family/child-name.ts';
import { LeaveRequestForm } from '../followup/leave-request-form.tsx';
import { LeaveRequestSent } from '../followup/leave-request-sent.tsx';
import { readLondonToday } from '../london-time.ts';
import { usePageTitle } from '../page-title.ts';
import { announce } from '../status-announcer.ts';
import { useApiResource } from '../use-api-resource.ts';

/** A parent asks the school for leave of absence for their child in term time. */
export function AskLeavePage(props: { pupilId: number }) {
  const profile = useApiResource<PupilProfileResponse>(`/api/pupils/${String(props.pupilId)}`);
  const name = profile.kind === 'loaded' ? describeChildName(profile.value) : null;
  const [sent, setSent] = useState<LeaveRequestResponse | null>(null);
  usePageTitle(name === null ? 'Ask for leave of absence' : `Ask for leave for ${name.first}`);
  if (profile.kind === 'failed')
    return <ResourceFailure error={profile.error} heading="Ask for leave of absence" />;
  if (profile.kind === 'loading' || name === null)
    return (
      <div class="narrow">
        <h1>Ask for leave of absence</h1>
        <Loading what="your child" />
      </div>
    );
  const back = (
    <p>
      <Link href={`/children/${String(props.pupilId)}`}>Back to {name.first}’s page</Link>
    </p>
  );
  if (sent !== null)
    return (
      <div class="narrow">
        <h1>Leave request sent</h1>
        <LeaveRequestSent request={sent} childName={name.first} />
        {back}
      </div>
    );
  return (
    <div class="narrow">
      <h1>Ask for leave for {name.first}</h1>
      <p class="lead">
        Headteachers may grant leave in term time only in exceptional circumstances. Ask as early as
        you can; {profile.value.school.name} will tell you its decision and the reason.
      </p>
      <LeaveRequestForm
        pupilId={props.pupilId}
        childFirstName={name.first}
        firstDay={readLondonToday().date}
        submitLabel="Send the request"
        onCreated={(request) => {
          setSent(request);
          announce('Leave request sent to the school.');
        }}
      />
      {back}
    </div>
  );
}
