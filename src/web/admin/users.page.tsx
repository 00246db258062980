import { useRef, useState } from 'preact/hooks';
import type {
  AccountList,
  AccountSummary,
  AccountWithPassword,
  NewAccountBody,
  StaffRole,
} from '../../contracts/admin-people.contract.ts';
import { callApi } from '../api-client.ts';
import { ProblemAlert, findFieldError } from '../components/problem-alert.tsx';
import { Loading, ResourceFailure } from '../components/resource-failure.tsx';
import { useSubmission } from '../components/use-submission.ts';
import { usePageTitle } from '../page-title.ts';
import type { AppLocation } from '../router.ts';
import { describeRole, type Session } from '../session.ts';
import { useApiResource } from '../use-api-resource.ts';
import { AdminNav, AdminSchool } from './admin-school.tsx';
import { InputField, SelectField, nameFields } from './form-fields.tsx';
import { ParentAccounts } from './parent-accounts.tsx';
import './admin-people.css';

const heading = 'Users and roles';

// The contracts' list, repeated: the web app takes only types from src/contracts.
const staffRoles: readonly StaffRole[] = [
  'admin',
  'headteacher',
  'attendance_lead',
  'attendance_officer',
  'office',
  'teacher',
  'governor',
];
const roleOptions = staffRoles.map((role) => ({ value: role, label: describeRole(role) }));

/** The school's accounts: create staff and parent accounts, change roles, disable, reset. */
export function UsersPage(props: { location: AppLocation; session: Session }) {
  usePageTitle(heading);
  return (
    <AdminSchool location={props.location} session={props.session} heading={heading}>
      {(schoolId) => <Users key={schoolId} schoolId={schoolId} session={props.session} />}
    </AdminSchool>
  );
}

/** A password Rollcall made up: shown here once, never again. */
function NewPassword(props: { shown: { name: string; password: string } | null }) {
  if (props.shown === null) return null;
  return (
    <div class="alert alert-warning new-password" role="status">
      <p class="alert-title">Password for {props.shown.name}</p>
      <p>
        <code class="password-value">{props.shown.password}</code>
      </p>
      <p>Give it to them now: it is shown only once. They can change it after signing in.</p>
    </div>
  );
}

function Users(props: { schoolId: number; session: Session }) {
  const base = `/api/schools/${String(props.schoolId)}`;
  const [reloadKey, setReloadKey] = useState(0);
  const [shownPassword, setShownPassword] = useState<{ name: string; password: string } | null>(
    null,
  );
  const accounts = useApiResource<AccountList>(`${base}/accounts`, reloadKey);
  const reload = (): void => {
    setReloadKey((key) => key + 1);
  };
  const showPassword = (result: AccountWithPassword): void => {
    setShownPassword(
      result.generatedPassword === null
        ? null
        : { name: result.account.displayName, password: result.generatedPassword },
    );
  };
  // Kept while a change reloads the list, so the open account (and its message) stays put.
  const lastAccounts = useRef<AccountList | null>(null);
  if (accounts.kind === 'loaded') lastAccounts.current = accounts.value;
  if (accounts.kind === 'failed')
    return <ResourceFailure error={accounts.error} heading={heading} />;
  return (
    <div>
      <h1>{heading}</h1>
      <AdminNav current="/admin/users" schoolId={props.schoolId} />
      <NewPassword shown={shownPassword} />
      {lastAccounts.current === null && <Loading what="the accounts" />}
      {lastAccounts.current !== null && (
        <AccountTable
          base={base}
          accounts={lastAccounts.current.accounts}
          ownId={props.session.user.id}
          onChanged={reload}
          onPassword={showPassword}
        />
      )}
      <NewAccountForm
        base={base}
        onCreated={(result) => {
          showPassword(result);
          reload();
        }}
      />
      <ParentAccounts
        base={base}
        onCreated={(result) => {
          showPassword(result);
          reload();
        }}
      />
    </div>
  );
}

function AccountTable(props: {
  base: string;
  accounts: readonly AccountSummary[];
  ownId: number;
  onChanged: () => void;
  onPassword: (result: AccountWithPassword) => void;
}) {
  const [openId, setOpenId] = useState<number | null>(null);
  const open = props.accounts.find((account) => account.id === openId);
  return (
    <section class="admin-section" aria-labelledby="accounts-caption">
      <table class="data-table">
        <caption id="accounts-caption">Accounts</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span class="visually-hidden">Change</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.accounts.map((account) => (
            <tr key={account.id}>
              <th scope="row">{account.displayName}</th>
              <td>{account.email}</td>
              <td>{describeRole(account.role)}</td>
              <td>{account.active ? 'Active' : <span class="tag">Disabled</span>}</td>
              <td>
                {account.managedHere && (
                  <button
                    type="button"
                    class="button button-small"
                    aria-expanded={openId === account.id}
                    onClick={() => {
                      setOpenId(openId === account.id ? null : account.id);
                    }}
                  >
                    Change <span class="visually-hidden">{account.displayName}</span>
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {open !== undefined && (
        <AccountEditor
          key={open.id}
          base={props.base}
          account={open}
          isOwn={open.id === props.ownId}
          onChanged={props.onChanged}
          onPassword={props.onPassword}
        />
      )}
    </section>
  );
}

function AccountEditor(props: {
  base: string;
  account: AccountSummary;
  isOwn: boolean;
  onChanged: () => void;
  onPassword: (result: AccountWithPassword) => void;
}) {
  const { account } = props;
  const url = `${props.base}/accounts/${String(account.id)}`;
  const [role, setRole] = useState<string>(account.role);
  const submission = useSubmission();
  const run = async (work: () => Promise<unknown>, done: string): Promise<void> => {
    if ((await submission.submit(work, done)) !== null) props.onChanged();
  };
  return (
    <div class="account-editor" aria-labelledby="account-editor">
      <h2 id="account-editor">Change {account.displayName}’s account</h2>
      {submission.done !== null && <p class="alert alert-success">{submission.done}</p>}
      <ProblemAlert error={submission.error} title="Nothing was changed" />
      {account.role !== 'parent' && (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void run(
              () => callApi('PUT', `${url}/role`, { body: { role } }),
              `${account.displayName} is now ${describeRole(role as StaffRole)}.`,
            );
          }}
        >
          <SelectField
            id="account-role"
            label="Role"
            value={role}
            onChange={setRole}
            options={roleOptions}
          />
          <button type="submit" class="button" disabled={submission.busy}>
            Change role
          </button>
        </form>
      )}
      <div class="form-actions account-actions">
        {!props.isOwn && (
          <button
            type="button"
            class="button"
            disabled={submission.busy}
            onClick={() =>
              void run(
                () => callApi('PUT', `${url}/status`, { body: { active: !account.active } }),
                account.active
                  ? `${account.displayName}’s account is disabled and signed out.`
                  : `${account.displayName}’s account is enabled.`,
              )
            }
          >
            {account.active ? 'Disable account' : 'Enable account'}
          </button>
        )}
        <button
          type="button"
          class="button"
          disabled={submission.busy}
          onClick={() =>
            void run(async () => {
              const result = await callApi<AccountWithPassword>('POST', `${url}/password`, {
                body: {},
              });
              props.onPassword(result);
            }, `A new password is set for ${account.displayName}.`)
          }
        >
          Reset password
        </button>
      </div>
    </div>
  );
}

const accountLabels = {
  displayName: 'Name',
  email: 'Email address',
  role: 'Role',
  password: 'Password',
};

function NewAccountForm(props: { base: string; onCreated: (result: AccountWithPassword) => void }) {
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<StaffRole>('teacher');
  const [password, setPassword] = useState('');
  const submission = useSubmission();
  const create = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const body: NewAccountBody = {
      displayName,
      email: email.trim(),
      role,
      password: password === '' ? null : password,
    };
    const created = await submission.submit(
      () => callApi<AccountWithPassword>('POST', `${props.base}/accounts`, { body }),
      `Account created for ${displayName}.`,
    );
    if (created !== null) {
      setDisplayName('');
      setEmail('');
      setPassword('');
      props.onCreated(created.value);
    }
  };
  return (
    <section class="admin-section" aria-labelledby="new-account">
      <h2 id="new-account">Create a staff account</h2>
      {submission.done !== null && <p class="alert alert-success">{submission.done}</p>}
      <ProblemAlert
        error={nameFields(submission.error, accountLabels)}
        title="The account was not created"
      />
      <form noValidate onSubmit={(event) => void create(event)}>
        <InputField
          id="new-account-name"
          type="text"
          label="Name"
          value={displayName}
          onInput={setDisplayName}
          error={findFieldError(submission.error, 'displayName')}
          autocomplete="off"
          required
        />
        <InputField
          id="new-account-email"
          type="email"
          label="Email address"
          hint="They sign in with it"
          value={email}
          onInput={setEmail}
          error={findFieldError(submission.error, 'email')}
          autocomplete="off"
          required
        />
        <SelectField
          id="new-account-role"
          label="Role"
          value={role}
          onChange={(value) => {
            setRole(value as StaffRole);
          }}
          options={roleOptions}
        />
        <InputField
          id="new-account-password"
          type="text"
          label="Password (optional)"
          hint="At least 12 characters; leave empty and Rollcall makes one up and shows it once"
          value={password}
          onInput={setPassword}
          error={findFieldError(submission.error, 'password')}
          autocomplete="new-password"
        />
        <button type="submit" class="button button-primary" disabled={submission.busy}>
          {submission.busy ? 'Creating…' : 'Create account'}
        </button>
      </form>
    </section>
  );
}
