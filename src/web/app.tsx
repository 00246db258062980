import { useEffect, useState } from 'preact/hooks';
import { Layout } from './components/layout.tsx';
import { matchAdminPage } from './admin-routes.tsx';
import { matchLeaderPage } from './leader-routes.tsx';
import { ProblemAlert, describeError } from './components/problem-alert.tsx';
import { Loading } from './components/resource-failure.tsx';
import { ChangePasswordPage } from './pages/change-password.page.tsx';
import { HomePage } from './pages/home.page.tsx';
import { NotFoundPage } from './pages/not-found.page.tsx';
import { RegisterPage } from './pages/register.page.tsx';
import { SignInPage } from './pages/sign-in.page.tsx';
import { registerOutbox } from './register/use-register-outbox.ts';
import { matchOfficeFamilyGovernorPage } from './role-routes.tsx';
import { matchPath, navigate, useLocation, type AppLocation } from './router.ts';
import { SessionContext, fetchSession, type Session } from './session.ts';

type SessionLookup =
  | { readonly kind: 'checking' }
  | { readonly kind: 'known'; readonly session: Session | null }
  | { readonly kind: 'failed'; readonly error: unknown };

export function App() {
  const location = useLocation();
  const [lookup, setLookup] = useState<SessionLookup>({ kind: 'checking' });

  useEffect(() => {
    fetchSession().then(
      (session) => {
        setLookup({ kind: 'known', session });
      },
      (error: unknown) => {
        setLookup({ kind: 'failed', error });
      },
    );
  }, []);

  const session = lookup.kind === 'known' ? lookup.session : null;
  const userId = session?.user.id ?? null;
  useEffect(() => {
    // Registers saved on this device while offline go as soon as their author is signed in.
    if (userId !== null) registerOutbox.start(userId);
  }, [userId]);

  const setSession = (next: Session | null): void => {
    setLookup({ kind: 'known', session: next });
  };

  return (
    <SessionContext.Provider value={{ session, setSession }}>
      <Layout path={location.path}>
        {lookup.kind === 'checking' && <Loading what="Rollcall" />}
        {lookup.kind === 'failed' && (
          <div class="narrow">
            <h1>Rollcall could not start</h1>
            <ProblemAlert error={describeError(lookup.error)} />
          </div>
        )}
        {lookup.kind === 'known' && <CurrentPage location={location} session={session} />}
      </Layout>
    </SessionContext.Provider>
  );
}

function CurrentPage(props: { location: AppLocation; session: Session | null }) {
  const { location, session } = props;
  const isSignInPage = location.path === '/sign-in';
  const redirect = session === null && !isSignInPage ? signInAddress(location) : null;
  const leaveSignIn = session !== null && isSignInPage;
  useEffect(() => {
    if (redirect !== null) navigate(redirect, { replace: true });
    else if (leaveSignIn) navigate('/', { replace: true });
  }, [redirect, leaveSignIn]);

  if (session === null) return isSignInPage ? <SignInPage location={location} /> : null;
  if (location.path === '/' || location.path === '') {
    return <HomePage location={location} session={session} />;
  }
  if (location.path === '/password') return <ChangePasswordPage />;
  const register = matchPath('/registers/:classId', location.path);
  const classId = Number(register?.['classId']);
  if (register !== null && Number.isInteger(classId) && classId > 0) {
    return <RegisterPage classId={classId} location={location} session={session} />;
  }
  const rolePage = matchOfficeFamilyGovernorPage(location, session);
  if (rolePage !== null) return rolePage;
  const leaderPage = matchLeaderPage(location, session);
  if (leaderPage !== null) return leaderPage;
  const adminPage = matchAdminPage(location, session);
  if (adminPage !== null) return adminPage;
  return isSignInPage ? null : <NotFoundPage />;
}

function signInAddress(location: AppLocation): string {
  const here = location.path + (location.query.size > 0 ? `?${location.query.toString()}` : '');
  return here === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(here)}`;
}
