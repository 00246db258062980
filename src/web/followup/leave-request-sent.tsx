import type { LeaveRequestResponse } from '../../contracts/follow-up.contract.ts';
import { formatPlainDate } from '../london-time.ts';
import { describeLeavePurpose, describeLeaveSpan } from './leave-words.ts';

/** The confirmation to keep once a request is in: what was asked and what happens next. */
export function LeaveRequestSent(props: { request: LeaveRequestResponse; childName: string }) {
  const { request } = props;
  return (
    <div class="alert alert-success confirmation" role="status">
      <p class="alert-title">Request sent. Reference {request.id}.</p>
      <p>
        {describeLeavePurpose(request.purpose)} for {props.childName}:{' '}
        {describeLeaveSpan(request.from, request.to)}.
      </p>
      {request.agreedReturn !== null && (
        <p>Back at school on {formatPlainDate(request.agreedReturn)}.</p>
      )}
      {request.exceptionalTestRequired && (
        <p>
          This would take {props.childName}’s holiday this year beyond 10 school days, so the
          headteacher can agree it only in exceptional circumstances.
        </p>
      )}
      <p>The headteacher will decide and the reason will be shown on {props.childName}’s page.</p>
    </div>
  );
}
