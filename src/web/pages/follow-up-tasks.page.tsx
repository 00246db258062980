import { useRef, useState } from 'preact/hooks';
import type { FollowUpTaskList } from '../../contracts/follow-up.contract.ts';
import { Link } from '../components/link.tsx';
import { ProblemAlert, describeError } from '../components/problem-alert.tsx';
import { Loading, ResourceFailure } from '../components/resource-failure.tsx';
import { describeChildName } from '../family/child-name.ts';
import { ContactList } from '../components/contact-list.tsx';
import { FollowUpContactForm } from '../followup/follow-up-contact-form.tsx';
import {
  describeAbsenceDay,
  describeTaskRole,
  findDueState,
  groupTasksByDueState,
  type FollowUpTask,
} from '../followup/task-groups.ts';
import { TaskCompletionForm } from '../followup/task-completion-form.tsx';
import { usePupilProfiles, type PupilLookup } from '../followup/use-pupil-profiles.ts';
import '../followup/followup.css';
import { formatPlainDate, isPlainDate, readLondonToday } from '../london-time.ts';
import { usePageTitle } from '../page-title.ts';
import type { AppLocation } from '../router.ts';
import { announce } from '../status-announcer.ts';
import { useApiResource } from '../use-api-resource.ts';

/**
 * The first-day response work list: each step of the school's procedure due for a pupil
 * still absent without a reason, overdue first, with the contacts to call and forms to record
 * each call and each step done.
 */
export function FollowUpTasksPage(props: { schoolId: number; location: AppLocation }) {
  usePageTitle('First-day response');
  const requested = props.location.query.get('date');
  const date = isPlainDate(requested) ? requested : readLondonToday().date;
  const [reloadKey, setReloadKey] = useState(0);
  const [done, setDone] = useState<string | null>(null);
  const list = useApiResource<FollowUpTaskList>(
    `/api/schools/${String(props.schoolId)}/follow-up-tasks?date=${date}`,
    reloadKey,
  );
  // While the list reloads after a change, the cards stay put so nobody loses their place.
  const shown = useRef<readonly FollowUpTask[]>([]);
  if (list.kind === 'loaded') shown.current = list.value.tasks;
  const tasks = shown.current;
  const pupils = usePupilProfiles(tasks.map((task) => task.pupilId));
  if (list.kind === 'failed')
    return <ResourceFailure error={list.error} heading="First-day response" />;

  const recorded = (message: string): void => {
    setDone(message);
    announce(message);
    setReloadKey((key) => key + 1);
  };
  const groups = groupTasksByDueState(tasks, date);
  return (
    <div>
      <h1>First-day response</h1>
      <p class="lead">
        {formatPlainDate(date)}. The school’s steps for each pupil absent without a reason, overdue
        first. A contact who gives a reason explains every session of the absence so far.
      </p>
      {done !== null && (
        <p class="alert alert-success" data-testid="follow-up-done">
          {done}
        </p>
      )}
      {list.kind === 'loading' && tasks.length === 0 && <Loading what="the work list" />}
      {list.kind === 'loaded' && tasks.length === 0 && (
        <p class="alert alert-success">No pupil needs following up today.</p>
      )}
      {groups.length > 0 && (
        <p>
          {groups.map((group) => `${group.heading}: ${String(group.tasks.length)}`).join(' · ')}
        </p>
      )}
      {groups.map((group) => (
        <section key={group.state} aria-labelledby={`group-${group.state}`}>
          <h2 id={`group-${group.state}`} class={`due-heading due-${group.state}`}>
            {group.heading} ({group.tasks.length})
          </h2>
          <ul class="call-list">
            {group.tasks.map((task) => (
              <TaskCard
                key={task.id}
                task={task}
                date={date}
                schoolId={props.schoolId}
                pupil={pupils.get(task.pupilId)}
                onRecorded={recorded}
              />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

function TaskCard(props: {
  task: FollowUpTask;
  date: string;
  schoolId: number;
  pupil: PupilLookup | undefined;
  onRecorded: (message: string) => void;
}) {
  const { task, pupil } = props;
  const idBase = `task-${String(task.id)}`;
  const profile = pupil?.kind === 'loaded' ? pupil.profile : null;
  const name = profile === null ? null : describeChildName(profile);
  const listName =
    profile === null
      ? `Pupil ${String(task.pupilId)}`
      : `${profile.preferredLastName ?? profile.legalLastName}, ${name?.first ?? ''}`;
  const overdue = findDueState(task, props.date) === 'overdue';
  return (
    <li class={overdue ? 'call-card task-card task-overdue' : 'call-card task-card'}>
      <h3 id={`${idBase}-pupil`}>
        {listName}
        {profile?.className != null && <span class="subtitle"> {profile.className}</span>}
      </h3>
      {overdue && (
        <p class="overdue-note">
          <strong>Overdue</strong>: escalated to {describeTaskRole(task.escalateToRole)}.
        </p>
      )}
      <p class="task-step">{task.title}</p>
      <dl class="task-facts">
        <dt>Absence</dt>
        <dd>
          {describeAbsenceDay(task)}, since {formatPlainDate(task.absenceStartedOn)}
        </dd>
        <dt>Due</dt>
        <dd>By the end of {formatPlainDate(task.dueOn)}</dd>
        <dt>For</dt>
        <dd>{capitalise(describeTaskRole(task.assignedRole))}</dd>
      </dl>
      {pupil === undefined && <Loading what="the pupil’s contacts" />}
      {pupil?.kind === 'failed' && (
        <ProblemAlert error={describeError(pupil.error)} title="The pupil’s details not loaded" />
      )}
      {profile !== null && name !== null && (
        <>
          <h4 id={`${idBase}-contacts`}>Contacts, in the order to call</h4>
          <ContactList
            contacts={profile.contacts}
            labelledBy={`${idBase}-contacts`}
            emailSubject={`${name.full}'s absence from school`}
          />
          <details class="log-call">
            <summary>Record a call or message to {name.first}’s family</summary>
            <FollowUpContactForm
              idBase={idBase}
              schoolId={props.schoolId}
              pupilId={task.pupilId}
              pupilName={name.full}
              contacts={profile.contacts}
              onRecorded={props.onRecorded}
            />
          </details>
          <details class="log-call">
            <summary>Mark this step done</summary>
            <TaskCompletionForm
              idBase={idBase}
              taskId={task.id}
              onCompleted={() => {
                props.onRecorded(`${name.full}: step done – ${task.title}`);
              }}
            />
          </details>
          <p>
            <Link href={`/pupils/${String(task.pupilId)}`}>{name.full}’s attendance record</Link>
          </p>
        </>
      )}
    </li>
  );
}

function capitalise(words: string): string {
  return words.charAt(0).toUpperCase() + words.slice(1);
}
