import type { VNode } from 'preact';
import { CalendarPage } from './admin/calendar.page.tsx';
import { ClassesPage } from './admin/classes.page.tsx';
import { ImportsPage } from './admin/imports.page.tsx';
import { PolicyPage } from './admin/policy.page.tsx';
import { SchoolSettingsPage } from './admin/school-settings.page.tsx';
import { UsersPage } from './admin/users.page.tsx';
import type { AppLocation } from './router.ts';
import type { Session } from './session.ts';

/**
 * The administration pages, one line each; null when the address is none of them. The server
 * decides who may change what: a page asked for by another role shows its refusal.
 */
export function matchAdminPage(location: AppLocation, session: Session): VNode | null {
  const { path } = location;
  if (path === '/admin/school') return <SchoolSettingsPage location={location} session={session} />;
  if (path === '/admin/calendar') return <CalendarPage location={location} session={session} />;
  if (path === '/admin/policy') return <PolicyPage location={location} session={session} />;
  if (path === '/admin/classes') return <ClassesPage location={location} session={session} />;
  if (path === '/admin/users') return <UsersPage location={location} session={session} />;
  if (path === '/admin/imports') return <ImportsPage location={location} session={session} />;
  return null;
}
