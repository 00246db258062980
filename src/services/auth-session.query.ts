import type { Executor } from '../store/transaction.ts';

// Belongs in src/store/user.repository.ts; kept here until the storage layer settles.
/** Ends every session of a user but one, e.g. after the user changes their password. */
export async function deleteOtherAuthSessions(
  db: Executor,
  keep: { userId: number; tokenHash: string },
): Promise<void> {
  await db
    .deleteFrom('auth_sessions')
    .where('user_id', '=', keep.userId)
    .where('token_hash', '<>', keep.tokenHash)
    .execute();
}
