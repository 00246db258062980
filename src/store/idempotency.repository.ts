import { fail, succeed, type Result } from './result.ts';
import type { Executor } from './transaction.ts';

export interface StoredResponse {
  readonly requestHash: string;
  readonly response: Readonly<Record<string, unknown>>;
  readonly createdAt: Date;
}

export type KeyAlreadyUsed = { readonly kind: 'key-already-used'; readonly stored: StoredResponse };

/** The response saved for a user's idempotency key, if the request was seen before. */
export async function findStoredResponse(
  db: Executor,
  key: { userId: number; key: string },
): Promise<StoredResponse | undefined> {
  const row = await db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'response', 'created_at'])
    .where('user_id', '=', key.userId)
    .where('key', '=', key.key)
    .executeTakeFirst();
  return row === undefined
    ? undefined
    : { requestHash: row.request_hash, response: row.response, createdAt: row.created_at };
}

/**
 * Saves the response for a key. Run it in the same transaction as the writes it answers for,
 * so a retry either finds the response or finds nothing written. If a concurrent request
 * saved the key first, returns what that request stored.
 */
export async function saveStoredResponse(
  db: Executor,
  entry: {
    userId: number;
    key: string;
    requestHash: string;
    response: Readonly<Record<string, unknown>>;
    at: Date;
  },
): Promise<Result<StoredResponse, KeyAlreadyUsed>> {
  const inserted = await db
    .insertInto('idempotency_keys')
    .values({
      user_id: entry.userId,
      key: entry.key,
      request_hash: entry.requestHash,
      response: JSON.stringify(entry.response),
      created_at: entry.at,
    })
    .onConflict((conflict) => conflict.columns(['user_id', 'key']).doNothing())
    .returning(['request_hash', 'response', 'created_at'])
    .executeTakeFirst();
  if (inserted !== undefined) {
    return succeed({
      requestHash: inserted.request_hash,
      response: inserted.response,
      createdAt: inserted.created_at,
    });
  }
  const stored = await findStoredResponse(db, { userId: entry.userId, key: entry.key });
  if (stored === undefined) throw new Error('an idempotency key conflicted but cannot be read');
  return fail({ kind: 'key-already-used', stored });
}

export async function deleteStoredResponsesBefore(db: Executor, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('idempotency_keys')
    .where('created_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
