import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { SessionName } from '../../contracts/common.contract.ts';
import type { ClassRegisterResponse } from '../../contracts/register.contract.ts';
import { Link } from '../components/link.tsx';
import { Loading, ResourceFailure } from '../components/resource-failure.tsx';
import {
  describeSession,
  formatPlainDate,
  isPlainDate,
  isSessionName,
  readLondonToday,
} from '../london-time.ts';
import { usePageTitle } from '../page-title.ts';
import { listTeacherChoices } from '../register/register-codes.ts';
import { createIdempotencyKey, type SubmissionState } from '../register/register-outbox.ts';
import { RegisterConflicts } from '../register/register-conflicts.tsx';
import { RegisterSheet, type RegisterRow } from '../register/register-sheet.tsx';
import { SubmissionStatus } from '../register/submission-status.tsx';
import { useRegisterMarking } from '../register/use-register-marking.ts';
import { useRegisterOutbox } from '../register/use-register-outbox.ts';
import type { AppLocation } from '../router.ts';
import type { Session } from '../session.ts';
import { announce } from '../status-announcer.ts';
import { useApiResource } from '../use-api-resource.ts';

export function RegisterPage(props: { classId: number; location: AppLocation; session: Session }) {
  const today = readLondonToday();
  const requestedDate = props.location.query.get('date');
  const requestedSession = props.location.query.get('session');
  const date = isPlainDate(requestedDate) ? requestedDate : today.date;
  const session = isSessionName(requestedSession) ? requestedSession : today.session;
  const register = useApiResource<ClassRegisterResponse>(
    `/api/classes/${String(props.classId)}/register?date=${date}&session=${session}`,
  );
  if (register.kind === 'loading') {
    return <Loading what="the register" />;
  }
  if (register.kind === 'failed') {
    return <ResourceFailure error={register.error} heading="Register" />;
  }
  return (
    <TakeRegister
      // A fresh form for each register: nothing carries over from another class or session.
      key={`${String(props.classId)}-${date}-${session}`}
      register={register.value}
      session={session}
      userId={props.session.user.id}
    />
  );
}

function TakeRegister(props: {
  register: ClassRegisterResponse;
  session: SessionName;
  userId: number;
}) {
  const { register, session } = props;
  const outbox = useRegisterOutbox();
  const submission = outbox.findState(register.classId, register.date, session);
  const teacherChoices = useMemo(() => listTeacherChoices(session), [session]);
  const [rows, setRows] = useState<readonly RegisterRow[]>(register.pupils);
  const [reason, setReason] = useState('');
  const reasonRef = useRef<HTMLInputElement>(null);
  const sessionWords = describeSession(session);
  usePageTitle(`${register.className} ${sessionWords} register`);

  useSubmissionEffects(submission, setRows);

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
    () => readInitialChoices(register.pupils, submission),
    teacherChoices[0]?.code ?? '/',
  );
  const changes = rows.filter((row) => {
    const chosen = choices.get(row.pupilId) ?? null;
    return chosen !== null && chosen !== (row.mark?.code ?? null);
  });
  const changesRecordedMarks = changes.some((row) => row.mark !== null);

  const handleSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    if (refuseUnmarked()) return;
    if (changes.length === 0) {
      setFormProblem(null);
      announce('Nothing has changed since this register was sent.');
      return;
    }
    if (changesRecordedMarks && reason.trim() === '') {
      setFormProblem('Say why you are changing marks that were already recorded.');
      reasonRef.current?.focus();
      return;
    }
    setFormProblem(null);
    outbox.submit({
      key: createIdempotencyKey(),
      userId: props.userId,
      classId: register.classId,
      className: register.className,
      request: {
        date: register.date,
        session,
        entries: changes.map((row) => ({
          pupilId: row.pupilId,
          code: choices.get(row.pupilId) ?? '',
          expectedVersion: row.mark?.version ?? null,
        })),
        ...(changesRecordedMarks ? { reason: reason.trim() } : {}),
      },
      savedAt: new Date().toISOString(),
    });
  };

  const counts = countChoices(
    rows,
    choices,
    teacherChoices.map((choice) => choice.code),
  );

  return (
    <div class="register-page">
      <p class="breadcrumb">
        <Link href="/">Home</Link>
      </p>
      <h1>
        {register.className} <span class="subtitle">{sessionWords} register</span>
      </h1>
      <p class="lead">{formatPlainDate(register.date)}</p>
      <p id="register-keys" class="hint keys-help">
        Keys: <kbd>↑</kbd> <kbd>↓</kbd> or <kbd>j</kbd> <kbd>k</kbd> move between pupils;{' '}
        <kbd>/</kbd> or <kbd>p</kbd> present, <kbd>l</kbd> late, <kbd>n</kbd> or <kbd>a</kbd>{' '}
        absent, <kbd>u</kbd> late after close, <kbd>r</kbd> the reason a parent reported.
      </p>
      <form noValidate onSubmit={handleSubmit} aria-label={`${register.className} register`}>
        <div class="register-toolbar">
          <button type="button" class="button" onClick={markAllPresent}>
            All present
          </button>
          <p class="register-counts" aria-label="Marks so far">
            {counts.present} present · {counts.late} late · {counts.absent} absent ·{' '}
            {counts.unmarked} not marked
          </p>
        </div>
        {submission?.kind === 'conflict' && (
          <RegisterConflicts
            conflicts={submission.problem.conflicts}
            rows={rows}
            choices={choices}
            onChoose={choose}
          />
        )}
        <RegisterSheet
          rows={rows}
          teacherChoices={teacherChoices}
          choices={choices}
          focusIndex={focusIndex}
          focusRequest={focusRequest}
          onChoose={choose}
          onFocusRow={focusRow}
        />
        {changesRecordedMarks && (
          <div class="field">
            <label for="change-reason">Why are you changing marks already recorded?</label>
            <input
              id="change-reason"
              ref={reasonRef}
              value={reason}
              onInput={(event) => {
                setReason(event.currentTarget.value);
              }}
            />
          </div>
        )}
        {formProblem !== null && (
          <p class="alert alert-error" role="alert">
            {formProblem}
          </p>
        )}
        <div class="register-submit">
          <button type="submit" class="button button-primary button-large">
            Send register
          </button>
          <SubmissionStatus submission={submission} rows={rows} />
        </div>
      </form>
    </div>
  );
}

/** The server's marks, a parent's suggested code, or marks still waiting on this device. */
function readInitialChoices(
  pupils: readonly RegisterRow[],
  submission: SubmissionState | undefined,
): Map<number, string | null> {
  const choices = new Map<number, string | null>(
    pupils.map((row) => [row.pupilId, row.mark?.code ?? row.absenceReport?.suggestedCode ?? null]),
  );
  if (submission !== undefined && submission.kind !== 'sent') {
    for (const entry of submission.pending.request.entries) choices.set(entry.pupilId, entry.code);
  }
  return choices;
}

/**
 * Keeps rows in step with what the server last said: after "Sent" the new versions, and on a
 * conflict the marks as they are now, so the next submission names the right versions.
 */
function useSubmissionEffects(
  submission: SubmissionState | undefined,
  setRows: (update: (rows: readonly RegisterRow[]) => readonly RegisterRow[]) => void,
): void {
  const kind = submission?.kind;
  const answer =
    submission?.kind === 'sent'
      ? submission.response
      : submission?.kind === 'conflict'
        ? submission.problem
        : submission?.kind === 'waiting'
          ? submission.attempts
          : null;
  useEffect(() => {
    if (submission === undefined) return;
    switch (submission.kind) {
      case 'sent': {
        const marks = new Map(submission.response.marks.map((mark) => [mark.pupilId, mark]));
        setRows((rows) =>
          rows.map((row) => {
            const mark = marks.get(row.pupilId);
            return mark === undefined
              ? row
              : { ...row, mark: { markId: mark.markId, code: mark.code, version: mark.version } };
          }),
        );
        announce('Sent');
        return;
      }
      case 'conflict': {
        const current = new Map(
          submission.problem.conflicts.map((conflict) => [conflict.pupilId, conflict.current]),
        );
        setRows((rows) =>
          rows.map((row) =>
            current.has(row.pupilId) ? { ...row, mark: current.get(row.pupilId) ?? null } : row,
          ),
        );
        announce('Not sent: someone else changed some of these marks. Choose which to keep.');
        return;
      }
      case 'waiting':
        if (submission.attempts === 1) announce('Saved on this device — waiting to send');
        return;
      case 'failed':
        announce(`Not sent: ${submission.error.detail}`);
        return;
      case 'sending':
        return;
    }
    // Keyed on the answer, so it runs once per answer rather than on every render.
  }, [kind, answer]);
}

function countChoices(
  rows: readonly RegisterRow[],
  choices: ReadonlyMap<number, string | null>,
  teacherCodes: readonly string[],
): { present: number; late: number; absent: number; unmarked: number } {
  const counts = { present: 0, late: 0, absent: 0, unmarked: 0 };
  for (const row of rows) {
    const code = choices.get(row.pupilId) ?? null;
    if (code === null) counts.unmarked += 1;
    else if (code === teacherCodes[0]) counts.present += 1;
    else if (code === 'L' || code === 'U') counts.late += 1;
    else counts.absent += 1;
  }
  return counts;
}
