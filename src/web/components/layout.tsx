import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { registerOutbox, useRegisterOutbox } from '../register/use-register-outbox.ts';
import { navigate } from '../router.ts';
import { describeRole, signOut, useSession } from '../session.ts';
import { announce, useAnnouncement } from '../status-announcer.ts';
import { Link } from './link.tsx';
import { describeError } from './problem-alert.tsx';

/** The frame of every page: skip link, header, the page itself and the status region. */
export function Layout(props: { children: ComponentChildren; path: string }) {
  const { session, setSession } = useSession();
  const message = useAnnouncement();
  const outbox = useRegisterOutbox();
  const waiting = session === null ? [] : outbox.listWaiting();
  const [signingOut, setSigningOut] = useState(false);

  const handleSignOut = async (): Promise<void> => {
    setSigningOut(true);
    try {
      await signOut();
      registerOutbox.stop();
      setSession(null);
      navigate('/sign-in?signed-out=1');
    } catch (error) {
      announce(`Could not sign out: ${describeError(error).detail}`);
    } finally {
      setSigningOut(false);
    }
  };

  return (
    <>
      <a class="skip-link" href="#main">
        Skip to main content
      </a>
      <header class="site-header">
        <div class="site-header-inner">
          <Link href="/" class="brand">
            Rollcall
          </Link>
          {session !== null && (
            <nav aria-label="Account">
              <ul class="nav-list">
                <li class="nav-user">
                  {session.user.displayName}
                  <span class="nav-role"> ({describeRole(session.user.role)})</span>
                </li>
                <li>
                  <Link href="/" aria-current={props.path === '/' ? 'page' : undefined}>
                    Home
                  </Link>
                </li>
                <li>
                  <Link
                    href="/password"
                    aria-current={props.path === '/password' ? 'page' : undefined}
                  >
                    Change password
                  </Link>
                </li>
                <li>
                  <button
                    type="button"
                    class="link-button"
                    disabled={signingOut}
                    onClick={() => void handleSignOut()}
                  >
                    Sign out
                  </button>
                </li>
              </ul>
            </nav>
          )}
        </div>
      </header>
      {waiting.length > 0 && (
        <p class="banner banner-waiting">
          {waiting.length === 1
            ? `The register for ${waiting[0]?.className ?? 'a class'} is saved on this device and waiting to send. It`
            : `${String(waiting.length)} registers are saved on this device and waiting to send. They`}{' '}
          will be sent as soon as the connection returns.
        </p>
      )}
      <main id="main" tabIndex={-1}>
        {props.children}
      </main>
      <div class="status-region" role="status" aria-live="polite">
        {message}
      </div>
    </>
  );
}
