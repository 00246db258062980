import { useState } from 'preact/hooks';
import type { SessionName } from '../../contracts/common.contract.ts';
import type {
  AcademicYearBody,
  ClosureBody,
  SchoolCalendarResponse,
  TermChangeBody,
} from '../../contracts/school-admin.contract.ts';
import { callApi } from '../api-client.ts';
import { ProblemAlert, findFieldError } from '../components/problem-alert.tsx';
import { useSubmission } from '../components/use-submission.ts';
import { InputField, SelectField, TextAreaField, nameFields } from './form-fields.tsx';

export type CalendarYear = SchoolCalendarResponse['academicYears'][number];
export type CalendarTerm = CalendarYear['terms'][number];
export type CalendarClosure = SchoolCalendarResponse['closures'][number];

/** What a form is for: adding something new, or changing one that exists. */
export type Editing<T> = { readonly kind: 'add' } | { readonly kind: 'change'; readonly item: T };

interface FormProps<T> {
  schoolId: number;
  editing: Editing<T>;
  /** Called after the server accepted the change, with what to announce. */
  onSaved: (message: string) => void;
  onCancel: () => void;
}

function FormButtons(props: {
  busy: boolean;
  isChange: boolean;
  what: string;
  onCancel: () => void;
}) {
  return (
    <div class="form-actions">
      <button type="submit" class="button button-primary" disabled={props.busy}>
        {props.busy ? 'Saving…' : props.isChange ? `Save ${props.what}` : `Add ${props.what}`}
      </button>
      {props.isChange && (
        <button type="button" class="button" onClick={props.onCancel}>
          Cancel
        </button>
      )}
    </div>
  );
}

export function AcademicYearForm(props: FormProps<CalendarYear>) {
  const existing = props.editing.kind === 'change' ? props.editing.item : null;
  const [name, setName] = useState(existing?.name ?? '');
  const [startsOn, setStartsOn] = useState(existing?.startsOn ?? '');
  const [endsOn, setEndsOn] = useState(existing?.endsOn ?? '');
  const submission = useSubmission();
  const base = `/api/schools/${String(props.schoolId)}/academic-years`;
  const save = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const body: AcademicYearBody = { name, startsOn, endsOn };
    const message =
      existing === null ? `Academic year ${name} added.` : `Academic year ${name} saved.`;
    const saved = await submission.submit(
      () =>
        existing === null
          ? callApi('POST', base, { body })
          : callApi('PUT', `${base}/${String(existing.id)}`, { body }),
      message,
    );
    if (saved !== null) props.onSaved(message);
  };
  const error = (field: string) => findFieldError(submission.error, field);
  return (
    <form
      noValidate
      onSubmit={(event) => void save(event)}
      aria-label={
        existing === null ? 'Add an academic year' : `Change academic year ${existing.name}`
      }
    >
      <ProblemAlert
        error={nameFields(submission.error, {
          name: 'Name',
          startsOn: 'Starts on',
          endsOn: 'Ends on',
        })}
        title="The academic year was not saved"
      />
      <InputField
        id="year-name"
        type="text"
        label="Name"
        hint="For example 2025/26"
        value={name}
        onInput={setName}
        error={error('name')}
        required
      />
      <div class="field-row">
        <InputField
          id="year-starts"
          type="date"
          label="Starts on"
          value={startsOn}
          onInput={setStartsOn}
          error={error('startsOn')}
          required
        />
        <InputField
          id="year-ends"
          type="date"
          label="Ends on"
          value={endsOn}
          onInput={setEndsOn}
          error={error('endsOn')}
          required
        />
      </div>
      <FormButtons
        busy={submission.busy}
        isChange={existing !== null}
        what="academic year"
        onCancel={props.onCancel}
      />
    </form>
  );
}

const termLabels = {
  academicYearId: 'Academic year',
  name: 'Term name',
  startsOn: 'First day',
  endsOn: 'Last day',
};

export function TermForm(props: FormProps<CalendarTerm> & { years: readonly CalendarYear[] }) {
  const existing = props.editing.kind === 'change' ? props.editing.item : null;
  const [yearId, setYearId] = useState(String(props.years.at(-1)?.id ?? ''));
  const [name, setName] = useState(existing?.name ?? '');
  const [startsOn, setStartsOn] = useState(existing?.startsOn ?? '');
  const [endsOn, setEndsOn] = useState(existing?.endsOn ?? '');
  const submission = useSubmission();
  const base = `/api/schools/${String(props.schoolId)}/terms`;
  const save = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const change: TermChangeBody = { name, startsOn, endsOn };
    const message = existing === null ? `Term ${name} added.` : `Term ${name} saved.`;
    const saved = await submission.submit(
      () =>
        existing === null
          ? callApi('POST', base, { body: { ...change, academicYearId: Number(yearId) } })
          : callApi('PUT', `${base}/${String(existing.id)}`, { body: change }),
      message,
    );
    if (saved !== null) props.onSaved(message);
  };
  const error = (field: string) => findFieldError(submission.error, field);
  return (
    <form
      noValidate
      onSubmit={(event) => void save(event)}
      aria-label={existing === null ? 'Add a term' : `Change term ${existing.name}`}
    >
      <ProblemAlert
        error={nameFields(submission.error, termLabels)}
        title="The term was not saved"
      />
      {existing === null && (
        <SelectField
          id="term-year"
          label="Academic year"
          value={yearId}
          onChange={setYearId}
          options={props.years.map((year) => ({ value: String(year.id), label: year.name }))}
          error={error('academicYearId')}
        />
      )}
      <InputField
        id="term-name"
        type="text"
        label="Term name"
        hint="For example Autumn 1"
        value={name}
        onInput={setName}
        error={error('name')}
        required
      />
      <div class="field-row">
        <InputField
          id="term-starts"
          type="date"
          label="First day"
          value={startsOn}
          onInput={setStartsOn}
          error={error('startsOn')}
          required
        />
        <InputField
          id="term-ends"
          type="date"
          label="Last day"
          value={endsOn}
          onInput={setEndsOn}
          error={error('endsOn')}
          required
        />
      </div>
      <FormButtons
        busy={submission.busy}
        isChange={existing !== null}
        what="term"
        onCancel={props.onCancel}
      />
    </form>
  );
}

const sessionOptions = (first: string, second: string) => [
  { value: 'AM', label: first },
  { value: 'PM', label: second },
];

const closureLabels = {
  startsOn: 'Closed from',
  startsSession: 'From the',
  endsOn: 'Closed until',
  endsSession: 'Until the end of the',
  reason: 'Reason',
};

export function ClosureForm(props: FormProps<CalendarClosure>) {
  const existing = props.editing.kind === 'change' ? props.editing.item : null;
  const [startsOn, setStartsOn] = useState(existing?.startsOn ?? '');
  const [startsSession, setStartsSession] = useState<string>(existing?.startsSession ?? 'AM');
  const [endsOn, setEndsOn] = useState(existing?.endsOn ?? '');
  const [endsSession, setEndsSession] = useState<string>(existing?.endsSession ?? 'PM');
  const [reason, setReason] = useState(existing?.reason ?? '');
  const submission = useSubmission();
  const base = `/api/schools/${String(props.schoolId)}/closures`;
  const save = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const body: ClosureBody = {
      startsOn,
      startsSession: startsSession as SessionName,
      // A one-day closure needs only its first day.
      endsOn: endsOn === '' ? startsOn : endsOn,
      endsSession: endsSession as SessionName,
      reason,
    };
    const message = existing === null ? `Closure added: ${reason}.` : `Closure saved: ${reason}.`;
    const saved = await submission.submit(
      () =>
        existing === null
          ? callApi('POST', base, { body })
          : callApi('PUT', `${base}/${String(existing.id)}`, { body }),
      message,
    );
    if (saved !== null) props.onSaved(message);
  };
  const error = (field: string) => findFieldError(submission.error, field);
  return (
    <form
      noValidate
      onSubmit={(event) => void save(event)}
      aria-label={existing === null ? 'Add a closure' : 'Change the closure'}
    >
      <ProblemAlert
        error={nameFields(submission.error, closureLabels)}
        title="The closure was not saved"
      />
      <div class="field-row">
        <InputField
          id="closure-starts"
          type="date"
          label="Closed from"
          value={startsOn}
          onInput={setStartsOn}
          error={error('startsOn')}
          required
        />
        <SelectField
          id="closure-starts-session"
          label="From the"
          value={startsSession}
          onChange={setStartsSession}
          options={sessionOptions('morning', 'afternoon')}
          error={error('startsSession')}
        />
      </div>
      <div class="field-row">
        <InputField
          id="closure-ends"
          type="date"
          label="Closed until"
          hint="Leave empty for one day."
          value={endsOn}
          onInput={setEndsOn}
          error={error('endsOn')}
        />
        <SelectField
          id="closure-ends-session"
          label="Until the end of the"
          value={endsSession}
          onChange={setEndsSession}
          options={sessionOptions('morning', 'afternoon')}
          error={error('endsSession')}
        />
      </div>
      <TextAreaField
        id="closure-reason"
        label="Reason"
        hint="For example INSET day, bank holiday, polling station."
        rows={2}
        value={reason}
        onInput={setReason}
        error={error('reason')}
      />
      <FormButtons
        busy={submission.busy}
        isChange={existing !== null}
        what="closure"
        onCancel={props.onCancel}
      />
    </form>
  );
}
