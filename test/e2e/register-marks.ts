import type { Kysely } from 'kysely';
import type { Database } from '../../src/store/schema.ts';

/** The marks stored for some pupils in one session, as the database holds them. */
export async function readStoredMarks(
  db: Kysely<Database>,
  query: { pupilIds: readonly number[]; date: string; session: 'AM' | 'PM' },
): Promise<{ pupilId: number; code: string; version: number }[]> {
  const rows = await db
    .selectFrom('marks')
    .select(['pupil_id', 'code', 'version'])
    .where('pupil_id', 'in', [...query.pupilIds])
    .where('date', '=', query.date)
    .where('session', '=', query.session)
    .orderBy('pupil_id')
    .execute();
  return rows.map((row) => ({ pupilId: row.pupil_id, code: row.code, version: row.version }));
}
