import { useState } from 'preact/hooks';
import type { CurrentMark, ContactSummary } from '../../contracts/common.contract.ts';
import type {
  ContactAttemptResponse,
  ContactOutcome,
} from '../../contracts/contact-attempt.contract.ts';
import type {
  MarkResponse,
  MarksConflictProblem,
  ReplacePupilMarksRequest,
  ReplacePupilMarksResponse,
} from '../../contracts/mark.contract.ts';
import { ApiProblem, callApi } from '../api-client.ts';
import { describeError, ProblemAlert, type ShownError } from '../components/problem-alert.tsx';
import { useSubmission } from '../components/use-submission.ts';
import { absenceReasonCodes } from './attendance-codes.ts';

const outcomes: readonly { value: ContactOutcome; label: string }[] = [
  { value: 'reached', label: 'Called – spoke to them' },
  { value: 'no-answer', label: 'No answer' },
  { value: 'message-left', label: 'Message left' },
  { value: 'reason-given', label: 'Reason given' },
];

/** What one saved call changed: the attempt, and the marks a given reason replaced. */
export interface LoggedCall {
  readonly attempt: ContactAttemptResponse;
  readonly replacedMarks: readonly MarkResponse[];
}

/** A call logged whose reason has not reached the marks yet; a retry sends only the marks. */
interface UnsavedReason {
  readonly attempt: ContactAttemptResponse;
  readonly reason: string;
  readonly marks: readonly CurrentMark[];
}

/** The replacement failed after the call was logged. */
class MarksNotReplaced extends Error {
  constructor(
    readonly unsaved: UnsavedReason,
    override readonly cause: unknown,
  ) {
    super('the call was logged but the marks were not replaced');
  }
}

/**
 * The marks still worth replacing after a conflict: those someone else explained meanwhile
 * drop out, and those still N are aimed at their current version.
 */
function refreshAfterConflict(
  marks: readonly CurrentMark[],
  conflict: MarksConflictProblem,
): CurrentMark[] {
  const now = new Map(conflict.conflicts.map(({ current }) => [current.markId, current]));
  return marks.flatMap((mark) => {
    const current = now.get(mark.markId);
    if (current === undefined) return [mark];
    return current.code === 'N' ? [{ ...mark, version: current.version }] : [];
  });
}

/**
 * The quick log of a call about one pupil. "Reason given" records the attempt and then
 * replaces every unexplained N with the chosen code in one request, naming the call as the
 * reason: all of them change or none do.
 */
export function ContactLogForm(props: {
  pupilId: number;
  pupilName: string;
  contacts: readonly ContactSummary[];
  unexplained: readonly CurrentMark[];
  onLogged: (call: LoggedCall) => void;
}) {
  const idBase = `call-${String(props.pupilId)}`;
  const [contactId, setContactId] = useState(String(props.contacts[0]?.id ?? ''));
  const [outcome, setOutcome] = useState<ContactOutcome | ''>('');
  const [code, setCode] = useState('');
  const [note, setNote] = useState('');
  const [unsaved, setUnsaved] = useState<UnsavedReason | null>(null);
  const submission = useSubmission();

  const describeFailure = (failure: unknown): ShownError => {
    if (!(failure instanceof MarksNotReplaced)) return describeError(failure);
    const { cause } = failure;
    let marks = failure.unsaved.marks;
    let retry = 'Try again to replace them.';
    if (cause instanceof ApiProblem && cause.status === 409) {
      marks = refreshAfterConflict(marks, cause.problem as unknown as MarksConflictProblem);
      retry =
        marks.length === 0
          ? 'Nothing is left to replace.'
          : 'Try again to replace the N that remain.';
    }
    setUnsaved({ ...failure.unsaved, marks });
    const shown = describeError(cause);
    return {
      detail: `The call was logged, but ${props.pupilName}'s marks were not changed: ${shown.detail} ${retry}`,
      fields: shown.fields,
    };
  };

  const replaceMarks = async (pending: UnsavedReason): Promise<MarkResponse[]> => {
    if (pending.marks.length === 0) return [];
    try {
      const replaced = await callApi<ReplacePupilMarksResponse>(
        'PATCH',
        `/api/pupils/${String(props.pupilId)}/marks`,
        {
          body: {
            code,
            reason: pending.reason,
            marks: pending.marks.map((mark) => ({
              markId: mark.markId,
              expectedVersion: mark.version,
            })),
          } satisfies ReplacePupilMarksRequest,
        },
      );
      return replaced.marks;
    } catch (failure) {
      throw new MarksNotReplaced(pending, failure);
    }
  };

  const handleSubmit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    if (outcome === '') {
      submission.showError({ detail: 'Choose how the call went.', fields: [] });
      return;
    }
    if (outcome === 'reason-given' && code === '') {
      submission.showError({ detail: 'Choose the reason the family gave.', fields: [] });
      return;
    }
    const logged = await submission.submit(
      async (): Promise<LoggedCall> => {
        if (unsaved !== null)
          return { attempt: unsaved.attempt, replacedMarks: await replaceMarks(unsaved) };
        const contact = props.contacts.find((candidate) => String(candidate.id) === contactId);
        const attempt = await callApi<ContactAttemptResponse>(
          'POST',
          `/api/pupils/${String(props.pupilId)}/contact-attempts`,
          {
            body: {
              outcome,
              ...(contact === undefined ? {} : { contactId: contact.id }),
              ...(note.trim() === '' ? {} : { note: note.trim() }),
            },
          },
        );
        if (outcome !== 'reason-given') return { attempt, replacedMarks: [] };
        const who =
          contact === undefined ? 'a caller' : `${contact.name} (${contact.relationship})`;
        const reason = `Reason given by phone by ${who}${note.trim() === '' ? '' : `: ${note.trim()}`}`;
        return {
          attempt,
          replacedMarks: await replaceMarks({ attempt, reason, marks: props.unexplained }),
        };
      },
      ({ replacedMarks }) =>
        replacedMarks.length > 0
          ? `Call logged. ${props.pupilName}'s N replaced with ${code}.`
          : `Call logged for ${props.pupilName}.`,
      { onFailure: describeFailure },
    );
    if (logged === null) return;
    setUnsaved(null);
    setOutcome('');
    setCode('');
    setNote('');
    props.onLogged(logged.value);
  };

  return (
    <form class="contact-log" noValidate onSubmit={(event) => void handleSubmit(event)}>
      <ProblemAlert
        error={submission.error}
        title={unsaved === null ? 'The call was not logged' : 'The marks were not changed'}
      />
      {props.contacts.length > 0 && (
        <div class="field">
          <label for={`${idBase}-contact`}>Who you called</label>
          <select
            id={`${idBase}-contact`}
            value={contactId}
            onChange={(event) => {
              setContactId(event.currentTarget.value);
            }}
          >
            {[...props.contacts]
              .sort((a, b) => a.priority - b.priority)
              .map((contact) => (
                <option key={contact.id} value={String(contact.id)}>
                  {contact.name} ({contact.relationship})
                </option>
              ))}
            <option value="">Someone else</option>
          </select>
        </div>
      )}
      <fieldset class="field outcome-choices">
        <legend>How it went</legend>
        {outcomes.map((choice) => (
          <label key={choice.value} class="choice">
            <input
              type="radio"
              name={`${idBase}-outcome`}
              value={choice.value}
              checked={outcome === choice.value}
              onChange={() => {
                setOutcome(choice.value);
                // Another outcome is another call to log; the one logged stays as it was.
                if (choice.value !== 'reason-given') setUnsaved(null);
              }}
            />{' '}
            {choice.label}
          </label>
        ))}
      </fieldset>
      {outcome === 'reason-given' && (
        <div class="field">
          <label for={`${idBase}-code`}>Reason the family gave</label>
          <p class="hint" id={`${idBase}-code-hint`}>
            Replaces N on{' '}
            {props.unexplained.length === 1
              ? 'the unexplained session'
              : `all ${String(props.unexplained.length)} unexplained sessions`}{' '}
            today.
          </p>
          <select
            id={`${idBase}-code`}
            aria-describedby={`${idBase}-code-hint`}
            value={code}
            onChange={(event) => {
              setCode(event.currentTarget.value);
            }}
          >
            <option value="">Choose a reason</option>
            {absenceReasonCodes.map((option) => (
              <option key={option.code} value={option.code}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
      )}
      <div class="field">
        <label for={`${idBase}-note`}>Note (optional)</label>
        <input
          type="text"
          id={`${idBase}-note`}
          value={note}
          maxLength={500}
          onInput={(event) => {
            setNote(event.currentTarget.value);
          }}
        />
      </div>
      <button type="submit" class="button button-primary" disabled={submission.busy}>
        {submission.busy ? 'Saving…' : unsaved === null ? 'Log call' : 'Replace the marks'}
      </button>
    </form>
  );
}
