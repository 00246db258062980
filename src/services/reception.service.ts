import type { IsoDate } from '../domain/calendar/plain-date.ts';
import { schoolDayIndex, type SessionName } from '../domain/calendar/school-calendar.ts';
import {
  codeForArrival,
  explainInvalidCode,
  sessionAt,
} from '../domain/register/register-rules.ts';
import { err, ok, type Result } from '../domain/result.ts';
import { recordSessionMarks, type RecordSessionMarksError } from '../store/mark.repository.ts';
import { listRoll } from '../store/pupil.repository.ts';
import { recordSignEvent, type SignEvent } from '../store/sign-event.repository.ts';
import { runAtomically, type Executor } from '../store/transaction.ts';
import type { Clock } from './clock.ts';
import { londonWallClock } from './london-time.ts';
import { loadSchoolCalendar, type SchoolCalendarError } from './school-calendar.service.ts';

export interface ReceptionDeps {
  readonly db: Executor;
  readonly clock: Clock;
}

export type ReceptionError =
  | SchoolCalendarError
  | { readonly kind: 'not-a-school-day'; readonly date: IsoDate }
  | { readonly kind: 'not-on-roll'; readonly pupilIds: readonly number[] }
  | { readonly kind: 'invalid-code'; readonly code: string; readonly message: string }
  | RecordSessionMarksError;

export interface SignedIn {
  readonly event: SignEvent;
  readonly session: SessionName;
  /** L when the pupil arrived before the register closed, U after; / or \ before it opened. */
  readonly code: string;
}

async function findEnrolment(
  db: Executor,
  schoolId: number,
  pupilId: number,
  date: IsoDate,
): Promise<number | undefined> {
  const roll = await listRoll(db, { schoolId, date });
  return roll.find((entry) => entry.pupilId === pupilId)?.enrolmentId;
}

/**
 * A late arrival signs in at reception: the school's register times decide L or U for the
 * session, which replaces whatever the register held (usually N), with the time as the reason.
 */
export async function signInLate(
  deps: ReceptionDeps,
  input: {
    readonly schoolId: number;
    readonly pupilId: number;
    readonly recordedBy: number;
    readonly reason: string | null;
  },
): Promise<Result<SignedIn, ReceptionError>> {
  const at = deps.clock.now();
  const { date, time } = londonWallClock(at);
  const loaded = await loadSchoolCalendar(deps.db, input.schoolId);
  if (!loaded.ok) return loaded;
  if (schoolDayIndex(loaded.value.calendar, date) < 0)
    return err({ kind: 'not-a-school-day', date });
  const enrolmentId = await findEnrolment(deps.db, input.schoolId, input.pupilId, date);
  if (enrolmentId === undefined) return err({ kind: 'not-on-roll', pupilIds: [input.pupilId] });
  const times = loaded.value.school.registerTimes;
  const session = sessionAt(times, time);
  const code = codeForArrival(times, session, time);
  const late =
    code === 'L'
      ? 'before the register closed'
      : code === 'U'
        ? 'after the register closed'
        : 'before the register opened';
  return runAtomically<SignedIn, ReceptionError>(deps.db, async (trx) => {
    const recorded = await recordSessionMarks(trx, {
      schoolId: input.schoolId,
      date,
      session,
      entries: [{ pupilId: input.pupilId, enrolmentId, code }],
      recordedBy: input.recordedBy,
      source: 'reception',
      reason: `signed in at reception at ${time}, ${late}${input.reason ? `: ${input.reason}` : ''}`,
      at,
    });
    if (!recorded.ok) return recorded;
    const event = await recordSignEvent(trx, {
      schoolId: input.schoolId,
      pupilId: input.pupilId,
      date,
      time,
      direction: 'in',
      reason: input.reason,
      recordedBy: input.recordedBy,
      recordedAt: at,
    });
    return ok({ event, session, code });
  });
}

/**
 * A pupil signs out early. Leaving before the afternoon register, the afternoon gets the code
 * for the reason (M for an appointment, I for illness) when one is given.
 */
export async function signOutEarly(
  deps: ReceptionDeps,
  input: {
    readonly schoolId: number;
    readonly pupilId: number;
    readonly recordedBy: number;
    readonly reason: string;
    readonly afternoonCode: string | null;
  },
): Promise<Result<{ event: SignEvent; afternoonCode: string | null }, ReceptionError>> {
  const at = deps.clock.now();
  const { date, time } = londonWallClock(at);
  const loaded = await loadSchoolCalendar(deps.db, input.schoolId);
  if (!loaded.ok) return loaded;
  const { school, calendar } = loaded.value;
  if (schoolDayIndex(calendar, date) < 0) return err({ kind: 'not-a-school-day', date });
  const enrolmentId = await findEnrolment(deps.db, input.schoolId, input.pupilId, date);
  if (enrolmentId === undefined) return err({ kind: 'not-on-roll', pupilIds: [input.pupilId] });
  const afternoonCode = sessionAt(school.registerTimes, time) === 'AM' ? input.afternoonCode : null;
  if (afternoonCode !== null) {
    const invalid = explainInvalidCode(school.jurisdiction, date, afternoonCode);
    if (invalid) return err({ kind: 'invalid-code', code: afternoonCode, message: invalid });
  }
  return runAtomically<{ event: SignEvent; afternoonCode: string | null }, ReceptionError>(
    deps.db,
    async (trx) => {
      if (afternoonCode !== null) {
        const recorded = await recordSessionMarks(trx, {
          schoolId: input.schoolId,
          date,
          session: 'PM',
          entries: [{ pupilId: input.pupilId, enrolmentId, code: afternoonCode }],
          recordedBy: input.recordedBy,
          source: 'reception',
          reason: `signed out at reception at ${time}: ${input.reason}`,
          at,
        });
        if (!recorded.ok) return recorded;
      }
      const event = await recordSignEvent(trx, {
        schoolId: input.schoolId,
        pupilId: input.pupilId,
        date,
        time,
        direction: 'out',
        reason: input.reason,
        recordedBy: input.recordedBy,
        recordedAt: at,
      });
      return ok({ event, afternoonCode });
    },
  );
}
