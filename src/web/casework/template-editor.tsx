import { useState } from 'preact/hooks';
import type { LetterTemplate } from '../../contracts/casework.contract.ts';
import { callApi } from '../api-client.ts';
import { ProblemAlert } from '../components/problem-alert.tsx';
import { useSubmission } from '../components/use-submission.ts';

/**
 * One kind of letter's wording: its title, email subject and body with {{placeholders}}. Those
 * who may change it save their own wording or return to the shipped default; others read it.
 */
export function TemplateEditor(props: {
  schoolId: number;
  template: LetterTemplate;
  canEdit: boolean;
  onSaved: (message: string) => void;
}) {
  const { template } = props;
  const [title, setTitle] = useState(template.title);
  const [emailSubject, setEmailSubject] = useState(template.emailSubject);
  const [body, setBody] = useState(template.body);
  const submission = useSubmission();
  const url = `/api/schools/${String(props.schoolId)}/letter-templates/${template.kind}`;

  const run = async (work: () => Promise<unknown>, message: string): Promise<void> => {
    if ((await submission.submit(work, message)) !== null) props.onSaved(message);
  };

  const save = () =>
    run(
      () => callApi<undefined>('PUT', url, { body: { title, emailSubject, body } }),
      `The school’s wording of “${title}” is saved.`,
    );
  const reset = () =>
    run(
      () => callApi<undefined>('DELETE', url),
      `“${template.title}” is back to the default wording.`,
    );

  return (
    <form
      class="case-form template-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h2 id="template-heading">
        {template.title}{' '}
        <span class="tag">{template.customised ? 'School’s own wording' : 'Default wording'}</span>
      </h2>
      <ProblemAlert error={submission.error} title="The wording was not saved" />
      {!props.canEdit && (
        <p class="hint">
          Administrators, headteachers and attendance leads change the wording; you can read it
          here.
        </p>
      )}
      {template.fieldsNeeded.length > 0 && (
        <p class="hint">When sending, staff fill in: {template.fieldsNeeded.join(', ')}.</p>
      )}
      <div class="field">
        <label for="template-title">Letter title</label>
        <input
          type="text"
          id="template-title"
          value={title}
          readOnly={!props.canEdit}
          maxLength={200}
          onInput={(event) => {
            setTitle(event.currentTarget.value);
          }}
        />
      </div>
      <div class="field">
        <label for="template-subject">Email subject</label>
        <input
          type="text"
          id="template-subject"
          value={emailSubject}
          readOnly={!props.canEdit}
          maxLength={200}
          onInput={(event) => {
            setEmailSubject(event.currentTarget.value);
          }}
        />
      </div>
      <div class="field">
        <label for="template-body">Wording</label>
        <p class="hint" id="template-body-hint">
          Write placeholders in double braces, e.g. {'{{pupil.firstName}}'}; the list is below.
        </p>
        <textarea
          id="template-body"
          class="template-body"
          rows={18}
          aria-describedby="template-body-hint"
          readOnly={!props.canEdit}
          value={body}
          onInput={(event) => {
            setBody(event.currentTarget.value);
          }}
        />
      </div>
      {props.canEdit && (
        <div class="button-row">
          <button type="submit" class="button button-primary" disabled={submission.busy}>
            Save wording
          </button>
          {template.customised && (
            <button
              type="button"
              class="button"
              disabled={submission.busy}
              onClick={() => void reset()}
            >
              Return to the default wording
            </button>
          )}
        </div>
      )}
    </form>
  );
}
