import type { IsoDate } from '../domain/calendar/plain-date.ts';
import type { MarkSource, SessionName, UserRole } from './schema.ts';
import type { Executor } from './transaction.ts';

export interface ImportedMark {
  readonly pupilId: number;
  readonly enrolmentId: number;
  readonly date: IsoDate;
  readonly session: SessionName;
  readonly code: string;
}

/** Rows per INSERT: well under PostgreSQL's 65,535 parameters at 7 columns a row. */
const CHUNK = 2000;

/**
 * Writes new marks in bulk, each with its original history entry, for imports of historic
 * registers. Run it inside the import's transaction; an existing mark for the same session
 * makes the insert fail, so an import never silently overwrites the register.
 */
export async function insertImportedMarks(
  db: Executor,
  batch: {
    readonly schoolId: number;
    readonly marks: readonly ImportedMark[];
    readonly changer: { readonly userId: number; readonly name: string; readonly role: UserRole };
    readonly source: MarkSource;
    readonly at: Date;
  },
  onProgress: (written: number) => void = () => undefined,
): Promise<number> {
  let written = 0;
  for (let start = 0; start < batch.marks.length; start += CHUNK) {
    const chunk = batch.marks.slice(start, start + CHUNK);
    const rows = await db
      .insertInto('marks')
      .values(
        chunk.map((mark) => ({
          school_id: batch.schoolId,
          pupil_id: mark.pupilId,
          enrolment_id: mark.enrolmentId,
          date: mark.date,
          session: mark.session,
          code: mark.code,
          recorded_at: batch.at,
          recorded_by: batch.changer.userId,
        })),
      )
      .returning(['id', 'code'])
      .execute();
    await db
      .insertInto('mark_history')
      .values(
        rows.map((row) => ({
          mark_id: row.id,
          mark_version: 1,
          previous_code: null,
          new_code: row.code,
          reason: null,
          source: batch.source,
          changed_at: batch.at,
          changed_by: batch.changer.userId,
          changed_by_name: batch.changer.name,
          changed_by_role: batch.changer.role,
        })),
      )
      .execute();
    written += rows.length;
    onProgress(written);
  }
  return written;
}
