import { useState } from 'preact/hooks';
import type { LetterheadResponse, LetterTemplateList } from '../../contracts/casework.contract.ts';
import { LetterheadForm } from '../casework/letterhead-form.tsx';
import { SchoolChoice } from '../casework/school-choice.tsx';
import { TemplateEditor } from '../casework/template-editor.tsx';
import { useKeptResource } from '../casework/use-kept-resource.ts';
import { chooseSchoolId } from '../charts/format-figures.ts';
import { Link } from '../components/link.tsx';
import { ProblemAlert, describeError } from '../components/problem-alert.tsx';
import { Loading, ResourceFailure } from '../components/resource-failure.tsx';
import { usePageTitle } from '../page-title.ts';
import type { AppLocation } from '../router.ts';
import { schoolIdOf, type Session } from '../session.ts';
import { useApiResource } from '../use-api-resource.ts';
import '../casework/casework.css';

const title = 'Letter templates';

/**
 * The school's wording of each kind of letter and its letterhead. Administrators, headteachers
 * and attendance leads edit the wording; administrators the letterhead.
 */
export function LetterTemplatesPage(props: { location: AppLocation; session: Session }) {
  const schoolId = chooseSchoolId(props.location.query, schoolIdOf(props.session));
  if (schoolId === null)
    return <SchoolChoice session={props.session} path="/letter-templates" title={title} />;
  return <TemplatesForSchool key={schoolId} schoolId={schoolId} session={props.session} />;
}

function TemplatesForSchool(props: { schoolId: number; session: Session }) {
  usePageTitle(title);
  const [reloads, setReloads] = useState(0);
  const [saved, setSaved] = useState<string | null>(null);
  const templates = useKeptResource<LetterTemplateList>(
    `/api/schools/${String(props.schoolId)}/letter-templates`,
    reloads,
  );
  const letterhead = useApiResource<LetterheadResponse>(
    templates.kind === 'loaded' ? `/api/schools/${String(props.schoolId)}/letterhead` : null,
  );
  const [kind, setKind] = useState<string | null>(null);
  // The wording belongs to those who answer for the letters; the letterhead is the school's
  // own details, set up by an administrator with the rest of them.
  const canEditWording = props.session.capabilities.includes('manage-letter-templates');
  const canEditLetterhead = props.session.capabilities.includes('manage-school');
  if (templates.kind === 'loading') return <Loading what="the letter templates" />;
  if (templates.kind === 'failed')
    return <ResourceFailure error={templates.error} heading={title} />;
  const list = templates.value;
  const chosen =
    list.templates.find((template) => template.kind === kind) ?? list.templates[0] ?? null;
  return (
    <div class="casework">
      <p class="breadcrumb">
        <Link href="/">Home</Link> › {title}
      </p>
      <h1>{title}</h1>
      <p class="lead">
        The wording of each letter the school sends. Letters are made from it when they are
        previewed or sent; letters already sent keep the wording they had.
      </p>
      <div class="field">
        <label for="template-kind">Letter</label>
        <select
          id="template-kind"
          value={chosen?.kind ?? ''}
          onChange={(event) => {
            setKind(event.currentTarget.value);
            setSaved(null);
          }}
        >
          {list.templates.map((template) => (
            <option key={template.kind} value={template.kind}>
              {template.title}
              {template.customised ? ' (school’s own wording)' : ''}
            </option>
          ))}
        </select>
      </div>
      {saved !== null && <p class="alert alert-success">{saved}</p>}
      {chosen !== null && (
        <TemplateEditor
          key={`${chosen.kind}-${chosen.updatedAt ?? 'default'}`}
          schoolId={props.schoolId}
          template={chosen}
          canEdit={canEditWording}
          onSaved={(message) => {
            setSaved(message);
            setReloads((count) => count + 1);
          }}
        />
      )}
      <details class="placeholders">
        <summary>Placeholders a letter may use</summary>
        <dl>
          {list.placeholders.map((placeholder) => (
            <div key={placeholder.name}>
              <dt>
                <code>{`{{${placeholder.name}}}`}</code>
              </dt>
              <dd>{placeholder.description}</dd>
            </div>
          ))}
        </dl>
      </details>
      <section aria-labelledby="letterhead-heading">
        <h2 id="letterhead-heading">Letterhead</h2>
        {letterhead.kind === 'loading' && <Loading what="the letterhead" />}
        {letterhead.kind === 'failed' && (
          <ProblemAlert error={describeError(letterhead.error)} title="Letterhead not loaded" />
        )}
        {letterhead.kind === 'loaded' && (
          <>
            {!canEditLetterhead && (
              <p class="hint">
                An administrator sets the letterhead with the school’s details; you can read it
                here.
              </p>
            )}
            <LetterheadForm letterhead={letterhead.value} canEdit={canEditLetterhead} />
          </>
        )}
      </section>
    </div>
  );
}
