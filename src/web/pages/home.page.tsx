import { Link } from '../components/link.tsx';
import { usePageTitle } from '../page-title.ts';
import type { AppLocation } from '../router.ts';
import { describeRole, schoolIdOf, type Role, type Session } from '../session.ts';
import { TodaysRegisters } from './todays-registers.tsx';

/** A role's daily work, described until each page of it exists. */
const roleWork: Readonly<Record<Role, { summary: string; tasks: readonly string[] }>> = {
  teacher: {
    summary: 'Take your class registers for each session.',
    tasks: [],
  },
  office: {
    summary: 'Follow up absences and keep the register accurate through the day.',
    tasks: [
      'Today’s absence board: unexplained absences with contacts in priority order',
      'Late sign-in and early sign-out desk',
      'Change a mark with a reason, with its history',
    ],
  },
  attendance_officer: {
    summary: 'Act on attendance concerns before they grow.',
    tasks: [
      'Policy alerts: who crossed which threshold today, with the evidence',
      'Pupil profiles: marks for the year, rates, alerts and contacts',
      'Persistent and severe absence lists',
    ],
  },
  attendance_lead: {
    summary: 'Lead attendance across the school.',
    tasks: [
      'Policy alerts work list',
      'Class, year group and school dashboards',
      'Persistent and severe absence lists',
    ],
  },
  headteacher: {
    summary: 'See the school’s attendance and the pupils who need attention.',
    tasks: [
      'School dashboard: attendance by week against target',
      'Policy alerts work list',
      'Persistent and severe absence lists',
    ],
  },
  governor: {
    summary: 'Hold the school to account on attendance figures.',
    tasks: [
      'School and year group attendance rates',
      'Persistent and severe absence counts, trend against target',
    ],
  },
  parent: {
    summary: 'Tell the school when your child is absent and see their attendance.',
    tasks: ['Report an absence with the reason and expected return', 'Attendance this year'],
  },
  admin: {
    summary: 'Set the school up and keep its accounts in order.',
    tasks: [
      'Schools, calendars, terms and closures',
      'Register times, policy preset and settings',
      'Classes, users and roles, imports',
    ],
  },
  la_officer: {
    summary: 'Work attendance cases with the authority’s schools.',
    tasks: ['Schools in your authority', 'Pupils referred to the authority'],
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
      {takesRegisters && <TodaysRegisters schoolId={schoolId} location={props.location} />}
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
