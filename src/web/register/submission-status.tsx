import { ProblemAlert, type ShownError } from '../components/problem-alert.tsx';
import type { SubmissionState } from './register-outbox.ts';
import { formatPupilName, type RegisterRow } from './register-sheet.tsx';

const timeOfDay = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/London',
});

/** Where the last submission of this register is: sending, waiting on this device, or sent. */
export function SubmissionStatus(props: {
  submission: SubmissionState | undefined;
  rows: readonly RegisterRow[];
}) {
  const { submission } = props;
  if (submission === undefined) return null;
  switch (submission.kind) {
    case 'sending':
      return <p class="submission submission-sending">Sending…</p>;
    case 'waiting':
      return (
        <div class="submission submission-waiting" data-state="waiting">
          <p class="submission-title">Saved on this device — waiting to send</p>
          <p>
            {submission.reason.detail} The register will be sent automatically when the connection
            returns. If you close this page, open Rollcall again on this device to send it.
          </p>
        </div>
      );
    case 'sent': {
      const { response } = submission;
      const total = response.created + response.changed + response.unchanged;
      return (
        <div class="submission submission-sent" data-state="sent">
          <p class="submission-title">Sent</p>
          <p>
            {total} {total === 1 ? 'mark' : 'marks'} recorded at{' '}
            {timeOfDay.format(new Date(submission.pending.savedAt))}.
          </p>
        </div>
      );
    }
    case 'conflict':
      return (
        <p class="submission submission-conflict" data-state="conflict">
          Not sent: choose which marks to keep (above), then send again.
        </p>
      );
    case 'failed':
      return (
        <ProblemAlert
          error={namePupilsInFields(submission.error, submission, props.rows)}
          title="The register was not sent"
        />
      );
  }
}

/** Field errors name entries by position ("body.entries.3.code"); say which pupil instead. */
function namePupilsInFields(
  error: ShownError,
  submission: SubmissionState,
  rows: readonly RegisterRow[],
): ShownError {
  const entries = submission.pending.request.entries;
  return {
    detail: error.detail,
    fields: error.fields.map((field) => {
      const position = /entries\.(\d+)/.exec(field.field)?.[1];
      const entry = position === undefined ? undefined : entries[Number(position)];
      const row = rows.find((candidate) => candidate.pupilId === entry?.pupilId);
      return row === undefined ? field : { field: formatPupilName(row), message: field.message };
    }),
  };
}
