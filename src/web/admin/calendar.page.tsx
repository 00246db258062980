import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { SchoolCalendarResponse } from '../../contracts/school-admin.contract.ts';
import { callApi } from '../api-client.ts';
import { ProblemAlert, describeError, type ShownError } from '../components/problem-alert.tsx';
import { Loading, ResourceFailure } from '../components/resource-failure.tsx';
import { usePageTitle } from '../page-title.ts';
import type { AppLocation } from '../router.ts';
import type { Session } from '../session.ts';
import { announce } from '../status-announcer.ts';
import { useApiResource } from '../use-api-resource.ts';
import { AdminNav, AdminSchool } from './admin-school.tsx';
import {
  AcademicYearForm,
  ClosureForm,
  TermForm,
  type CalendarClosure,
  type CalendarTerm,
  type CalendarYear,
  type Editing,
} from './calendar-forms.tsx';

const heading = 'School calendar';

const shortDate = new Intl.DateTimeFormat('en-GB', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

function formatDay(date: string): string {
  return shortDate.format(new Date(`${date}T00:00:00Z`)).replace(',', '');
}

function describeClosureSpan(closure: CalendarClosure): string {
  const from = `${formatDay(closure.startsOn)}${closure.startsSession === 'PM' ? ' (afternoon)' : ''}`;
  if (closure.startsOn === closure.endsOn)
    return closure.startsSession === closure.endsSession
      ? `${formatDay(closure.startsOn)} (${closure.startsSession === 'AM' ? 'morning' : 'afternoon'} only)`
      : formatDay(closure.startsOn);
  const to = `${formatDay(closure.endsOn)}${closure.endsSession === 'AM' ? ' (morning)' : ''}`;
  return `${from} to ${to}`;
}

/** Academic years with their terms, and closures: list, add, change, remove. */
export function CalendarPage(props: { location: AppLocation; session: Session }) {
  usePageTitle(heading);
  return (
    <AdminSchool location={props.location} session={props.session} heading={heading}>
      {(schoolId) => <SchoolCalendar key={schoolId} schoolId={schoolId} />}
    </AdminSchool>
  );
}

type Editor =
  | { readonly what: 'year'; readonly editing: Editing<CalendarYear> }
  | { readonly what: 'term'; readonly editing: Editing<CalendarTerm> }
  | { readonly what: 'closure'; readonly editing: Editing<CalendarClosure> };

function SchoolCalendar(props: { schoolId: number }) {
  const [reloadKey, setReloadKey] = useState(0);
  const calendar = useApiResource<SchoolCalendarResponse>(
    `/api/schools/${String(props.schoolId)}/calendar`,
    reloadKey,
  );
  const [changing, setChanging] = useState<Editor | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [removalError, setRemovalError] = useState<ShownError | null>(null);

  const afterChange = (done: string): void => {
    setMessage(done);
    setRemovalError(null);
    setChanging(null);
    setReloadKey((key) => key + 1);
  };
  const remove = async (path: string, done: string): Promise<void> => {
    setMessage(null);
    setRemovalError(null);
    try {
      await callApi('DELETE', `/api/schools/${String(props.schoolId)}${path}`);
      announce(done);
      afterChange(done);
    } catch (failure) {
      setRemovalError(describeError(failure));
    }
  };
  const startChange = (editor: Editor): void => {
    setMessage(null);
    setChanging(editor);
  };

  if (calendar.kind === 'failed')
    return <ResourceFailure error={calendar.error} heading={heading} />;
  const years = calendar.kind === 'loaded' ? calendar.value.academicYears : [];
  const formKey = `${String(reloadKey)}-${changing === null ? 'add' : JSON.stringify(changing)}`;
  const shared = {
    schoolId: props.schoolId,
    onSaved: afterChange,
    onCancel: () => {
      setChanging(null);
    },
  };
  return (
    <div>
      <h1>{heading}</h1>
      <AdminNav current="/admin/calendar" schoolId={props.schoolId} />
      <p class="lead">
        Registers are taken on weekdays inside a term, except on closures. A term lies inside its
        academic year and overlaps no other; a closure lies inside one term.
      </p>
      {message !== null && <p class="alert alert-success">{message}</p>}
      <ProblemAlert error={removalError} title="Nothing was removed" />
      {calendar.kind === 'loading' && <Loading what="the calendar" />}
      {calendar.kind === 'loaded' && (
        <>
          <section class="admin-section" aria-labelledby="years-heading">
            <h2 id="years-heading">Academic years and terms</h2>
            {years.length === 0 && <p>No academic years yet. Add the first one below.</p>}
            {years.map((year) => (
              <YearBlock
                key={year.id}
                year={year}
                onChange={startChange}
                onRemove={(path, done) => void remove(path, done)}
              />
            ))}
            {changing?.what === 'year' && changing.editing.kind === 'change' ? (
              <>
                <h3>Change academic year {changing.editing.item.name}</h3>
                <AcademicYearForm key={formKey} {...shared} editing={changing.editing} />
              </>
            ) : (
              <details class="admin-add">
                <summary>Add an academic year</summary>
                <AcademicYearForm key={formKey} {...shared} editing={{ kind: 'add' }} />
              </details>
            )}
            {changing?.what === 'term' && changing.editing.kind === 'change' ? (
              <>
                <h3>Change term {changing.editing.item.name}</h3>
                <TermForm key={formKey} {...shared} years={years} editing={changing.editing} />
              </>
            ) : (
              years.length > 0 && (
                <details class="admin-add">
                  <summary>Add a term</summary>
                  <TermForm key={formKey} {...shared} years={years} editing={{ kind: 'add' }} />
                </details>
              )
            )}
          </section>
          <ClosuresSection
            closures={calendar.value.closures}
            onChange={startChange}
            onRemove={(path, done) => void remove(path, done)}
          >
            {changing?.what === 'closure' && changing.editing.kind === 'change' ? (
              <>
                <h3>Change the closure</h3>
                <ClosureForm key={formKey} {...shared} editing={changing.editing} />
              </>
            ) : (
              <>
                <h3>Add a closure</h3>
                <ClosureForm key={formKey} {...shared} editing={{ kind: 'add' }} />
              </>
            )}
          </ClosuresSection>
        </>
      )}
    </div>
  );
}

/** A Remove button that asks once more before removing, naming what goes. */
function RemoveButton(props: { what: string; onConfirm: () => void }) {
  const [asking, setAsking] = useState(false);
  if (!asking)
    return (
      <button
        type="button"
        class="button button-small"
        onClick={() => {
          setAsking(true);
        }}
      >
        Remove <span class="visually-hidden">{props.what}</span>
      </button>
    );
  return (
    <span class="confirm-removal" role="group" aria-label={`Remove ${props.what}?`}>
      <button
        type="button"
        class="button button-small button-primary"
        onClick={() => {
          setAsking(false);
          props.onConfirm();
        }}
      >
        Yes, remove {props.what}
      </button>{' '}
      <button
        type="button"
        class="button button-small"
        onClick={() => {
          setAsking(false);
        }}
      >
        Keep it
      </button>
    </span>
  );
}

function ChangeButton(props: { what: string; onClick: () => void }) {
  return (
    <button type="button" class="button button-small" onClick={props.onClick}>
      Change <span class="visually-hidden">{props.what}</span>
    </button>
  );
}

type RemoveHandler = (path: string, done: string) => void;

function YearBlock(props: {
  year: CalendarYear;
  onChange: (editor: Editor) => void;
  onRemove: RemoveHandler;
}) {
  const { year } = props;
  const captionId = `year-${String(year.id)}`;
  return (
    <div class="admin-year">
      <h3 id={captionId}>
        {year.name}{' '}
        <span class="subtitle">
          {formatDay(year.startsOn)} to {formatDay(year.endsOn)}
        </span>
      </h3>
      <div class="row-actions">
        <ChangeButton
          what={`academic year ${year.name}`}
          onClick={() => {
            props.onChange({ what: 'year', editing: { kind: 'change', item: year } });
          }}
        />
        <RemoveButton
          what={`academic year ${year.name}`}
          onConfirm={() => {
            props.onRemove(
              `/academic-years/${String(year.id)}`,
              `Academic year ${year.name} removed.`,
            );
          }}
        />
      </div>
      {year.terms.length === 0 ? (
        <p>No terms yet.</p>
      ) : (
        <table class="data-table" aria-labelledby={captionId}>
          <thead>
            <tr>
              <th scope="col">Term</th>
              <th scope="col">First day</th>
              <th scope="col">Last day</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {year.terms.map((term) => (
              <tr key={term.id}>
                <th scope="row">{term.name}</th>
                <td>{formatDay(term.startsOn)}</td>
                <td>{formatDay(term.endsOn)}</td>
                <td class="row-actions">
                  <ChangeButton
                    what={`term ${term.name}`}
                    onClick={() => {
                      props.onChange({ what: 'term', editing: { kind: 'change', item: term } });
                    }}
                  />
                  <RemoveButton
                    what={`term ${term.name}`}
                    onConfirm={() => {
                      props.onRemove(`/terms/${String(term.id)}`, `Term ${term.name} removed.`);
                    }}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function ClosuresSection(props: {
  closures: readonly CalendarClosure[];
  onChange: (editor: Editor) => void;
  onRemove: RemoveHandler;
  children: ComponentChildren;
}) {
  return (
    <section class="admin-section" aria-labelledby="closures-heading">
      <h2 id="closures-heading">Closures</h2>
      <p>INSET days, bank holidays and other days or sessions the school is closed in term.</p>
      {props.closures.length === 0 ? (
        <p>No closures yet.</p>
      ) : (
        <table class="data-table" aria-labelledby="closures-heading">
          <thead>
            <tr>
              <th scope="col">Closed</th>
              <th scope="col">Reason</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {props.closures.map((closure) => {
              const what = `closure ${closure.reason} on ${formatDay(closure.startsOn)}`;
              return (
                <tr key={closure.id}>
                  <td>{describeClosureSpan(closure)}</td>
                  <td>{closure.reason}</td>
                  <td class="row-actions">
                    <ChangeButton
                      what={what}
                      onClick={() => {
                        props.onChange({
                          what: 'closure',
                          editing: { kind: 'change', item: closure },
                        });
                      }}
                    />
                    <RemoveButton
                      what={what}
                      onConfirm={() => {
                        props.onRemove(
                          `/closures/${String(closure.id)}`,
                          `Closure ${closure.reason} removed.`,
                        );
                      }}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {props.children}
    </section>
  );
}
