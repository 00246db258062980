import { sql } from 'kysely';
import type { ImportedMark } from './mark-import.repository.ts';
import type { MarkSource, UserRole } from './schema.ts';
import type { Executor } from './transaction.ts';

/** Marks per statement: large enough that a year of a school's registers takes a handful. */
const CHUNK = 25_000;

/**
 * Writes new marks and their original history entries in one statement per chunk: the
 * columns travel as five comma-separated lists and PostgreSQL unnests them, so the statement
 * has eleven parameters whatever its size (a multi-row VALUES list has seven per mark and
 * spends most of its time being parsed). Same contract as insertImportedMarks: run it inside
 * the caller's transaction; an existing mark for a session makes it fail.
 */
export async function insertMarksInBulk(
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
    // Codes are one or two characters from the code tables, never a comma.
    const list = (read: (mark: ImportedMark) => string | number) => chunk.map(read).join(',');
    const result = await sql<{ inserted: number }>`
      with inserted as (
        insert into marks (school_id, pupil_id, enrolment_id, date, session, code, recorded_at, recorded_by)
        select ${batch.schoolId}, pupil_id, enrolment_id, date, session, code, ${batch.at}, ${batch.changer.userId}
        from unnest(
          string_to_array(${list((mark) => mark.pupilId)}, ',')::integer[],
          string_to_array(${list((mark) => mark.enrolmentId)}, ',')::integer[],
          string_to_array(${list((mark) => mark.date)}, ',')::date[],
          string_to_array(${list((mark) => mark.session)}, ','),
          string_to_array(${list((mark) => mark.code)}, ',')
        ) as rows (pupil_id, enrolment_id, date, session, code)
        returning id, code
      ), history as (
        insert into mark_history (
          mark_id, mark_version, previous_code, new_code, reason, source,
          changed_at, changed_by, changed_by_name, changed_by_role
        )
        select id, 1, null, code, null, ${batch.source},
          ${batch.at}, ${batch.changer.userId}, ${batch.changer.name}, ${batch.changer.role}
        from inserted
        returning 1
      )
      select count(*)::integer as inserted from history
    `.execute(db);
    written += result.rows[0]?.inserted ?? 0;
    onProgress(written);
  }
  return written;
}

/**
 * For the rest of the transaction, skips foreign-key checks and triggers, as pg_restore's
 * --disable-triggers does: checking six references per mark is most of the time it takes to
 * load a year of registers. Only for a loader whose rows reference ids it has just created
 * in the same transaction. Needs a superuser (embedded PGlite always is); elsewhere it does
 * nothing and returns false, and the load is merely slower.
 */
export async function skipReferenceChecksForBulkLoad(trx: Executor): Promise<boolean> {
  const row = await sql<{
    superuser: boolean;
  }>`select current_setting('is_superuser') = 'on' as superuser`.execute(trx);
  if (row.rows[0]?.superuser !== true) return false;
  await sql`set local session_replication_role = replica`.execute(trx);
  return true;
}
