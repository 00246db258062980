import { useState } from 'preact/hooks';
import type { CurrentMark, ContactSummary } from '../../contracts/common.contract.ts';
import type {
  ContactAttemptResponse,
  ContactOutcome,
} from '../../contracts/contact-attempt.contract.ts';
import type { MarkResponse } from '../../contracts/mark.contract.ts';
import { callApi } from '../api-client.ts';
import { ProblemAlert } from '../components/problem-alert.tsx';
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

/**
 * The quick log of a call about one pupil. "Reason given" records the attempt and then
 * replaces each unexplained N with the chosen code, naming the call as the reason.
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
  const submission = useSubmission();

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
        const replacedMarks: MarkResponse[] = [];
        if (outcome === 'reason-given') {
          const who =
            contact === undefined ? 'a caller' : `${contact.name} (${contact.relationship})`;
          const reason = `Reason given by phone by ${who}${note.trim() === '' ? '' : `: ${note.trim()}`}`;
          for (const mark of props.unexplained) {
            replacedMarks.push(
              await callApi<MarkResponse>('PATCH', `/api/marks/${String(mark.markId)}`, {
                body: { expectedVersion: mark.version, code, reason },
              }),
            );
          }
        }
        return { attempt, replacedMarks };
      },
      ({ replacedMarks }) =>
        replacedMarks.length > 0
          ? `Call logged. ${props.pupilName}'s N replaced with ${code}.`
          : `Call logged for ${props.pupilName}.`,
    );
    if (logged === null) return;
    setOutcome('');
    setCode('');
    setNote('');
    props.onLogged(logged.value);
  };

  return (
    <form class="contact-log" noValidate onSubmit={(event) => void handleSubmit(event)}>
      <ProblemAlert error={submission.error} title="The call was not logged" />
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
        {submission.busy ? 'Saving…' : 'Log call'}
      </button>
    </form>
  );
}
