import { sql, type Kysely } from 'kysely';
import type { Result } from './result.ts';
import type { Database } from './schema.ts';

/** A database or an open transaction; repositories accept either. */
export type Executor = Kysely<Database>;

class FailureRollback<E> extends Error {
  constructor(readonly failure: { readonly ok: false; readonly error: E }) {
    super('rolled back because the unit of work returned a failure');
  }
}

/**
 * Runs work so that it commits entirely or not at all: a thrown error or a failure result
 * undoes every write. Inside a caller's transaction it uses a savepoint, so a failure undoes
 * only this work and the caller decides what happens to the rest.
 */
export async function runAtomically<T, E>(
  db: Executor,
  work: (trx: Executor) => Promise<Result<T, E>>,
): Promise<Result<T, E>> {
  if (db.isTransaction) {
    return runInSavepoint(db, work);
  }
  try {
    return await db.transaction().execute(async (trx) => {
      const result = await work(trx);
      if (!result.ok) {
        throw new FailureRollback(result);
      }
      return result;
    });
  } catch (error) {
    if (error instanceof FailureRollback) {
      return (error as FailureRollback<E>).failure;
    }
    throw error;
  }
}

async function runInSavepoint<T, E>(
  trx: Executor,
  work: (trx: Executor) => Promise<Result<T, E>>,
): Promise<Result<T, E>> {
  await sql`savepoint rollcall_atomic`.execute(trx);
  let result: Result<T, E>;
  try {
    result = await work(trx);
  } catch (error) {
    await sql`rollback to savepoint rollcall_atomic`.execute(trx);
    throw error;
  }
  if (result.ok) {
    await sql`release savepoint rollcall_atomic`.execute(trx);
  } else {
    await sql`rollback to savepoint rollcall_atomic`.execute(trx);
  }
  return result;
}
