import { useState } from 'preact/hooks';
import type { minimumPasswordLength } from '../../contracts/auth.contract.ts';
import { callApi } from '../api-client.ts';
import { ProblemAlert, findFieldError } from '../components/problem-alert.tsx';
import { TextField } from '../components/text-field.tsx';
import { useSubmission } from '../components/use-submission.ts';
import { usePageTitle } from '../page-title.ts';

// Typed as the contract's literal, so the hint cannot drift from the rule the server applies,
// without bundling the contract's validators.
const minimumLength: typeof minimumPasswordLength = 12;

export function ChangePasswordPage() {
  usePageTitle('Change your password');
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const submission = useSubmission();
  const { error } = submission;

  const handleSubmit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const changed = await submission.submit(
      () =>
        callApi<undefined>('POST', '/api/auth/password', {
          body: { currentPassword, newPassword },
        }),
      'Your password has been changed.',
    );
    if (changed === null) return;
    setCurrentPassword('');
    setNewPassword('');
  };

  return (
    <div class="narrow">
      <h1>Change your password</h1>
      {submission.done !== null && (
        <p class="alert alert-success">
          Your password has been changed. Any other devices where you were signed in have been
          signed out.
        </p>
      )}
      <ProblemAlert error={error} title="Your password was not changed" />
      <form noValidate onSubmit={(event) => void handleSubmit(event)}>
        <TextField
          id="currentPassword"
          label="Current password"
          type="password"
          autocomplete="current-password"
          value={currentPassword}
          onInput={setCurrentPassword}
          error={findFieldError(error, 'currentPassword')}
          required
        />
        <TextField
          id="newPassword"
          label="New password"
          type="password"
          autocomplete="new-password"
          hint={`At least ${String(minimumLength)} characters. A few unrelated words make a strong password that is easy to remember.`}
          value={newPassword}
          onInput={setNewPassword}
          error={findFieldError(error, 'newPassword')}
          required
        />
        <button type="submit" class="button button-primary" disabled={submission.busy}>
          {submission.busy ? 'Changing…' : 'Change password'}
        </button>
      </form>
    </div>
  );
}
