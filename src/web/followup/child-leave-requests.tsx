import type { PupilLeaveRequestList } from '../../contracts/follow-up.contract.ts';
import { Link } from '../components/link.tsx';
import { ProblemAlert, describeError } from '../components/problem-alert.tsx';
import { Loading } from '../components/resource-failure.tsx';
import { useApiResource } from '../use-api-resource.ts';
import {
  describeLeaveCode,
  describeLeavePurpose,
  describeLeaveSpan,
  describeLeaveStatus,
  describeSessionDays,
} from './leave-words.ts';
import './followup.css';

type ChildLeaveRequest = PupilLeaveRequestList['requests'][number];

/** A child's leave requests with the school's decisions and reasons, and a way to ask. */
export function ChildLeaveRequests(props: { pupilId: number; firstName: string }) {
  const list = useApiResource<PupilLeaveRequestList>(
    `/api/pupils/${String(props.pupilId)}/leave-requests`,
  );
  return (
    <section aria-labelledby="leave-heading">
      <h2 id="leave-heading">Leave of absence</h2>
      {list.kind === 'loading' && <Loading what="leave requests" />}
      {list.kind === 'failed' && (
        <ProblemAlert error={describeError(list.error)} title="Leave requests not loaded" />
      )}
      {list.kind === 'loaded' && list.value.requests.length === 0 && (
        <p>You have not asked for leave for {props.firstName} this year.</p>
      )}
      {list.kind === 'loaded' && list.value.requests.length > 0 && (
        <ul class="leave-list">
          {list.value.requests.map((request) => (
            <LeaveRequestItem key={request.id} request={request} />
          ))}
        </ul>
      )}
      <p>
        <Link href={`/children/${String(props.pupilId)}/leave`} class="button">
          Ask for leave of absence
        </Link>
      </p>
    </section>
  );
}

function LeaveRequestItem(props: { request: ChildLeaveRequest }) {
  const { request } = props;
  const granted = request.sessions.filter((session) => session.granted);
  const refused = request.sessions.filter((session) => !session.granted);
  return (
    <li class="leave-card">
      <h3>
        {describeLeavePurpose(request.purpose)}: {describeLeaveSpan(request.from, request.to)}
      </h3>
      <p>
        <strong>{describeLeaveStatus(request.status)}</strong>
        {request.status === 'pending' && '. The headteacher will decide and tell you why.'}
      </p>
      {request.decisionReason !== null && (
        <p>
          The school’s reason: <q>{request.decisionReason}</q>
        </p>
      )}
      {request.status === 'part-granted' && (
        <>
          <p>Granted: {describeSessionDays(granted)}.</p>
          <p>
            Not granted: {describeSessionDays(refused)}. If your child is away then, the register
            records {describeLeaveCode(refused[0]?.code ?? 'O')}.
          </p>
        </>
      )}
      {request.status === 'refused' && refused[0] !== undefined && (
        <p>If your child is away, the register records {describeLeaveCode(refused[0].code)}.</p>
      )}
    </li>
  );
}
