import { useState } from 'preact/hooks';
import type { MessageList, MessageSummary } from '../../contracts/casework.contract.ts';
import { SchoolChoice } from '../casework/school-choice.tsx';
import { useKeptResource } from '../casework/use-kept-resource.ts';
import { WeeklyUpdatesForm } from '../casework/weekly-updates-form.tsx';
import { chooseSchoolId } from '../charts/format-figures.ts';
import { Link } from '../components/link.tsx';
import { Loading, ResourceFailure } from '../components/resource-failure.tsx';
import { readLondonToday } from '../london-time.ts';
import { usePageTitle } from '../page-title.ts';
import type { AppLocation } from '../router.ts';
import { schoolIdOf, type Session } from '../session.ts';
import '../casework/casework.css';

const title = 'Messages';
const statuses = [
  { value: '', label: 'All messages' },
  { value: 'failed', label: 'Failed' },
  { value: 'queued', label: 'Waiting to send' },
  { value: 'sent', label: 'Sent' },
] as const;

const when = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/London',
});

function describeDelivery(message: MessageSummary): string {
  if (message.status === 'sent')
    return message.sentAt === null ? 'Sent' : `Sent ${when.format(new Date(message.sentAt))}`;
  const tries = `${String(message.attempts)} ${message.attempts === 1 ? 'try' : 'tries'}`;
  const retry =
    message.nextAttemptAt === null
      ? message.status === 'failed'
        ? 'no more retries'
        : 'not yet tried'
      : `next try ${when.format(new Date(message.nextAttemptAt))}`;
  return message.attempts === 0 ? retry : `${tries}; ${retry}`;
}

/** The school's outbox: every email and text with how its delivery is going. */
export function MessagesPage(props: { location: AppLocation; session: Session }) {
  const schoolId = chooseSchoolId(props.location.query, schoolIdOf(props.session));
  if (schoolId === null)
    return <SchoolChoice session={props.session} path="/messages" title={title} />;
  return <Outbox key={schoolId} schoolId={schoolId} />;
}

function Outbox(props: { schoolId: number }) {
  usePageTitle(title);
  const [status, setStatus] = useState('');
  const [reloads, setReloads] = useState(0);
  const messages = useKeptResource<MessageList>(
    `/api/schools/${String(props.schoolId)}/messages${status === '' ? '' : `?status=${status}`}`,
    reloads,
  );
  if (messages.kind === 'failed') return <ResourceFailure error={messages.error} heading={title} />;
  return (
    <div class="casework">
      <p class="breadcrumb">
        <Link href="/">Home</Link> › {title}
      </p>
      <h1>{title}</h1>
      <p class="lead">
        Emails and texts to parents, newest first. A failed message is retried with growing gaps;
        its last error says why it failed.
      </p>
      <div class="filter-bar">
        <label for="message-status">Show</label>
        <select
          id="message-status"
          value={status}
          onChange={(event) => {
            setStatus(event.currentTarget.value);
          }}
        >
          {statuses.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      </div>
      {messages.kind === 'loading' && <Loading what="messages" />}
      {messages.kind === 'loaded' &&
        (messages.value.messages.length === 0 ? (
          <p>No messages.</p>
        ) : (
          <table class="data-table">
            <caption class="visually-hidden">Messages, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Created</th>
                <th scope="col">To</th>
                <th scope="col">Subject</th>
                <th scope="col">Status</th>
                <th scope="col">Delivery</th>
                <th scope="col">Last error</th>
              </tr>
            </thead>
            <tbody>
              {messages.value.messages.map((message) => (
                <tr key={message.id}>
                  <td>{when.format(new Date(message.createdAt))}</td>
                  <td>
                    {message.channel === 'email' ? 'Email' : 'Text'} to {message.recipient}
                  </td>
                  <th scope="row">{message.subject}</th>
                  <td class={`status-${message.status}`}>
                    {message.status === 'queued'
                      ? 'Waiting'
                      : message.status === 'sent'
                        ? 'Sent'
                        : 'Failed'}
                  </td>
                  <td>{describeDelivery(message)}</td>
                  <td>{message.lastError ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      <WeeklyUpdatesForm
        schoolId={props.schoolId}
        today={readLondonToday().date}
        onQueued={() => {
          setReloads((count) => count + 1);
        }}
      />
    </div>
  );
}
