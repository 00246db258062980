import { useEffect, useState } from 'preact/hooks';
import type {
  RegisterTimes,
  SchoolDetailsBody,
  SchoolSettingsResponse,
} from '../../contracts/school-admin.contract.ts';
import { callApi } from '../api-client.ts';
import { ProblemAlert, findFieldError } from '../components/problem-alert.tsx';
import { Loading, ResourceFailure } from '../components/resource-failure.tsx';
import { useSubmission } from '../components/use-submission.ts';
import { usePageTitle } from '../page-title.ts';
import type { AppLocation } from '../router.ts';
import type { Session } from '../session.ts';
import { useApiResource } from '../use-api-resource.ts';
import { AdminNav, AdminSchool } from './admin-school.tsx';
import { InputField, TextAreaField, nameFields } from './form-fields.tsx';

const heading = 'School details and register times';

/** The school's name, its letterhead details and the times its registers open and close. */
export function SchoolSettingsPage(props: { location: AppLocation; session: Session }) {
  usePageTitle(heading);
  return (
    <AdminSchool location={props.location} session={props.session} heading={heading}>
      {(schoolId) => <SchoolSettings key={schoolId} schoolId={schoolId} />}
    </AdminSchool>
  );
}

function SchoolSettings(props: { schoolId: number }) {
  const settings = useApiResource<SchoolSettingsResponse>(
    `/api/schools/${String(props.schoolId)}/settings`,
  );
  if (settings.kind === 'failed')
    return <ResourceFailure error={settings.error} heading={heading} />;
  return (
    <div>
      <h1>{heading}</h1>
      <AdminNav
        current="/admin/school"
        schoolId={props.schoolId}
        {...(settings.kind === 'loaded' ? { schoolName: settings.value.name } : {})}
      />
      {settings.kind === 'loading' && <Loading what="the school’s settings" />}
      {settings.kind === 'loaded' && (
        <>
          <RegisterTimesForm schoolId={props.schoolId} saved={settings.value.registerTimes} />
          <DetailsForm schoolId={props.schoolId} saved={settings.value} />
        </>
      )}
    </div>
  );
}

const timeFields = [
  { key: 'amOpens', label: 'Morning register opens' },
  { key: 'amCloses', label: 'Morning register closes' },
  { key: 'pmOpens', label: 'Afternoon register opens' },
  { key: 'pmCloses', label: 'Afternoon register closes' },
] as const;

function RegisterTimesForm(props: { schoolId: number; saved: RegisterTimes }) {
  const [times, setTimes] = useState<RegisterTimes>(props.saved);
  const submission = useSubmission();
  useEffect(() => {
    setTimes(props.saved);
  }, [props.saved]);

  const save = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    await submission.submit(async () => {
      const saved = await callApi<RegisterTimes>(
        'PUT',
        `/api/schools/${String(props.schoolId)}/register-times`,
        { body: times },
      );
      setTimes(saved);
    }, 'Register times saved.');
  };

  return (
    <section class="admin-section" aria-labelledby="register-times">
      <h2 id="register-times">Register times</h2>
      <p>
        A pupil who arrives after the register opens and before it closes is marked L (late,
        present); after it closes, U (late, absent). Times are UK time. A register stays open for at
        most 30 minutes.
      </p>
      {submission.done !== null && <p class="alert alert-success">{submission.done}</p>}
      <ProblemAlert
        error={nameFields(
          submission.error,
          Object.fromEntries(timeFields.map((field) => [field.key, field.label])),
        )}
        title="The register times were not saved"
      />
      <form noValidate onSubmit={(event) => void save(event)}>
        <div class="field-row">
          {timeFields.map((field) => (
            <InputField
              key={field.key}
              id={field.key}
              type="time"
              label={field.label}
              value={times[field.key]}
              onInput={(value) => {
                setTimes({ ...times, [field.key]: value });
              }}
              error={findFieldError(submission.error, field.key)}
              required
            />
          ))}
        </div>
        <button type="submit" class="button button-primary" disabled={submission.busy}>
          {submission.busy ? 'Saving…' : 'Save register times'}
        </button>
      </form>
    </section>
  );
}

const detailLabels = {
  name: 'School name',
  address: 'Address',
  phone: 'Phone number',
  email: 'Email address',
  signatory: 'Letters signed by',
};

function DetailsForm(props: { schoolId: number; saved: SchoolSettingsResponse }) {
  const { saved } = props;
  const [name, setName] = useState(saved.name);
  const [address, setAddress] = useState(saved.letterhead.address);
  const [phone, setPhone] = useState(saved.letterhead.phone ?? '');
  const [email, setEmail] = useState(saved.letterhead.email ?? '');
  const [signatory, setSignatory] = useState(saved.letterhead.signatory ?? '');
  const submission = useSubmission();
  const orNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());

  const save = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const body: SchoolDetailsBody = {
      name,
      letterhead: {
        address,
        phone: orNull(phone),
        email: orNull(email),
        signatory: orNull(signatory),
      },
    };
    await submission.submit(
      () => callApi('PUT', `/api/schools/${String(props.schoolId)}/details`, { body }),
      'School details saved.',
    );
  };
  const fieldError = (field: string) => findFieldError(submission.error, field);

  return (
    <section class="admin-section" aria-labelledby="school-details">
      <h2 id="school-details">School details</h2>
      <p>
        {saved.jurisdiction === 'wales' ? 'Wales' : 'England'}, {saved.phase} school
        {saved.urn !== null && `, URN ${saved.urn}`}. The address and contacts head every letter the
        school sends.
      </p>
      {submission.done !== null && <p class="alert alert-success">{submission.done}</p>}
      <ProblemAlert
        error={nameFields(submission.error, detailLabels)}
        title="The school details were not saved"
      />
      <form noValidate onSubmit={(event) => void save(event)}>
        <InputField
          id="school-name"
          type="text"
          label="School name"
          value={name}
          onInput={setName}
          error={fieldError('name')}
          required
        />
        <TextAreaField
          id="school-address"
          label="Address"
          hint="As it should appear on letters, one line per line."
          value={address}
          onInput={setAddress}
          error={fieldError('address')}
        />
        <InputField
          id="school-phone"
          type="text"
          label="Phone number (optional)"
          autocomplete="off"
          value={phone}
          onInput={setPhone}
          error={fieldError('phone')}
        />
        <InputField
          id="school-email"
          type="email"
          label="Email address (optional)"
          autocomplete="off"
          value={email}
          onInput={setEmail}
          error={fieldError('email')}
        />
        <InputField
          id="school-signatory"
          type="text"
          label="Letters signed by (optional)"
          hint="For example: Mrs J Patel, Headteacher"
          value={signatory}
          onInput={setSignatory}
          error={fieldError('signatory')}
        />
        <button type="submit" class="button button-primary" disabled={submission.busy}>
          {submission.busy ? 'Saving…' : 'Save school details'}
        </button>
      </form>
    </section>
  );
}
