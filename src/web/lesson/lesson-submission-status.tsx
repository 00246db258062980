import { ProblemAlert } from '../components/problem-alert.tsx';
import { namePupilsInFields, type LessonRow } from './lesson-register-model.ts';
import type { LessonSubmission } from './use-lesson-submission.ts';

const timeOfDay = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/London',
});

/** Where the last sending of this lesson register is: sending, waiting to retry, sent, refused. */
export function LessonSubmissionStatus(props: {
  submission: LessonSubmission | null;
  rows: readonly LessonRow[];
}) {
  const { submission } = props;
  if (submission === null) return null;
  switch (submission.kind) {
    case 'sending':
      return <p class="submission submission-sending">Sending…</p>;
    case 'waiting':
      return (
        <div class="submission submission-waiting" data-state="waiting">
          <p class="submission-title">Not sent yet — waiting for the connection</p>
          <p>
            {submission.reason.detail} Keep this page open: the marks are sent automatically when
            the connection returns.
          </p>
        </div>
      );
    case 'sent':
      return (
        <div class="submission submission-sent" data-state="sent">
          <p class="submission-title">Saved</p>
          <p>
            {submission.recorded} {submission.recorded === 1 ? 'mark' : 'marks'} recorded at{' '}
            {timeOfDay.format(submission.at)}.
          </p>
        </div>
      );
    case 'conflict':
      // The marks someone else changed are listed above the register, with a choice for each.
      return (
        <p class="submission submission-conflict" data-state="conflict">
          Not saved: choose the marks to keep above, then send again.
        </p>
      );
    case 'failed':
      return (
        <ProblemAlert
          error={namePupilsInFields(submission.error, submission.entries, props.rows)}
          title="The lesson register was not saved"
        />
      );
  }
}
