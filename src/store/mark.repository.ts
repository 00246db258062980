import { sql, type Insertable, type Selectable } from 'kysely';
import type { IsoDate } from '../domain/calendar/plain-date.ts';
import { fail, succeed, type Result } from './result.ts';
export type * from './mark.types.ts';
import type {
  AmendMarkError,
  CompactMark,
  Mark,
  MarkAmendment,
  MarkHistoryEntry,
  RecordSessionMarksError,
  RecordedSessionMarks,
  SessionMarkEntry,
  SessionMarks,
  VersionConflict,
} from './mark.types.ts';
import type { MarkHistoryTable, MarkSource, MarksTable, SessionName, UserRole } from './schema.ts';
import { runAtomically, type Executor } from './transaction.ts';

interface Changer {
  readonly id: number;
  readonly display_name: string;
  readonly role: UserRole;
}

/** What every history entry written by one call shares. */
interface HistoryContext {
  readonly changer: Changer;
  readonly reason: string | null;
  readonly source: MarkSource;
  readonly at: Date;
}

/**
 * Writes one session's marks for many pupils in one transaction, with a history entry for
 * every new or changed mark. Any conflict or error leaves the register as it was.
 */
export async function recordSessionMarks(
  db: Executor,
  input: SessionMarks,
): Promise<Result<RecordedSessionMarks, RecordSessionMarksError>> {
  const refusal = checkEntries(input.entries);
  if (refusal !== undefined) return refusal;
  return runAtomically<RecordedSessionMarks, RecordSessionMarksError>(db, (trx) =>
    writeSessionMarks(trx, input),
  );
}

/**
 * recordSessionMarks without a transaction or savepoint of its own, for a caller whose
 * transaction rolls back entirely whenever this returns a failure:
 * a failure can come after some marks were written, and only that rollback undoes them.
 */
export async function writeSessionMarks(
  trx: Executor,
  input: SessionMarks,
): Promise<Result<RecordedSessionMarks, RecordSessionMarksError>> {
  if (!trx.isTransaction) throw new Error('writeSessionMarks runs inside a transaction');
  const refusal = checkEntries(input.entries);
  if (refusal !== undefined) return refusal;
  const changer =
    input.recorder === undefined
      ? await findChanger(trx, input.recordedBy)
      : { id: input.recordedBy, display_name: input.recorder.name, role: input.recorder.role };
  if (changer === undefined) {
    return fail({ kind: 'unknown-user', userId: input.recordedBy });
  }
  const history = { changer, reason: input.reason, source: input.source, at: input.at };
  if (input.entries.every((entry) => entry.expectedVersion === null)) {
    return createSessionMarks(trx, input, history);
  }
  const existingRows = await trx
    .selectFrom('marks')
    .selectAll()
    .where('school_id', '=', input.schoolId)
    .where('date', '=', input.date)
    .where('session', '=', input.session)
    .where(
      'pupil_id',
      'in',
      input.entries.map((entry) => entry.pupilId),
    )
    .forUpdate()
    .execute();
  const existingByPupil = new Map(existingRows.map((row) => [row.pupil_id, row]));

  const conflicts = input.entries.flatMap((entry): VersionConflict[] => {
    const existing = existingByPupil.get(entry.pupilId);
    const actualVersion = existing?.version ?? null;
    return entry.expectedVersion === undefined || entry.expectedVersion === actualVersion
      ? []
      : [
          {
            pupilId: entry.pupilId,
            markId: existing?.id ?? null,
            expectedVersion: entry.expectedVersion,
            actualVersion,
          },
        ];
  });
  if (conflicts.length > 0) {
    return fail({ kind: 'version-conflict', conflicts });
  }

  const toCreate = input.entries.filter((entry) => !existingByPupil.has(entry.pupilId));
  const toChange = input.entries.filter((entry) => {
    const existing = existingByPupil.get(entry.pupilId);
    return existing !== undefined && existing.code !== entry.code;
  });
  if (toChange.length > 0 && !hasText(input.reason)) {
    return fail({ kind: 'reason-required', pupilIds: toChange.map((entry) => entry.pupilId) });
  }

  const created =
    toCreate.length === 0
      ? []
      : await insertMarksWithHistory(
          trx,
          toCreate.map((entry) => ({
            school_id: input.schoolId,
            pupil_id: entry.pupilId,
            enrolment_id: entry.enrolmentId,
            date: input.date,
            session: input.session,
            code: entry.code,
            recorded_at: input.at,
            recorded_by: input.recordedBy,
          })),
          history,
        );
  if (created.length < toCreate.length) {
    // Another writer created some of these marks after we looked: report, don't overwrite.
    const createdPupils = new Set(created.map((row) => row.pupil_id));
    return fail({
      kind: 'version-conflict',
      conflicts: toCreate
        .filter((entry) => !createdPupils.has(entry.pupilId))
        .map((entry) => ({
          pupilId: entry.pupilId,
          markId: null,
          expectedVersion: null,
          actualVersion: 1,
        })),
    });
  }

  const changed: Selectable<MarksTable>[] = [];
  const previousCodes = new Map<number, string>();
  for (const entry of toChange) {
    const existing = existingByPupil.get(entry.pupilId);
    if (existing === undefined) continue;
    previousCodes.set(existing.id, existing.code);
    changed.push(
      await trx
        .updateTable('marks')
        .set({
          code: entry.code,
          version: sql<number>`version + 1`,
          recorded_at: input.at,
          recorded_by: input.recordedBy,
        })
        .where('id', '=', existing.id)
        .returningAll()
        .executeTakeFirstOrThrow(),
    );
  }

  await insertHistory(
    trx,
    changed.map((row) => ({ mark: row, previousCode: previousCodes.get(row.id) ?? null })),
    history,
  );

  const written = new Map([...created, ...changed].map((row) => [row.pupil_id, row]));
  const marks = input.entries.map((entry) => {
    const row = written.get(entry.pupilId) ?? existingByPupil.get(entry.pupilId);
    if (row === undefined) throw new Error('a session mark vanished inside its transaction');
    return toMark(row);
  });
  return succeed({
    created: created.length,
    changed: changed.length,
    unchanged: input.entries.length - created.length - changed.length,
    marks,
  });
}

/**
 * The usual first register of a session: every entry expects no mark yet. Inserting first
 * and looking only when some pupil already has a mark spares a locking read per register.
 */
async function createSessionMarks(
  trx: Executor,
  input: SessionMarks,
  history: HistoryContext,
): Promise<Result<RecordedSessionMarks, RecordSessionMarksError>> {
  const created = await insertMarksWithHistory(
    trx,
    input.entries.map((entry) => ({
      school_id: input.schoolId,
      pupil_id: entry.pupilId,
      enrolment_id: entry.enrolmentId,
      date: input.date,
      session: input.session,
      code: entry.code,
      recorded_at: input.at,
      recorded_by: input.recordedBy,
    })),
    history,
  );
  if (created.length < input.entries.length) {
    // Some pupils have a mark already (perhaps just committed by another writer): report
    // them as conflicts; the failure rolls back the marks inserted here.
    const createdPupils = new Set(created.map((row) => row.pupil_id));
    const existing = await trx
      .selectFrom('marks')
      .select(['id', 'pupil_id', 'version'])
      .where('school_id', '=', input.schoolId)
      .where('date', '=', input.date)
      .where('session', '=', input.session)
      .where(
        'pupil_id',
        'in',
        input.entries
          .filter((entry) => !createdPupils.has(entry.pupilId))
          .map((entry) => entry.pupilId),
      )
      .execute();
    return fail({
      kind: 'version-conflict',
      conflicts: existing.map((row) => ({
        pupilId: row.pupil_id,
        markId: row.id,
        expectedVersion: null,
        actualVersion: row.version,
      })),
    });
  }
  const createdByPupil = new Map(created.map((row) => [row.pupil_id, row]));
  return succeed({
    created: created.length,
    changed: 0,
    unchanged: 0,
    marks: input.entries.map((entry) => {
      const row = createdByPupil.get(entry.pupilId);
      if (row === undefined) throw new Error('a session mark vanished inside its transaction');
      return toMark(row);
    }),
  });
}

/**
 * Changes one mark if it is still at the version the person saw. A stale version returns
 * a conflict carrying the current mark, and nothing is written.
 */
export async function amendMark(
  db: Executor,
  amendment: MarkAmendment,
): Promise<Result<{ mark: Mark; changed: boolean }, AmendMarkError>> {
  return runAtomically<{ mark: Mark; changed: boolean }, AmendMarkError>(db, async (trx) => {
    const current = await trx
      .selectFrom('marks')
      .selectAll()
      .where('id', '=', amendment.markId)
      .forUpdate()
      .executeTakeFirst();
    if (current === undefined) {
      return fail({ kind: 'mark-not-found', markId: amendment.markId });
    }
    if (current.version !== amendment.expectedVersion) {
      return fail({
        kind: 'version-conflict',
        pupilId: current.pupil_id,
        markId: current.id,
        expectedVersion: amendment.expectedVersion,
        actualVersion: current.version,
        current: toMark(current),
      });
    }
    if (current.code === amendment.code) {
      return succeed({ mark: toMark(current), changed: false });
    }
    if (!hasText(amendment.reason)) {
      return fail({ kind: 'reason-required', pupilIds: [current.pupil_id] });
    }
    const changer = await findChanger(trx, amendment.changedBy);
    if (changer === undefined) {
      return fail({ kind: 'unknown-user', userId: amendment.changedBy });
    }
    const updated = await trx
      .updateTable('marks')
      .set({
        code: amendment.code,
        version: sql<number>`version + 1`,
        recorded_at: amendment.at,
        recorded_by: amendment.changedBy,
      })
      .where('id', '=', current.id)
      .where('version', '=', amendment.expectedVersion)
      .returningAll()
      .executeTakeFirstOrThrow();
    await insertHistory(trx, [{ mark: updated, previousCode: current.code }], {
      changer,
      reason: amendment.reason,
      source: amendment.source,
      at: amendment.at,
    });
    return succeed({ mark: toMark(updated), changed: true });
  });
}

export async function findMark(
  db: Executor,
  key: { schoolId: number; pupilId: number; date: IsoDate; session: SessionName },
): Promise<Mark | undefined> {
  const row = await db
    .selectFrom('marks')
    .selectAll()
    .where('school_id', '=', key.schoolId)
    .where('pupil_id', '=', key.pupilId)
    .where('date', '=', key.date)
    .where('session', '=', key.session)
    .executeTakeFirst();
  return row === undefined ? undefined : toMark(row);
}

/** A mark by its id. */
export async function findMarkById(db: Executor, markId: number): Promise<Mark | undefined> {
  const row = await db.selectFrom('marks').selectAll().where('id', '=', markId).executeTakeFirst();
  return row === undefined ? undefined : toMark(row);
}

/**
 * Those of the given marks that belong to the pupil, locked until the transaction ends so
 * that what is checked is what gets changed. Locked in id order, so two callers naming the
 * same marks in different orders wait for each other rather than deadlock.
 */
export async function lockPupilMarks(
  trx: Executor,
  selection: { pupilId: number; markIds: readonly number[] },
): Promise<Mark[]> {
  if (!trx.isTransaction) throw new Error('lockPupilMarks runs inside a transaction');
  if (selection.markIds.length === 0) return [];
  const rows = await trx
    .selectFrom('marks')
    .selectAll()
    .where('pupil_id', '=', selection.pupilId)
    .where('id', 'in', [...selection.markIds])
    .orderBy('id')
    .forUpdate()
    .execute();
  return rows.map(toMark);
}

/** Every mark of a school between two dates inclusive, ordered by pupil, date and session. */
export async function listSchoolMarks(
  db: Executor,
  range: { schoolId: number; from: IsoDate; to: IsoDate },
): Promise<CompactMark[]> {
  const rows = await db
    .selectFrom('marks')
    .select(['pupil_id', 'date', 'session', 'code'])
    .where('school_id', '=', range.schoolId)
    .where('date', '>=', range.from)
    .where('date', '<=', range.to)
    .orderBy('pupil_id')
    .orderBy('date')
    .orderBy('session')
    .execute();
  return rows.map(toCompactMark);
}

export async function listPupilMarks(
  db: Executor,
  range: { pupilId: number; from: IsoDate; to: IsoDate },
): Promise<Mark[]> {
  const rows = await db
    .selectFrom('marks')
    .selectAll()
    .where('pupil_id', '=', range.pupilId)
    .where('date', '>=', range.from)
    .where('date', '<=', range.to)
    .orderBy('date')
    .orderBy('session')
    .orderBy('school_id')
    .execute();
  return rows.map(toMark);
}

/** A mark's history, oldest first: the original entry, then each amendment. */
export async function listMarkHistory(db: Executor, markId: number): Promise<MarkHistoryEntry[]> {
  const rows = await db
    .selectFrom('mark_history')
    .selectAll()
    .where('mark_id', '=', markId)
    .orderBy('mark_version')
    .execute();
  return rows.map(toHistoryEntry);
}

/**
 * Deletes register entries older than the cutoff through the database's retention function,
 * which refuses cutoffs under six years old and writes an audit entry. Returns marks deleted.
 */
export async function purgeRegisterEntriesBefore(
  db: Executor,
  request: { cutoff: IsoDate; actorUserId: number },
): Promise<number> {
  const result = await sql<{ purged: number }>`
    select purge_register_entries_before(${request.cutoff}::date, ${request.actorUserId}) as purged
  `.execute(db);
  return result.rows[0]?.purged ?? 0;
}

async function findChanger(db: Executor, userId: number): Promise<Changer | undefined> {
  return db
    .selectFrom('users')
    .select(['id', 'display_name', 'role'])
    .where('id', '=', userId)
    .executeTakeFirst();
}

/**
 * Inserts new marks, skipping any a concurrent writer created first, and their original
 * history entries in the same statement; returns the marks inserted.
 */
async function insertMarksWithHistory(
  db: Executor,
  marks: readonly Insertable<MarksTable>[],
  context: HistoryContext,
): Promise<Selectable<MarksTable>[]> {
  return db
    .with('created', (cte) =>
      cte
        .insertInto('marks')
        .values(marks)
        .onConflict((conflict) => conflict.constraint('marks_one_per_pupil_session').doNothing())
        .returningAll(),
    )
    .with('history', (cte) =>
      cte
        .insertInto('mark_history')
        .columns([
          'mark_id',
          'mark_version',
          'previous_code',
          'new_code',
          'reason',
          'source',
          'changed_at',
          'changed_by',
          'changed_by_name',
          'changed_by_role',
        ])
        .expression((eb) =>
          eb
            .selectFrom('created')
            .select((row) => [
              'created.id',
              'created.version',
              sql<null>`null`.as('previous_code'),
              'created.code',
              row.val(context.reason).as('reason'),
              row.val(context.source).as('source'),
              row.val(context.at).as('changed_at'),
              row.val(context.changer.id).as('changed_by'),
              row.val(context.changer.display_name).as('changed_by_name'),
              row.val(context.changer.role).as('changed_by_role'),
            ]),
        ),
    )
    .selectFrom('created')
    .selectAll()
    .execute();
}

async function insertHistory(
  db: Executor,
  changes: readonly { mark: Selectable<MarksTable>; previousCode: string | null }[],
  context: { changer: Changer; reason: string | null; source: MarkSource; at: Date },
): Promise<void> {
  if (changes.length === 0) return;
  await db
    .insertInto('mark_history')
    .values(
      changes.map(({ mark, previousCode }) => ({
        mark_id: mark.id,
        mark_version: mark.version,
        previous_code: previousCode,
        new_code: mark.code,
        reason: context.reason,
        source: context.source,
        changed_at: context.at,
        changed_by: context.changer.id,
        changed_by_name: context.changer.display_name,
        changed_by_role: context.changer.role,
      })),
    )
    .execute();
}

/** Answers a batch with no entries or a pupil twice without touching the database. */
function checkEntries(
  entries: readonly SessionMarkEntry[],
): Result<RecordedSessionMarks, RecordSessionMarksError> | undefined {
  const duplicates = findDuplicatePupils(entries);
  if (duplicates.length > 0) return fail({ kind: 'duplicate-pupil', pupilIds: duplicates });
  if (entries.length === 0) return succeed({ created: 0, changed: 0, unchanged: 0, marks: [] });
  return undefined;
}

function findDuplicatePupils(entries: readonly SessionMarkEntry[]): number[] {
  const seen = new Set<number>();
  const duplicates = new Set<number>();
  for (const entry of entries) {
    if (seen.has(entry.pupilId)) duplicates.add(entry.pupilId);
    seen.add(entry.pupilId);
  }
  return [...duplicates];
}

function hasText(value: string | null): value is string {
  return value !== null && value.trim() !== '';
}

function toMark(row: Selectable<MarksTable>): Mark {
  return {
    id: row.id,
    schoolId: row.school_id,
    pupilId: row.pupil_id,
    enrolmentId: row.enrolment_id,
    date: row.date,
    session: row.session,
    code: row.code,
    version: row.version,
    recordedAt: row.recorded_at,
    recordedBy: row.recorded_by,
  };
}

function toCompactMark(
  row: Pick<Selectable<MarksTable>, 'pupil_id' | 'date' | 'session' | 'code'>,
): CompactMark {
  return { pupilId: row.pupil_id, date: row.date, session: row.session, code: row.code };
}

function toHistoryEntry(row: Selectable<MarkHistoryTable>): MarkHistoryEntry {
  return {
    id: row.id,
    markId: row.mark_id,
    markVersion: row.mark_version,
    previousCode: row.previous_code,
    newCode: row.new_code,
    reason: row.reason,
    source: row.source,
    changedAt: row.changed_at,
    changedBy: { userId: row.changed_by, name: row.changed_by_name, role: row.changed_by_role },
  };
}
