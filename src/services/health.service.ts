import { sql } from 'kysely';
import type { Executor } from '../store/transaction.ts';

/** Whether the database answers a trivial query. */
export async function checkDatabase(db: Executor): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
