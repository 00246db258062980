import type { JSX } from 'preact';
import { AlertsPage } from './pages/alerts.page.tsx';
import { CaseworkPage } from './pages/casework.page.tsx';
import { DashboardPage } from './pages/dashboard.page.tsx';
import { LetterTemplatesPage } from './pages/letter-templates.page.tsx';
import { MessagesPage } from './pages/messages.page.tsx';
import { PupilProfilePage } from './pages/pupil-profile.page.tsx';
import { SchoolGroupPage } from './pages/school-group.page.tsx';
import { matchPath, type AppLocation } from './router.ts';
import type { Session } from './session.ts';
import './leader.css';

function idOf(params: Record<string, string> | null, name: string): number | null {
  const id = Number(params?.[name]);
  return Number.isInteger(id) && id > 0 ? id : null;
}

/**
 * The attendance leaders' pages (alerts, pupil profile, dashboards, trust and authority
 * figures), kept apart from the app shell so it needs one line to route them.
 */
export function matchLeaderPage(location: AppLocation, session: Session): JSX.Element | null {
  const { path } = location;
  if (path === '/alerts') return <AlertsPage location={location} session={session} />;
  if (path === '/dashboard') return <DashboardPage location={location} session={session} />;
  if (path === '/letter-templates')
    return <LetterTemplatesPage location={location} session={session} />;
  if (path === '/messages') return <MessagesPage location={location} session={session} />;
  // The longer path first, so a pupil's casework is never read as their profile.
  const caseworkFor = idOf(matchPath('/pupils/:pupilId/casework', path), 'pupilId');
  if (caseworkFor !== null)
    return <CaseworkPage key={caseworkFor} pupilId={caseworkFor} session={session} />;
  const pupilId = idOf(matchPath('/pupils/:pupilId', path), 'pupilId');
  if (pupilId !== null) return <PupilProfilePage key={pupilId} pupilId={pupilId} />;
  const trustId = idOf(matchPath('/trusts/:id', path), 'id');
  if (trustId !== null)
    return <SchoolGroupPage key={`t${String(trustId)}`} kind="trust" id={trustId} />;
  const authorityId = idOf(matchPath('/local-authorities/:id', path), 'id');
  if (authorityId !== null)
    return (
      <SchoolGroupPage key={`la${String(authorityId)}`} kind="local-authority" id={authorityId} />
    );
  return null;
}
