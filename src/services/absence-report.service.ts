import { isIsoDate, type IsoDate } from '../domain/calendar/plain-date.ts';
import {
  countSchoolDaysThrough,
  schoolDayIndex,
  sessionIndex,
  type SessionName,
} from '../domain/calendar/school-calendar.ts';
import { err, ok, type Result } from '../domain/result.ts';
import { recordAbsenceReport, type AbsenceReport } from '../store/absence-report.repository.ts';
import { listPupilMarks, recordSessionMarks } from '../store/mark.repository.ts';
import type { AbsenceReportSource } from '../store/schema.ts';
import { runAtomically, type Executor } from '../store/transaction.ts';
import type { Clock } from './clock.ts';
import { loadSchoolCalendar, type SchoolCalendarError } from './school-calendar.service.ts';

/** Reasons a parent or the office can give, and the code each pre-fills. */
export const ABSENCE_REASONS = {
  illness: { label: 'Illness', code: 'I' },
  medical: { label: 'Medical or dental appointment', code: 'M' },
  religious: { label: 'Religious observance', code: 'R' },
  other: { label: 'Other reason (the school decides the code)', code: null },
} as const satisfies Record<string, { label: string; code: string | null }>;

export type AbsenceReason = keyof typeof ABSENCE_REASONS;

export interface AbsenceReportInput {
  readonly schoolId: number;
  readonly pupilId: number;
  readonly reportedBy: number;
  readonly contactId: number | null;
  readonly source: AbsenceReportSource;
  readonly reason: AbsenceReason;
  readonly details: string | null;
  readonly from: { readonly date: IsoDate; readonly session: SessionName };
  readonly to: { readonly date: IsoDate; readonly session: SessionName };
  readonly expectedReturn: IsoDate | null;
}

export type AbsenceReportError =
  SchoolCalendarError | { readonly kind: 'invalid-span'; readonly message: string };

/**
 * Record a reported absence. Its code (I, M, R) pre-fills the register for the sessions it
 * covers, and replaces N on any of them already marked: the reason is now known.
 */
export async function reportAbsence(
  deps: { readonly db: Executor; readonly clock: Clock },
  input: AbsenceReportInput,
): Promise<Result<{ report: AbsenceReport; resolvedMarks: number }, AbsenceReportError>> {
  const loaded = await loadSchoolCalendar(deps.db, input.schoolId);
  if (!loaded.ok) return loaded;
  const { calendar } = loaded.value;
  for (const [name, date] of [
    ['from', input.from.date],
    ['to', input.to.date],
    ['expected return', input.expectedReturn],
  ] as const) {
    if (date !== null && !isIsoDate(date))
      return err({ kind: 'invalid-span', message: `${name} "${date}" is not a date (YYYY-MM-DD)` });
  }
  const firstSession =
    countSchoolDaysThrough(calendar, input.from.date) * 2 -
    (schoolDayIndex(calendar, input.from.date) >= 0 ? 2 - sessionIndex(0, input.from.session) : 0);
  const lastDay = schoolDayIndex(calendar, input.to.date);
  const endSession =
    lastDay >= 0
      ? sessionIndex(lastDay, input.to.session) + 1
      : countSchoolDaysThrough(calendar, input.to.date) * 2;
  if (`${input.to.date}${input.to.session}` < `${input.from.date}${input.from.session}`)
    return err({
      kind: 'invalid-span',
      message: `the absence ends (${input.to.date} ${input.to.session}) before it starts (${input.from.date} ${input.from.session})`,
    });
  if (endSession <= firstSession)
    return err({
      kind: 'invalid-span',
      message: `there are no school sessions between ${input.from.date} and ${input.to.date}`,
    });

  const code = ABSENCE_REASONS[input.reason].code;
  const at = deps.clock.now();
  const reasonText = `${input.source === 'parent' ? 'reported by a parent' : 'reported to the office'}: ${ABSENCE_REASONS[input.reason].label.toLowerCase()}`;
  const result = await runAtomically<{ report: AbsenceReport; resolvedMarks: number }, never>(
    deps.db,
    async (trx) => {
      const report = await recordAbsenceReport(trx, {
        schoolId: input.schoolId,
        pupilId: input.pupilId,
        reportedBy: input.reportedBy,
        contactId: input.contactId,
        source: input.source,
        reason: input.details ? `${input.reason}: ${input.details}` : input.reason,
        suggestedCode: code,
        from: input.from,
        to: input.to,
        expectedReturn: input.expectedReturn,
        at,
      });
      let resolvedMarks = 0;
      if (code !== null) {
        const marks = await listPupilMarks(trx, {
          pupilId: input.pupilId,
          from: input.from.date,
          to: input.to.date,
        });
        const unexplained = marks.filter((mark) => {
          if (mark.schoolId !== input.schoolId || mark.code !== 'N') return false;
          const session = sessionIndex(schoolDayIndex(calendar, mark.date), mark.session);
          return session >= firstSession && session < endSession;
        });
        for (const mark of unexplained) {
          const recorded = await recordSessionMarks(trx, {
            schoolId: input.schoolId,
            date: mark.date,
            session: mark.session,
            entries: [
              {
                pupilId: input.pupilId,
                enrolmentId: mark.enrolmentId,
                code,
                expectedVersion: mark.version,
              },
            ],
            recordedBy: input.reportedBy,
            source: 'absence-report',
            reason: reasonText,
            at,
          });
          if (recorded.ok) resolvedMarks += recorded.value.changed;
        }
      }
      return ok({ report, resolvedMarks });
    },
  );
  return result;
}
