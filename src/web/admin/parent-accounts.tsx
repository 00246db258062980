import { useState } from 'preact/hooks';
import type {
  AccountWithPassword,
  ContactAccountList,
} from '../../contracts/admin-people.contract.ts';
import { callApi } from '../api-client.ts';
import { ProblemAlert } from '../components/problem-alert.tsx';
import { Loading, ResourceFailure } from '../components/resource-failure.tsx';
import { useSubmission } from '../components/use-submission.ts';
import { useApiResource } from '../use-api-resource.ts';
import { InputField } from './form-fields.tsx';

/** Finds pupils' contacts and gives them parent accounts. */
export function ParentAccounts(props: {
  base: string;
  onCreated: (result: AccountWithPassword) => void;
}) {
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState<string | null>(null);
  const [reloadKey, setReloadKey] = useState(0);
  const contacts = useApiResource<ContactAccountList>(
    query === null ? null : `${props.base}/contacts?search=${encodeURIComponent(query)}`,
    reloadKey,
  );
  const submission = useSubmission();
  const [emails, setEmails] = useState<Record<number, string>>({});
  const create = async (contact: ContactAccountList['contacts'][number]): Promise<void> => {
    const email = (emails[contact.contactId] ?? contact.email ?? '').trim();
    const created = await submission.submit(
      () =>
        callApi<AccountWithPassword>(
          'POST',
          `${props.base}/contacts/${String(contact.contactId)}/account`,
          { body: { email: email === '' ? null : email } },
        ),
      `${contact.name} has a parent account for ${contact.pupilName}.`,
    );
    if (created !== null) {
      props.onCreated(created.value);
      setReloadKey((key) => key + 1);
    }
  };
  return (
    <section class="admin-section" aria-labelledby="parent-accounts">
      <h2 id="parent-accounts">Parent accounts</h2>
      <p>
        A parent signs in to see their own children only. Find the pupil’s contact and give them an
        account; a parent who already has one for a brother or sister is linked to it.
      </p>
      <form
        noValidate
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          setQuery(search.trim());
        }}
      >
        <InputField
          id="contact-search"
          type="text"
          label="Pupil’s or contact’s name"
          value={search}
          onInput={setSearch}
        />
        <button type="submit" class="button">
          Find contacts
        </button>
      </form>
      {submission.done !== null && <p class="alert alert-success">{submission.done}</p>}
      <ProblemAlert error={submission.error} title="No account was created" />
      {contacts.kind === 'failed' && <ResourceFailure error={contacts.error} heading="Contacts" />}
      {query !== null && contacts.kind === 'loading' && <Loading what="contacts" />}
      {contacts.kind === 'loaded' && contacts.value.contacts.length === 0 && (
        <p>No contact of a pupil on roll matches.</p>
      )}
      {contacts.kind === 'loaded' && contacts.value.contacts.length > 0 && (
        <table class="data-table">
          <caption>
            Contacts{contacts.value.more ? ' (the first 100: search to narrow)' : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">Contact</th>
              <th scope="col">Pupil</th>
              <th scope="col">Account</th>
            </tr>
          </thead>
          <tbody>
            {contacts.value.contacts.map((contact) => (
              <tr key={contact.contactId}>
                <th scope="row">
                  {contact.name} <span class="hint">({contact.relationship})</span>
                </th>
                <td>{contact.pupilName}</td>
                <td>
                  {contact.userId !== null ? (
                    'Has an account'
                  ) : (
                    <div class="inline-create">
                      <label for={`contact-email-${String(contact.contactId)}`}>
                        Email for {contact.name}
                      </label>
                      <input
                        type="email"
                        id={`contact-email-${String(contact.contactId)}`}
                        value={emails[contact.contactId] ?? contact.email ?? ''}
                        onInput={(event) => {
                          setEmails({ ...emails, [contact.contactId]: event.currentTarget.value });
                        }}
                      />
                      <button
                        type="button"
                        class="button button-small"
                        disabled={submission.busy}
                        onClick={() => void create(contact)}
                      >
                        Create account <span class="visually-hidden">for {contact.name}</span>
                      </button>
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
