import { useState } from 'preact/hooks';
import type { LetterheadResponse } from '../../contracts/casework.contract.ts';
import { callApi } from '../api-client.ts';
import { ProblemAlert } from '../components/problem-alert.tsx';
import { useSubmission } from '../components/use-submission.ts';

const blankToNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());

/** The school's address, phone, email and signatory printed at the head of every letter. */
export function LetterheadForm(props: { letterhead: LetterheadResponse; canEdit: boolean }) {
  const { letterhead } = props;
  const [address, setAddress] = useState(letterhead.address);
  const [phone, setPhone] = useState(letterhead.phone ?? '');
  const [email, setEmail] = useState(letterhead.email ?? '');
  const [signatory, setSignatory] = useState(letterhead.signatory ?? '');
  const submission = useSubmission();

  const handleSubmit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    await submission.submit(
      () =>
        callApi<LetterheadResponse>(
          'PUT',
          `/api/schools/${String(letterhead.schoolId)}/letterhead`,
          {
            body: {
              address: address.trim(),
              phone: blankToNull(phone),
              email: blankToNull(email),
              signatory: blankToNull(signatory),
            },
          },
        ),
      'Letterhead saved.',
    );
  };

  const input = (id: string, label: string, value: string, set: (value: string) => void) => (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        type="text"
        id={id}
        value={value}
        readOnly={!props.canEdit}
        onInput={(event) => {
          set(event.currentTarget.value);
        }}
      />
    </div>
  );

  return (
    <form class="case-form" noValidate onSubmit={(event) => void handleSubmit(event)}>
      <ProblemAlert error={submission.error} title="The letterhead was not saved" />
      {submission.done !== null && <p class="alert alert-success">{submission.done}</p>}
      <div class="field">
        <label for="letterhead-address">Address</label>
        <textarea
          id="letterhead-address"
          rows={3}
          readOnly={!props.canEdit}
          value={address}
          onInput={(event) => {
            setAddress(event.currentTarget.value);
          }}
        />
      </div>
      {input('letterhead-phone', 'Phone', phone, setPhone)}
      {input('letterhead-email', 'Email', email, setEmail)}
      {input(
        'letterhead-signatory',
        'Signed by, e.g. “Mrs J Patel, Headteacher”',
        signatory,
        setSignatory,
      )}
      {props.canEdit && (
        <button type="submit" class="button button-primary" disabled={submission.busy}>
          Save letterhead
        </button>
      )}
    </form>
  );
}
