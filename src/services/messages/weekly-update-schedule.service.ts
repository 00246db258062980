import { findCaseLadder, isMonitoredStage } from '../../domain/followup/case-ladder.ts';
import { findWeekToReport } from '../../domain/followup/weekly-update-schedule.ts';
import { listOpenSchoolCases, listSchoolsWithOpenCases } from '../../store/case.repository.ts';
import { listRoll } from '../../store/pupil.repository.ts';
import type { Executor } from '../../store/transaction.ts';
import type { Clock } from '../clock.ts';
import { londonWallClock } from '../london-time.ts';
import { loadSchoolCalendar } from '../school-calendar.service.ts';
import { queueWeeklyAttendanceUpdates } from './weekly-update.service.ts';

export interface ScheduledWeeklyUpdates {
  /** Per school whose week was due: the week's last school day and the messages queued. */
  readonly schools: readonly {
    readonly schoolId: number;
    readonly weekEnding: string;
    readonly pupils: number;
    readonly queued: number;
  }[];
  /** Schools skipped because their calendar or policy needs correcting (ids only). */
  readonly failedSchoolIds: readonly number[];
}

/** The pupils of a school whose open case is at a monitored stage of its ladder. */
async function listMonitoredPupils(db: Executor, schoolId: number): Promise<number[]> {
  const pupilIds: number[] = [];
  for (const found of await listOpenSchoolCases(db, schoolId)) {
    const ladder = findCaseLadder(found.ladder);
    if (ladder !== undefined && isMonitoredStage(ladder, found.stage)) pupilIds.push(found.pupilId);
  }
  return pupilIds;
}

/**
 * The scheduled weekly run: for each school, once its school week has ended, queue the week's
 * attendance update to the parents of every pupil in a monitored stage. Running it again (every
 * hour, or after a restart) queues nothing twice: each message carries the week's dedupe key.
 */
export async function queueScheduledWeeklyUpdates(deps: {
  readonly db: Executor;
  readonly clock: Clock;
}): Promise<ScheduledWeeklyUpdates> {
  const today = londonWallClock(deps.clock.now()).date;
  const schools: ScheduledWeeklyUpdates['schools'][number][] = [];
  const failedSchoolIds: number[] = [];
  for (const schoolId of await listSchoolsWithOpenCases(deps.db)) {
    const loaded = await loadSchoolCalendar(deps.db, schoolId);
    if (!loaded.ok) {
      failedSchoolIds.push(schoolId);
      continue;
    }
    const weekEnding = findWeekToReport(loaded.value.calendar, today);
    if (weekEnding === null) continue;
    const onRoll = new Set(
      (await listRoll(deps.db, { schoolId, date: weekEnding })).map((entry) => entry.pupilId),
    );
    const pupilIds = (await listMonitoredPupils(deps.db, schoolId)).filter((id) => onRoll.has(id));
    if (pupilIds.length === 0) continue;
    const queued = await queueWeeklyAttendanceUpdates(deps, {
      schoolId,
      weekEnding,
      pupilIds,
      actorUserId: null,
    });
    if (!queued.ok) {
      failedSchoolIds.push(schoolId);
      continue;
    }
    schools.push({ schoolId, weekEnding, pupils: pupilIds.length, queued: queued.value.queued });
  }
  return { schools, failedSchoolIds };
}
