import type { Selectable } from 'kysely';
import type { IsoDate } from '../domain/calendar/plain-date.ts';
import type { AbsenceReportSource, AbsenceReportsTable, SessionName } from './schema.ts';
import type { Executor } from './transaction.ts';

export interface AbsenceReport {
  readonly id: number;
  readonly schoolId: number;
  readonly pupilId: number;
  readonly reportedBy: number;
  readonly contactId: number | null;
  readonly source: AbsenceReportSource;
  readonly reason: string;
  /** The code the report pre-fills; the register keeps the final say. */
  readonly suggestedCode: string | null;
  readonly from: { readonly date: IsoDate; readonly session: SessionName };
  readonly to: { readonly date: IsoDate; readonly session: SessionName };
  readonly expectedReturn: IsoDate | null;
  readonly createdAt: Date;
}

export type NewAbsenceReport = Omit<AbsenceReport, 'id' | 'createdAt'> & { readonly at: Date };

export async function recordAbsenceReport(
  db: Executor,
  report: NewAbsenceReport,
): Promise<AbsenceReport> {
  const row = await db
    .insertInto('absence_reports')
    .values({
      school_id: report.schoolId,
      pupil_id: report.pupilId,
      reported_by: report.reportedBy,
      contact_id: report.contactId,
      source: report.source,
      reason: report.reason,
      suggested_code: report.suggestedCode,
      from_date: report.from.date,
      from_session: report.from.session,
      to_date: report.to.date,
      to_session: report.to.session,
      expected_return: report.expectedReturn,
      created_at: report.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toAbsenceReport(row);
}

/** Reports at a school whose span includes the date (either session). */
export async function listAbsenceReportsCovering(
  db: Executor,
  query: { schoolId: number; date: IsoDate },
): Promise<AbsenceReport[]> {
  const rows = await db
    .selectFrom('absence_reports')
    .selectAll()
    .where('school_id', '=', query.schoolId)
    .where('from_date', '<=', query.date)
    .where('to_date', '>=', query.date)
    .orderBy('created_at')
    .execute();
  return rows.map(toAbsenceReport);
}

export async function listPupilAbsenceReports(
  db: Executor,
  pupilId: number,
): Promise<AbsenceReport[]> {
  const rows = await db
    .selectFrom('absence_reports')
    .selectAll()
    .where('pupil_id', '=', pupilId)
    .orderBy('from_date')
    .execute();
  return rows.map(toAbsenceReport);
}

function toAbsenceReport(row: Selectable<AbsenceReportsTable>): AbsenceReport {
  return {
    id: row.id,
    schoolId: row.school_id,
    pupilId: row.pupil_id,
    reportedBy: row.reported_by,
    contactId: row.contact_id,
    source: row.source,
    reason: row.reason,
    suggestedCode: row.suggested_code,
    from: { date: row.from_date, session: row.from_session },
    to: { date: row.to_date, session: row.to_session },
    expectedReturn: row.expected_return,
    createdAt: row.created_at,
  };
}
