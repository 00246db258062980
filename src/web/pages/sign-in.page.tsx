import { useState } from 'preact/hooks';
import { ProblemAlert, findFieldError } from '../components/problem-alert.tsx';
import { TextField } from '../components/text-field.tsx';
import { useSubmission } from '../components/use-submission.ts';
import { usePageTitle } from '../page-title.ts';
import { navigate, type AppLocation } from '../router.ts';
import { signIn, useSession } from '../session.ts';

/** Only paths inside the app are followed after sign-in, never another site. */
function readReturnPath(location: AppLocation): string {
  const next = location.query.get('next');
  return next !== null && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function SignInPage(props: { location: AppLocation }) {
  usePageTitle('Sign in');
  const { setSession } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const submission = useSubmission();
  const { error } = submission;
  const signedOut = props.location.query.get('signed-out') === '1';

  const handleSubmit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const signedIn = await submission.submit(() => signIn(email, password), null);
    if (signedIn === null) return;
    setSession(signedIn.value);
    navigate(readReturnPath(props.location), { replace: true });
  };

  return (
    <div class="narrow">
      <h1>Sign in to Rollcall</h1>
      {signedOut && error === null && <p class="alert alert-success">You have signed out.</p>}
      <ProblemAlert error={error} title="Could not sign in" />
      <form noValidate onSubmit={(event) => void handleSubmit(event)}>
        <TextField
          id="email"
          label="Email address"
          type="email"
          autocomplete="username"
          value={email}
          onInput={setEmail}
          error={findFieldError(error, 'email')}
          required
        />
        <TextField
          id="password"
          label="Password"
          type="password"
          autocomplete="current-password"
          value={password}
          onInput={setPassword}
          error={findFieldError(error, 'password')}
          required
        />
        <button type="submit" class="button button-primary" disabled={submission.busy}>
          {submission.busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </div>
  );
}
