import type { IsoDate } from '../domain/calendar/plain-date.ts';
import { isAbsenceCategory, isAttendanceCategory } from '../domain/codes/code-table.ts';
import { codeTableFor, findCode } from '../domain/codes/code-tables.ts';
import { findNonReturnRun, type NonReturnRun } from '../domain/followup/extended-leave.ts';
import { listExtendedLeaveReturningBetween } from '../store/leave-request.repository.ts';
import type { CompactMark } from '../store/mark.repository.ts';
import { listRoll } from '../store/pupil.repository.ts';
import type { ContactOutcome } from '../store/schema.ts';
import type { Executor } from '../store/transaction.ts';
import { listContactAttemptsSince } from './contact-attempt.service.ts';
import { londonWallClock } from './london-time.ts';
import type { LoadedSchoolCalendar } from './school-calendar.service.ts';

/** A pupil not back from granted extended leave, and the leave they did not come back from. */
export interface NonReturn extends NonReturnRun {
  readonly pupilId: number;
  readonly leaveRequestId: number;
  readonly agreedReturn: IsoDate;
}

const REACHED: ReadonlySet<ContactOutcome> = new Set(['reached', 'reason-given']);

/**
 * Pupils on roll whose granted extended leave had an agreed return in the look-back window and
 * who have not been back since: each gets the missing-from-education steps from that day.
 * `marks` are the school's marks over the window (the first-day run reads them already).
 */
export async function findNonReturns(
  db: Executor,
  loaded: LoadedSchoolCalendar,
  query: {
    readonly from: IsoDate;
    readonly today: IsoDate;
    readonly marks: readonly CompactMark[];
  },
): Promise<NonReturn[]> {
  const { school, calendar } = loaded;
  const leave = await listExtendedLeaveReturningBetween(db, {
    schoolId: school.id,
    from: query.from,
    to: query.today,
  });
  if (leave.length === 0) return [];
  const onRoll = new Set(
    (await listRoll(db, { schoolId: school.id, date: query.today })).map((entry) => entry.pupilId),
  );
  const found: NonReturn[] = [];
  // The latest agreed return per pupil decides: an earlier leave they came back from is done.
  const latest = new Map(leave.map((request) => [request.pupilId, request]));
  for (const request of latest.values()) {
    if (request.agreedReturn === null || !onRoll.has(request.pupilId)) continue;
    const attendedDates = new Set<IsoDate>();
    const absentDates = new Set<IsoDate>();
    for (const mark of query.marks) {
      if (mark.pupilId !== request.pupilId || mark.date < request.agreedReturn) continue;
      const category = findCode(codeTableFor(school.jurisdiction, mark.date), mark.code)?.category;
      if (category === undefined) continue;
      if (isAttendanceCategory(category)) attendedDates.add(mark.date);
      else if (isAbsenceCategory(category)) absentDates.add(mark.date);
    }
    const attempts = await listContactAttemptsSince(db, {
      pupilId: request.pupilId,
      since: request.agreedReturn,
      schoolIds: [school.id],
    });
    const reachedDates = new Set(
      attempts
        .filter((attempt) => REACHED.has(attempt.outcome))
        .map((attempt) => londonWallClock(attempt.attemptedAt).date),
    );
    const run = findNonReturnRun({
      schoolDays: calendar.days,
      agreedReturn: request.agreedReturn,
      today: query.today,
      attendedDates,
      absentDates,
      reachedDates,
    });
    if (run !== null)
      found.push({
        ...run,
        pupilId: request.pupilId,
        leaveRequestId: request.id,
        agreedReturn: request.agreedReturn,
      });
  }
  return found;
}
