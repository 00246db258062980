import { Link } from '../components/link.tsx';
import { usePageTitle } from '../page-title.ts';
import type { AppLocation } from '../router.ts';
import { describeRole, schoolIdOf, type Role, type Session } from '../session.ts';
import { LeaderLinks } from './leader-links.tsx';
import { AdminLinks } from '../admin/admin-links.tsx';
import { CaseworkLinks } from '../casework/casework-links.tsx';
import { TodaysRegisters } from './todays-registers.tsx';
import { ChildrenList } from '../family/children-list.tsx';

/** Pages a role has today, linked from its home page. */
const rolePages: Partial<Record<Role, readonly { href: string; label: string }[]>> = {
  office: [
    { href: '/absence-board', label: 'Today’s absence board: who to call, with contacts' },
    { href: '/reception', label: 'Reception desk: late sign-in and early sign-out' },
    { href: '/marks', label: 'Change a mark, with its history' },
    { href: '/follow-up', label: 'First-day response: today’s calls and follow-up steps' },
    { href: '/leave-requests/new', label: 'Enter a leave request for a parent' },
  ],
  attendance_officer: [
    { href: '/follow-up', label: 'First-day response: today’s calls and follow-up steps' },
    { href: '/leave-requests', label: 'Leave requests waiting for a decision' },
  ],
  attendance_lead: [
    { href: '/follow-up', label: 'First-day response: today’s calls and follow-up steps' },
    { href: '/leave-requests', label: 'Leave requests to decide' },
  ],
  headteacher: [
    { href: '/follow-up', label: 'First-day response: escalated steps and today’s calls' },
    { href: '/leave-requests', label: 'Leave requests to decide' },
  ],
  governor: [{ href: '/figures', label: 'Attendance figures: rates, trend and absence counts' }],
};

/** A role's daily work, described until each page of it exists. */
const roleWork: Readonly<Record<Role, { summary: string; tasks: readonly string[] }>> = {
  teacher: {
    summary: 'Take your class registers for each session.',
    tasks: [],
  },
  office: {
    summary: 'Follow up absences and keep the register accurate through the day.',
    tasks: [],
  },
  attendance_officer: {
    summary: 'Act on attendance concerns before they grow.',
    tasks: [],
  },
  attendance_lead: {
    summary: 'Lead attendance across the school.',
    tasks: [],
  },
  headteacher: {
    summary: 'See the school’s attendance and the pupils who need attention.',
    tasks: [],
  },
  governor: {
    summary: 'Hold the school to account on attendance figures.',
    tasks: [],
  },
  parent: {
    summary: 'Tell the school when your child is absent and see their attendance.',
    tasks: [],
  },
  admin: {
    summary: 'Set the school up and keep its accounts in order.',
    tasks: [],
  },
  la_officer: {
    summary: 'Work attendance cases with the authority’s schools.',
    tasks: ['Pupils referred to the authority'],
  },
};

export function HomePage(props: { location: AppLocation; session: Session }) {
  const { session } = props;
  usePageTitle('Home');
  const work = roleWork[session.user.role];
  const schoolId = schoolIdOf(session);
  const takesRegisters = session.capabilities.includes('take-register') && schoolId !== null;
  return (
    <div>
      <h1>Hello, {session.user.displayName}</h1>
      <p class="lead">
        {describeRole(session.user.role)}. {work.summary}
      </p>
      {takesRegisters && (
        <TodaysRegisters
          schoolId={schoolId}
          location={props.location}
          withLessons={session.user.role === 'teacher'}
        />
      )}
      {session.user.role === 'parent' && <ChildrenList pupilIds={session.pupilIds} />}
      {rolePages[session.user.role] !== undefined && (
        <section aria-labelledby="your-pages">
          <h2 id="your-pages">Your work in Rollcall</h2>
          <ul class="link-list">
            {rolePages[session.user.role]?.map((page) => (
              <li key={page.href}>
                <Link href={page.href}>{page.label}</Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <LeaderLinks session={session} />
      <AdminLinks session={session} />
      <CaseworkLinks session={session} />
      {work.tasks.length > 0 && (
        <section aria-labelledby="your-work">
          <h2 id="your-work">Your work in Rollcall</h2>
          <ul class="task-list">
            {work.tasks.map((task) => (
              <li key={task}>
                {task} <span class="tag">Coming soon</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="account">
        <h2 id="account">Your account</h2>
        <ul class="link-list">
          <li>
            <Link href="/password">Change your password</Link>
          </li>
        </ul>
      </section>
    </div>
  );
}
