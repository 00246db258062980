import { useState } from 'preact/hooks';
import type {
  LeaveDecisionResponse,
  PendingLeaveRequestList,
} from '../../contracts/follow-up.contract.ts';
import { Link } from '../components/link.tsx';
import { Loading, ResourceFailure } from '../components/resource-failure.tsx';
import { LeaveDecisionForm } from '../followup/leave-decision-form.tsx';
import {
  describeLeaveCode,
  describeLeavePurpose,
  describeLeaveSpan,
  describeLeaveStatus,
  describeSessionCount,
  describeSessionPoint,
} from '../followup/leave-words.ts';
import '../followup/followup.css';
import { formatPlainDate } from '../london-time.ts';
import { usePageTitle } from '../page-title.ts';
import { announce } from '../status-announcer.ts';
import { useApiResource } from '../use-api-resource.ts';
import type { Role } from '../session.ts';

type PendingRequest = PendingLeaveRequestList['requests'][number];

// Leave is decided by the head or a delegate accountable for attendance, as the server holds.
const deciders: ReadonlySet<Role> = new Set(['admin', 'headteacher', 'attendance_lead']);

/** Leave requests waiting for the head's (or delegate's) decision, oldest first. */
export function LeaveRequestsPage(props: { schoolId: number; role: Role }) {
  usePageTitle('Leave requests');
  const list = useApiResource<PendingLeaveRequestList>(
    `/api/schools/${String(props.schoolId)}/leave-requests`,
  );
  if (list.kind === 'failed')
    return <ResourceFailure error={list.error} heading="Leave requests" />;
  const decides = deciders.has(props.role);
  return (
    <div>
      <h1>Leave requests</h1>
      <p class="lead">
        Requests for leave of absence in term time, oldest first. Granted sessions take the code for
        authorised leave; refused sessions are unauthorised if the pupil is away.
      </p>
      {!decides && (
        <p class="alert alert-warning">
          The headteacher or attendance lead decides leave; you can read the requests here.
        </p>
      )}
      <p>
        <Link href="/leave-requests/new">Enter a request a parent made on paper</Link>
      </p>
      {list.kind === 'loading' && <Loading what="leave requests" />}
      {list.kind === 'loaded' && list.value.requests.length === 0 && (
        <p class="alert alert-success">No requests are waiting for a decision.</p>
      )}
      {list.kind === 'loaded' &&
        list.value.requests.map((request) => (
          <LeaveRequestCard key={request.id} request={request} decides={decides} />
        ))}
    </div>
  );
}

function LeaveRequestCard(props: { request: PendingRequest; decides: boolean }) {
  const { request } = props;
  const [decided, setDecided] = useState<LeaveDecisionResponse | null>(null);
  const name = `${request.pupil.lastName}, ${request.pupil.firstName}`;
  const headingId = `leave-${String(request.id)}-heading`;
  return (
    <section class="leave-card" aria-labelledby={headingId}>
      <h2 id={headingId}>{name}</h2>
      {request.exceptionalTestRequired && (
        <p class="alert alert-warning">
          <strong>Wales: exceptional circumstances test.</strong> With this request the pupil’s
          holiday this year would be more than 10 school days; grant it only in exceptional
          circumstances.
        </p>
      )}
      <dl class="leave-facts">
        <dt>Leave</dt>
        <dd>
          {describeLeavePurpose(request.purpose)}: {describeLeaveSpan(request.from, request.to)}
        </dd>
        <dt>Requested</dt>
        <dd>{describeSessionCount(request.sessions.length)}</dd>
        <dt>Leave this year so far</dt>
        <dd>
          {request.leaveSessionsThisYear === 0
            ? 'None'
            : describeSessionCount(request.leaveSessionsThisYear)}
        </dd>
        <dt>Reason given</dt>
        <dd>{request.reason}</dd>
        <dt>Evidence</dt>
        <dd>{request.evidence ?? 'None mentioned'}</dd>
        {request.agreedReturn !== null && (
          <>
            <dt>Back at school on</dt>
            <dd>{formatPlainDate(request.agreedReturn)}</dd>
          </>
        )}
        <dt>Asked</dt>
        <dd>
          {request.source === 'parent' ? 'By the parent online' : 'Entered by the office'} on{' '}
          {formatPlainDate(request.createdAt.slice(0, 10))}
        </dd>
      </dl>
      {decided !== null ? (
        <DecisionResult decided={decided} />
      ) : (
        props.decides && (
          <LeaveDecisionForm
            leaveRequestId={request.id}
            sessions={request.sessions}
            onDecided={(answer) => {
              setDecided(answer);
              announce(
                `Decision recorded for ${request.pupil.firstName} ${request.pupil.lastName}.`,
              );
            }}
          />
        )
      )}
    </section>
  );
}

function DecisionResult(props: { decided: LeaveDecisionResponse }) {
  const { request, sessions, marksChanged } = props.decided;
  return (
    <div class="alert alert-success" role="status">
      <p class="alert-title">
        {describeLeaveStatus(request.status)}. The parent sees the decision and your reason.
      </p>
      <table class="data-table">
        <caption>The codes each session takes</caption>
        <thead>
          <tr>
            <th scope="col">Session</th>
            <th scope="col">Decision</th>
            <th scope="col">Code</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((session) => (
            <tr key={`${session.date} ${session.session}`}>
              <td>{describeSessionPoint(session)}</td>
              <td>{session.granted ? 'Granted' : 'Not granted (if away)'}</td>
              <td>{describeLeaveCode(session.code)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        {marksChanged === 0
          ? 'The register takes these codes as each day comes.'
          : `${String(marksChanged)} register ${marksChanged === 1 ? 'mark' : 'marks'} changed now; later days take their codes as they come.`}
      </p>
    </div>
  );
}
