import { useState } from 'preact/hooks';
import {
  ProblemAlert,
  describeError,
  findFieldError,
  type ShownError,
} from '../components/problem-alert.tsx';
import { TextField } from '../components/text-field.tsx';
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
  const [error, setError] = useState<ShownError | null>(null);
  const [busy, setBusy] = useState(false);
  const signedOut = props.location.query.get('signed-out') === '1';

  const handleSubmit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const session = await signIn(email, password);
      setSession(session);
      navigate(readReturnPath(props.location), { replace: true });
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
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
        <button type="submit" class="button button-primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </div>
  );
}
