import { useEffect, useState } from 'preact/hooks';
import type {
  LetterList,
  LetterSent,
  LetterSummary,
  LetterTemplateList,
} from '../../contracts/casework.contract.ts';
import { callApi } from '../api-client.ts';
import { Link } from '../components/link.tsx';
import { ProblemAlert, describeError } from '../components/problem-alert.tsx';
import { Loading } from '../components/resource-failure.tsx';
import { useSubmission } from '../components/use-submission.ts';
import { announce } from '../status-announcer.ts';
import { useKeptResource } from './use-kept-resource.ts';
import { postForPdf } from './pdf-request.ts';

const sentAt = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/London',
});

function describeDelivery(letter: LetterSummary): string {
  if (letter.delivery === 'print') return 'Printed';
  return letter.recipients.length === 0 ? 'Email' : `Email to ${letter.recipients.join(', ')}`;
}

/** Choose a letter, preview its PDF, send it by email or record it printed; the letters sent. */
export function LettersPanel(props: {
  pupilId: number;
  schoolId: number;
  templates: LetterTemplateList;
  csrfToken: string;
  canExportEvidence: boolean;
}) {
  const [reloads, setReloads] = useState(0);
  const letters = useKeptResource<LetterList>(
    `/api/pupils/${String(props.pupilId)}/letters`,
    reloads,
  );
  return (
    <>
      <LetterForm
        {...props}
        onSent={() => {
          setReloads((count) => count + 1);
        }}
      />
      <h3 id="letters-sent">Letters sent</h3>
      {letters.kind === 'loading' && <Loading what="letters" />}
      {letters.kind === 'failed' && (
        <ProblemAlert error={describeError(letters.error)} title="Letters not loaded" />
      )}
      {letters.kind === 'loaded' &&
        (letters.value.letters.length === 0 ? (
          <p>No letters sent yet.</p>
        ) : (
          <table class="data-table" aria-labelledby="letters-sent">
            <thead>
              <tr>
                <th scope="col">Letter</th>
                <th scope="col">Sent</th>
                <th scope="col">By</th>
                <th scope="col">How</th>
                <th scope="col">Copy</th>
              </tr>
            </thead>
            <tbody>
              {[...letters.value.letters].reverse().map((letter) => (
                <tr key={letter.id}>
                  <th scope="row">{letter.title}</th>
                  <td>{sentAt.format(new Date(letter.sentAt))}</td>
                  <td>{letter.sentBy.name}</td>
                  <td>{describeDelivery(letter)}</td>
                  <td>
                    <a
                      href={`/api/letters/${String(letter.id)}/pdf`}
                      target="_blank"
                      rel="noopener"
                    >
                      PDF of {letter.title}, {sentAt.format(new Date(letter.sentAt))}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      {props.canExportEvidence && (
        <p>
          <a
            href={`/api/pupils/${String(props.pupilId)}/evidence-bundle`}
            target="_blank"
            rel="noopener"
          >
            Download the evidence bundle (PDF)
          </a>{' '}
          <span class="hint">
            Attendance, letters, calls, reports and the audit trail in date order, with the
            registration certificate, for a referral.
          </span>
        </p>
      )}
      <p>
        <Link href={`/letter-templates?school=${String(props.schoolId)}`}>
          The school’s letter wording
        </Link>
      </p>
    </>
  );
}

function LetterForm(props: {
  pupilId: number;
  templates: LetterTemplateList;
  csrfToken: string;
  onSent: () => void;
}) {
  const { templates, placeholders } = props.templates;
  const [kind, setKind] = useState(templates[0]?.kind ?? 'request-for-reasons');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [delivery, setDelivery] = useState<'email' | 'print'>('email');
  const [preview, setPreview] = useState<{ url: string; title: string } | null>(null);
  const submission = useSubmission();
  const template = templates.find((candidate) => candidate.kind === kind);
  const needed = template?.fieldsNeeded ?? [];
  const body = {
    kind,
    fields: Object.fromEntries(needed.map((name) => [name, (fields[name] ?? '').trim()])),
  };

  // A preview's blob: URL holds the PDF in memory until it is let go.
  useEffect(
    () => () => {
      if (preview !== null) URL.revokeObjectURL(preview.url);
    },
    [preview],
  );

  // The preview is announced but not shown as sent: the success box is for letters sent.
  const showPreview = async (): Promise<void> => {
    const pdf = await submission.submit(
      () =>
        postForPdf(`/api/pupils/${String(props.pupilId)}/letters/preview`, body, props.csrfToken),
      null,
    );
    if (pdf === null) return;
    setPreview({ url: URL.createObjectURL(pdf.value), title: template?.title ?? kind });
    announce('Preview ready.');
  };

  const send = async (): Promise<void> => {
    const sent = await submission.submit(
      () =>
        callApi<LetterSent>('POST', `/api/pupils/${String(props.pupilId)}/letters`, {
          body: { ...body, delivery },
        }),
      ({ letter }) =>
        letter.delivery === 'print'
          ? `${letter.title} recorded as printed.`
          : `${letter.title} queued by email to ${letter.recipients.join(', ')}.`,
    );
    if (sent !== null) props.onSent();
  };

  return (
    <form
      class="case-form letter-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      <ProblemAlert error={submission.error} title="The letter was not produced" />
      {submission.done !== null && <p class="alert alert-success">{submission.done}</p>}
      <div class="field">
        <label for="letter-kind">Letter</label>
        <select
          id="letter-kind"
          value={kind}
          onChange={(event) => {
            setKind(event.currentTarget.value as typeof kind);
            setPreview(null);
          }}
        >
          {templates.map((candidate) => (
            <option key={candidate.kind} value={candidate.kind}>
              {candidate.title}
            </option>
          ))}
        </select>
      </div>
      {needed.map((name) => (
        <div class="field" key={name}>
          <label for={`letter-field-${name}`}>
            {placeholders.find((placeholder) => placeholder.name === name)?.description ?? name}
          </label>
          <input
            type="text"
            id={`letter-field-${name}`}
            value={fields[name] ?? ''}
            onInput={(event) => {
              const value = event.currentTarget.value;
              setFields((previous) => ({ ...previous, [name]: value }));
            }}
          />
        </div>
      ))}
      <fieldset class="field">
        <legend>How to send it</legend>
        <label class="choice">
          <input
            type="radio"
            name="letter-delivery"
            checked={delivery === 'email'}
            onChange={() => {
              setDelivery('email');
            }}
          />{' '}
          Email to the parents, with the PDF attached
        </label>
        <label class="choice">
          <input
            type="radio"
            name="letter-delivery"
            checked={delivery === 'print'}
            onChange={() => {
              setDelivery('print');
            }}
          />{' '}
          Print it: record it as printed and posted or handed over
        </label>
      </fieldset>
      <div class="button-row">
        <button
          type="button"
          class="button"
          disabled={submission.busy}
          onClick={() => void showPreview()}
        >
          Preview letter
        </button>
        <button type="submit" class="button button-primary" disabled={submission.busy}>
          {submission.busy ? 'Working…' : 'Send letter'}
        </button>
      </div>
      {preview !== null && (
        <div class="letter-preview">
          <p>
            <a href={preview.url} target="_blank" rel="noopener">
              Open the preview of {preview.title} (PDF)
            </a>
          </p>
          <iframe src={preview.url} title={`Preview of ${preview.title}`} />
        </div>
      )}
    </form>
  );
}
