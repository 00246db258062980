import { useEffect, useMemo, useState } from 'preact/hooks';
import type { LessonRegisterResponse } from '../../contracts/lesson.contract.ts';
import type { ClassRegisterResponse } from '../../contracts/register.contract.ts';
import { Link } from '../components/link.tsx';
import { Loading, ResourceFailure } from '../components/resource-failure.tsx';
import {
  describeLessonMark,
  describeRegistrationMark,
  listLessonChoices,
  wasInAtRegistration,
} from '../lesson/lesson-codes.ts';
import {
  applyRecordedEntries,
  countLessonChoices,
  describeLesson,
  listChangedEntries,
  type LessonRow,
} from '../lesson/lesson-register-model.ts';
import { LessonSubmissionStatus } from '../lesson/lesson-submission-status.tsx';
import { useLessonSubmission } from '../lesson/use-lesson-submission.ts';
import { describeSession, formatPlainDate, isPlainDate, readLondonToday } from '../london-time.ts';
import { usePageTitle } from '../page-title.ts';
import { RegisterConflicts } from '../register/register-conflicts.tsx';
import { RegisterSheet } from '../register/register-sheet.tsx';
import { useRegisterMarking } from '../register/use-register-marking.ts';
import type { AppLocation } from '../router.ts';
import { announce } from '../status-announcer.ts';
import { useApiResource } from '../use-api-resource.ts';
import '../lesson/lesson.css';

/** A lesson's register for a day: the class's pupils, one key or tap each, then send. */
export function LessonRegisterPage(props: { lessonId: number; location: AppLocation }) {
  const requested = props.location.query.get('date');
  const date = isPlainDate(requested) ? requested : readLondonToday().date;
  const register = useApiResource<LessonRegisterResponse>(
    `/api/lessons/${String(props.lessonId)}/register?date=${date}`,
  );
  if (register.kind === 'loading') return <Loading what="the lesson register" />;
  if (register.kind === 'failed')
    return <ResourceFailure error={register.error} heading="Lesson register" />;
  return (
    // A fresh form for each lesson and day: nothing carries over from another register.
    <TakeLessonRegister key={`${String(props.lessonId)}-${date}`} register={register.value} />
  );
}

function TakeLessonRegister(props: { register: LessonRegisterResponse }) {
  const { register } = props;
  const { lesson } = register;
  const choicesOffered = useMemo(() => listLessonChoices(), []);
  const [rows, setRows] = useState<readonly LessonRow[]>(register.pupils);
  const {
    choices,
    choose,
    markAllPresent,
    focusIndex,
    focusRequest,
    focusRow,
    formProblem,
    setFormProblem,
    refuseUnmarked,
  } = useRegisterMarking(
    rows,
    () => new Map(register.pupils.map((row) => [row.pupilId, row.mark?.code ?? null])),
    '/',
  );
  const { submission, submit } = useLessonSubmission(lesson.lessonId, register.date);
  const classRegister = useApiResource<ClassRegisterResponse>(
    `/api/classes/${String(lesson.classId)}/register?date=${register.date}&session=${lesson.session}`,
  );
  const className = classRegister.kind === 'loaded' ? classRegister.value.className : null;
  const registrationCodes = useMemo(
    () =>
      classRegister.kind === 'loaded'
        ? new Map(classRegister.value.pupils.map((row) => [row.pupilId, row.mark?.code ?? null]))
        : null,
    [classRegister],
  );
  const title = describeLesson(lesson);
  usePageTitle(`${title} lesson register`);

  useEffect(() => {
    if (submission?.kind === 'sent') {
      // The server has these marks now: the next change is compared with them.
      setRows((current) => applyRecordedEntries(current, submission.marks));
      announce('Saved');
    } else if (submission?.kind === 'conflict') {
      // The marks as they are now: the next sending is compared with them.
      const current = new Map(submission.conflicts.map((c) => [c.pupilId, c.current]));
      setRows((rows) =>
        rows.map((row) =>
          current.has(row.pupilId) ? { ...row, mark: current.get(row.pupilId) ?? null } : row,
        ),
      );
      announce('Not sent: someone else changed some of these marks. Choose which to keep.');
    } else if (submission?.kind === 'waiting' && submission.attempts === 1) {
      announce('Not sent yet — waiting for the connection');
    }
    // Runs once per new state of the submission, not on every render.
  }, [submission]);

  const handleSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    if (refuseUnmarked()) return;
    const entries = listChangedEntries(rows, choices);
    if (entries.length === 0) {
      setFormProblem(null);
      announce('Nothing has changed since this register was saved.');
      return;
    }
    setFormProblem(null);
    submit(entries);
  };

  const counts = countLessonChoices(rows, choices);
  // Until the session's register is taken there is nothing to show beside each pupil.
  const registrationTaken =
    registrationCodes !== null && [...registrationCodes.values()].some((code) => code !== null);
  const describeRow = (row: LessonRow) => {
    if (registrationCodes === null || !registrationTaken) return null;
    const code = registrationCodes.get(row.pupilId) ?? null;
    const chosen = choices.get(row.pupilId) ?? null;
    // Absent from the lesson after being in at registration: the office will want to know.
    const missing = chosen === 'N' && wasInAtRegistration(code);
    return (
      <span class={`registration-note${missing ? ' registration-note-missing' : ''}`}>
        {describeRegistrationMark(lesson.session, code)}
        {missing && <> — {describeLessonMark('N')} from this lesson</>}
      </span>
    );
  };

  return (
    <div class="register-page">
      <p class="breadcrumb">
        <Link href="/">Home</Link>
      </p>
      <h1>
        {title} <span class="subtitle">lesson register</span>
      </h1>
      <p class="lead">
        {className === null ? '' : `${className}, `}
        {formatPlainDate(register.date)}, {lesson.startsAt}–{lesson.endsAt}
      </p>
      <p id="register-keys" class="hint keys-help">
        Keys: <kbd>↑</kbd> <kbd>↓</kbd> or <kbd>j</kbd> <kbd>k</kbd> move between pupils;{' '}
        <kbd>/</kbd> or <kbd>p</kbd> present, <kbd>l</kbd> late, <kbd>n</kbd> or <kbd>a</kbd>{' '}
        absent. Each pupil shows their mark at registration once it has loaded.
      </p>
      <form noValidate onSubmit={handleSubmit} aria-label={`${title} register`}>
        <div class="register-toolbar">
          <button type="button" class="button" onClick={markAllPresent}>
            All present
          </button>
          <p class="register-counts" aria-label="Marks so far">
            {counts.present} present · {counts.late} late · {counts.absent} absent ·{' '}
            {counts.unmarked} not marked
          </p>
        </div>
        {rows.length === 0 && <p>No pupils are on the roll of this class on this day.</p>}
        {registrationCodes !== null && !registrationTaken && (
          <p class="hint">
            The {describeSession(lesson.session)} register is not taken yet, so no registration
            marks are shown.
          </p>
        )}
        {submission?.kind === 'conflict' && (
          <RegisterConflicts
            conflicts={submission.conflicts}
            rows={rows}
            choices={choices}
            onChoose={choose}
          />
        )}
        <RegisterSheet
          rows={rows}
          teacherChoices={choicesOffered}
          choices={choices}
          focusIndex={focusIndex}
          focusRequest={focusRequest}
          onChoose={choose}
          onFocusRow={focusRow}
          describeRow={describeRow}
        />
        {formProblem !== null && (
          <p class="alert alert-error" role="alert">
            {formProblem}
          </p>
        )}
        <div class="register-submit">
          <button
            type="submit"
            class="button button-primary button-large"
            disabled={submission?.kind === 'sending'}
          >
            Send lesson register
          </button>
          <LessonSubmissionStatus submission={submission} rows={rows} />
        </div>
      </form>
    </div>
  );
}
