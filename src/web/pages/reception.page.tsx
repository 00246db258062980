import { useState } from 'preact/hooks';
import type { SessionName } from '../../contracts/common.contract.ts';
import type {
  ReceptionSignInResponse,
  ReceptionSignOutResponse,
} from '../../contracts/reception.contract.ts';
import { callApi } from '../api-client.ts';
import { ProblemAlert } from '../components/problem-alert.tsx';
import { useSubmission } from '../components/use-submission.ts';
import { formatPlainDate, isPlainDate, readLondonToday } from '../london-time.ts';
import { afternoonCodes, describeCode, explainLateCode } from '../office/attendance-codes.ts';
import {
  ClassSelect,
  PupilSelect,
  useClassRegister,
  type RegisterRow,
} from '../office/class-pupil-picker.tsx';
import { usePageTitle } from '../page-title.ts';
import type { AppLocation } from '../router.ts';

type Outcome =
  | { readonly kind: 'in'; readonly name: string; readonly answer: ReceptionSignInResponse }
  | { readonly kind: 'out'; readonly name: string; readonly answer: ReceptionSignOutResponse };

/** The reception desk: late arrivals sign in, early leavers sign out. */
export function ReceptionPage(props: { schoolId: number; location: AppLocation }) {
  usePageTitle('Reception desk');
  const requested = props.location.query.get('date');
  const today = readLondonToday();
  const date = isPlainDate(requested) ? requested : today.date;
  const session: SessionName = 'AM';
  const [classId, setClassId] = useState('');
  const [pupilId, setPupilId] = useState('');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const register = useClassRegister(classId, date, session);
  const rows = register.kind === 'loaded' ? register.value.pupils : [];
  const pupil = rows.find((row) => String(row.pupilId) === pupilId);

  return (
    <div class="narrow">
      <h1>Reception desk</h1>
      <p class="lead">
        {formatPlainDate(date)}. Sign pupils in when they arrive late and out when they leave early.
        The time is taken from the server’s clock.
      </p>
      <OutcomePanel outcome={outcome} />
      <section aria-labelledby="choose-pupil">
        <h2 id="choose-pupil">Choose the pupil</h2>
        <ClassSelect
          id="reception-class"
          schoolId={props.schoolId}
          date={date}
          session={session}
          value={classId}
          onChange={(next) => {
            setClassId(next);
            setPupilId('');
          }}
        />
        <PupilSelect
          id="reception-pupil"
          classId={classId}
          register={register}
          value={pupilId}
          onChange={setPupilId}
          describeExtra={(row) => (row.mark === null ? '' : ` – morning mark ${row.mark.code}`)}
        />
      </section>
      {pupil !== undefined && (
        <>
          <SignInForm schoolId={props.schoolId} pupil={pupil} onDone={setOutcome} />
          <SignOutForm schoolId={props.schoolId} pupil={pupil} onDone={setOutcome} />
        </>
      )}
    </div>
  );
}

function OutcomePanel(props: { outcome: Outcome | null }) {
  const { outcome } = props;
  if (outcome === null) return null;
  if (outcome.kind === 'in')
    return (
      <div class="alert alert-success signed-result">
        <p class="alert-title">
          {outcome.name} signed in at {outcome.answer.event.time}
        </p>
        <p>
          The {outcome.answer.session === 'AM' ? 'morning' : 'afternoon'} mark is now{' '}
          <strong>{explainLateCode(outcome.answer.code)}</strong>
        </p>
      </div>
    );
  return (
    <div class="alert alert-success signed-result">
      <p class="alert-title">
        {outcome.name} signed out at {outcome.answer.event.time}
      </p>
      <p>
        {outcome.answer.afternoonCode === null
          ? 'The afternoon mark is left for the afternoon register.'
          : `The afternoon mark is ${describeCode(outcome.answer.afternoonCode)}.`}
      </p>
    </div>
  );
}

function SignInForm(props: {
  schoolId: number;
  pupil: RegisterRow;
  onDone: (outcome: Outcome) => void;
}) {
  const [reason, setReason] = useState('');
  const submission = useSubmission();
  const name = `${props.pupil.firstName} ${props.pupil.lastName}`;
  const handleSubmit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const signedIn = await submission.submit(
      () =>
        callApi<ReceptionSignInResponse>(
          'POST',
          `/api/schools/${String(props.schoolId)}/reception/sign-in`,
          {
            body: {
              pupilId: props.pupil.pupilId,
              ...(reason.trim() === '' ? {} : { reason: reason.trim() }),
            },
          },
        ),
      (answer) => `${name} signed in. Mark ${answer.code}.`,
    );
    if (signedIn === null) return;
    setReason('');
    props.onDone({ kind: 'in', name, answer: signedIn.value });
  };
  return (
    <section aria-labelledby="sign-in-heading">
      <h2 id="sign-in-heading">Late sign-in</h2>
      <form noValidate onSubmit={(event) => void handleSubmit(event)}>
        <ProblemAlert error={submission.error} title={`${name} was not signed in`} />
        <p class="hint">
          Before the register closes the mark is L (late, counts as present); after it, U.
        </p>
        <div class="field">
          <label for="sign-in-reason">Reason for arriving late (optional)</label>
          <input
            type="text"
            id="sign-in-reason"
            value={reason}
            maxLength={500}
            onInput={(event) => {
              setReason(event.currentTarget.value);
            }}
          />
        </div>
        <button type="submit" class="button button-primary" disabled={submission.busy}>
          Sign {name} in
        </button>
      </form>
    </section>
  );
}

function SignOutForm(props: {
  schoolId: number;
  pupil: RegisterRow;
  onDone: (outcome: Outcome) => void;
}) {
  const [reason, setReason] = useState('');
  const [afternoonCode, setAfternoonCode] = useState('');
  const submission = useSubmission();
  const name = `${props.pupil.firstName} ${props.pupil.lastName}`;
  const handleSubmit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const signedOut = await submission.submit(
      () =>
        callApi<ReceptionSignOutResponse>(
          'POST',
          `/api/schools/${String(props.schoolId)}/reception/sign-out`,
          {
            body: {
              pupilId: props.pupil.pupilId,
              reason: reason.trim(),
              ...(afternoonCode === '' ? {} : { afternoonCode }),
            },
          },
        ),
      `${name} signed out.`,
    );
    if (signedOut === null) return;
    setReason('');
    setAfternoonCode('');
    props.onDone({ kind: 'out', name, answer: signedOut.value });
  };
  return (
    <section aria-labelledby="sign-out-heading">
      <h2 id="sign-out-heading">Early sign-out</h2>
      <form noValidate onSubmit={(event) => void handleSubmit(event)}>
        <ProblemAlert error={submission.error} title={`${name} was not signed out`} />
        <div class="field">
          <label for="sign-out-reason">Reason for leaving</label>
          <input
            type="text"
            id="sign-out-reason"
            value={reason}
            maxLength={500}
            required
            onInput={(event) => {
              setReason(event.currentTarget.value);
            }}
          />
        </div>
        <div class="field">
          <label for="sign-out-code">Afternoon code</label>
          <p class="hint" id="sign-out-code-hint">
            Leaving before the afternoon register: the code the afternoon should have. Leave blank
            to let the afternoon register decide.
          </p>
          <select
            id="sign-out-code"
            aria-describedby="sign-out-code-hint"
            value={afternoonCode}
            onChange={(event) => {
              setAfternoonCode(event.currentTarget.value);
            }}
          >
            <option value="">No afternoon code</option>
            {afternoonCodes.map((option) => (
              <option key={option.code} value={option.code}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button" disabled={submission.busy}>
          Sign {name} out
        </button>
      </form>
    </section>
  );
}
