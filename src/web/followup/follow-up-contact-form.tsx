import { useState } from 'preact/hooks';
import type { ContactSummary } from '../../contracts/common.contract.ts';
import type { ContactOutcome } from '../../contracts/contact-attempt.contract.ts';
import type {
  FollowUpContactBody,
  FollowUpContactResponse,
} from '../../contracts/follow-up.contract.ts';
import { callApi } from '../api-client.ts';
import { ProblemAlert } from '../components/problem-alert.tsx';
import { useSubmission } from '../components/use-submission.ts';
import { describeReportedReason } from '../register/register-codes.ts';
import {
  contactOutcomeChoices as outcomes,
  describeRecordedContact,
  followUpReasons as reasons,
  type FollowUpReason as Reason,
} from './contact-words.ts';

/**
 * Records a call or message for the first-day response. A contact reached who gives a reason
 * turns the run's N marks into that reason's code on the server.
 */
export function FollowUpContactForm(props: {
  idBase: string;
  schoolId: number;
  pupilId: number;
  pupilName: string;
  contacts: readonly ContactSummary[];
  onRecorded: (message: string) => void;
}) {
  const { idBase } = props;
  const contacts = [...props.contacts].sort((a, b) => a.priority - b.priority);
  const [contactId, setContactId] = useState(String(contacts[0]?.id ?? ''));
  const [outcome, setOutcome] = useState<ContactOutcome | ''>('');
  const [reason, setReason] = useState<Reason | ''>('');
  const [note, setNote] = useState('');
  const submission = useSubmission();
  const reached = outcome === 'reached' || outcome === 'reason-given';

  const handleSubmit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    if (outcome === '') {
      submission.showError({ detail: 'Choose how the call or message went.', fields: [] });
      return;
    }
    if (outcome === 'reason-given' && reason === '') {
      submission.showError({ detail: 'Choose the reason they gave for the absence.', fields: [] });
      return;
    }
    const contact = contacts.find((candidate) => String(candidate.id) === contactId);
    const givenReason = reached && reason !== '' ? reason : null;
    const body: FollowUpContactBody = {
      schoolId: props.schoolId,
      outcome,
      ...(contact === undefined ? {} : { contactId: contact.id }),
      ...(note.trim() === '' ? {} : { note: note.trim() }),
      ...(givenReason === null ? {} : { reason: givenReason }),
    };
    const recorded = await submission.submit(
      () =>
        callApi<FollowUpContactResponse>(
          'POST',
          `/api/pupils/${String(props.pupilId)}/follow-up-contacts`,
          { body },
        ),
      null,
    );
    if (recorded === null) return;
    setOutcome('');
    setReason('');
    setNote('');
    props.onRecorded(
      describeRecordedContact({
        pupilName: props.pupilName,
        contactName: contact?.name ?? null,
        outcome,
        reason: givenReason,
        answer: recorded.value,
      }),
    );
  };

  return (
    <form class="contact-log" noValidate onSubmit={(event) => void handleSubmit(event)}>
      <ProblemAlert error={submission.error} title="The contact was not recorded" />
      <div class="field">
        <label for={`${idBase}-contact`}>Who you called or messaged</label>
        <select
          id={`${idBase}-contact`}
          value={contactId}
          onChange={(event) => {
            setContactId(event.currentTarget.value);
          }}
        >
          {contacts.map((contact) => (
            <option key={contact.id} value={String(contact.id)}>
              {contact.name} ({contact.relationship})
            </option>
          ))}
          <option value="">Someone not on file</option>
        </select>
      </div>
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
      {reached && (
        <div class="field">
          <label for={`${idBase}-reason`}>
            Reason they gave{outcome === 'reached' ? ' (if any)' : ''}
          </label>
          <p class="hint" id={`${idBase}-reason-hint`}>
            Replaces N on every session of this absence so far.
          </p>
          <select
            id={`${idBase}-reason`}
            aria-describedby={`${idBase}-reason-hint`}
            value={reason}
            onChange={(event) => {
              const chosen = reasons.find((option) => option === event.currentTarget.value);
              setReason(chosen ?? '');
            }}
          >
            <option value="">
              {outcome === 'reached' ? 'No reason given' : 'Choose a reason'}
            </option>
            {reasons.map((option) => (
              <option key={option} value={option}>
                {describeReportedReason(option)}
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
          maxLength={1000}
          onInput={(event) => {
            setNote(event.currentTarget.value);
          }}
        />
      </div>
      <button type="submit" class="button button-primary" disabled={submission.busy}>
        {submission.busy ? 'Saving…' : 'Record contact'}
      </button>
    </form>
  );
}
