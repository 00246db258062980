import { sql } from 'kysely';
import type { IsoDate } from '../domain/calendar/plain-date.ts';
import type { Recorder, VersionConflict } from './mark.types.ts';
import type { MarkSource, SessionName } from './schema.ts';
import type { Executor } from './transaction.ts';

/**
 * A whole register submission written by one SQL statement: the 8:55 rush sends hundreds at
 * once, and every round trip to the database costs each of them. The statement reads the
 * idempotency key, the roll, the current marks (locked), and the calendar version; decides
 * whether everything may be written; and only then inserts the new marks, updates the
 * changed ones, appends their history and saves the response under the key. A single
 * statement commits entirely or not at all, so no transaction needs opening around it.
 */
export interface RegisterSubmission {
  readonly schoolId: number;
  /** null: a whole-school register, where any pupil on the school's roll may be marked. */
  readonly classId: number | null;
  readonly date: IsoDate;
  readonly session: SessionName;
  /** One per pupil (the caller has refused duplicates), codes already checked. */
  readonly entries: readonly {
    readonly pupilId: number;
    readonly code: string;
    /** null: "no mark yet"; undefined: overwrite whatever is there. */
    readonly expectedVersion?: number | null | undefined;
  }[];
  readonly recordedBy: number;
  /** recordedBy's name and role as history records them; read from users when absent. */
  readonly recorder: Recorder | undefined;
  readonly source: MarkSource;
  readonly reason: string | null;
  readonly at: Date;
  /** The idempotency key and the hash of the request it answers, or null without a key. */
  readonly idempotency: { readonly key: string; readonly requestHash: string } | null;
  /** The calendar_version the caller checked the date against; null when it read it fresh. */
  readonly calendarVersion: number | null;
}

export interface WrittenRegister {
  readonly created: number;
  readonly changed: number;
  readonly unchanged: number;
  /** In the order of the entries. */
  readonly marks: readonly {
    pupilId: number;
    markId: number;
    code: string;
    version: number;
  }[];
}

export type RegisterSubmissionOutcome =
  | { readonly kind: 'written'; readonly register: WrittenRegister }
  /** The key was used before: nothing was written; here is what was stored with it. */
  | {
      readonly kind: 'key-used';
      readonly requestHash: string;
      readonly response: Readonly<Record<string, unknown>>;
    }
  /** The school's calendar changed since the caller read it: check the date again. */
  | { readonly kind: 'calendar-changed' }
  | { readonly kind: 'unknown-user'; readonly userId: number }
  | { readonly kind: 'not-on-roll'; readonly pupilIds: readonly number[] }
  | { readonly kind: 'version-conflict'; readonly conflicts: readonly VersionConflict[] }
  | { readonly kind: 'reason-required'; readonly pupilIds: readonly number[] };

interface OutcomeRow {
  readonly go: boolean;
  readonly known_user: boolean;
  readonly calendar_current: boolean;
  readonly stored_hash: string | null;
  readonly stored_response: Record<string, unknown> | null;
  /** The columns below are null on the one row answering a submission with no entries. */
  readonly pupil_id: number | null;
  readonly on_roll: boolean;
  readonly current_id: number | null;
  readonly current_version: number | null;
  readonly conflicting: boolean;
  readonly changing: boolean;
  readonly mark_id: number | null;
  readonly code: string | null;
  readonly version: number | null;
  readonly created: boolean;
  readonly changed: boolean;
}

/** Errors after which running the statement again gives the right answer. */
const RETRY_CODES = new Set([
  '23505', // unique_violation: a concurrent submission created a mark or saved the key first
  '40P01', // deadlock_detected: two submissions locked the same marks in turn
  '40001', // serialization_failure
]);
const MOST_ATTEMPTS = 5;

/**
 * Writes a register submission if nothing stands in its way, else writes nothing and says
 * what does. A mark created or a key saved by a concurrent submission after the statement
 * began makes PostgreSQL refuse the whole statement; running it again sees that work and
 * answers as if it had come first (a conflict, or the stored response).
 */
export async function writeRegisterSubmission(
  db: Executor,
  submission: RegisterSubmission,
): Promise<RegisterSubmissionOutcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      return readOutcome(submission, await runSubmission(db, submission));
    } catch (error) {
      // Inside a caller's transaction the failed statement has aborted it: nothing to retry.
      if (db.isTransaction || attempt >= MOST_ATTEMPTS || !RETRY_CODES.has(errorCode(error)))
        throw error;
    }
  }
}

function errorCode(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : '';
  return typeof code === 'string' ? code : '';
}

async function runSubmission(
  db: Executor,
  submission: RegisterSubmission,
): Promise<readonly OutcomeRow[]> {
  const { entries, recorder, idempotency } = submission;
  // Pupil ids, codes and versions travel as comma-separated lists that PostgreSQL unnests,
  // so the statement has the same few parameters whatever the class size. Codes have been
  // checked against the code tables, which have no commas; 'null' stands for a null version.
  // Sorted by pupil, so that overlapping submissions lock marks in the same order.
  const sorted = entries
    .map((entry, index) => ({ ...entry, position: index + 1 }))
    .sort((a, b) => a.pupilId - b.pupilId);
  const list = (read: (entry: (typeof sorted)[number]) => string | number | boolean | null) =>
    sorted.map((entry) => String(read(entry) ?? '')).join(',');
  const pupilIds = list((entry) => entry.pupilId);
  const codes = list((entry) => entry.code);
  const expected = list((entry) => entry.expectedVersion ?? 'null');
  const checked = list((entry) => entry.expectedVersion !== undefined);
  const positions = list((entry) => entry.position);
  const hasReason = submission.reason !== null && submission.reason.trim() !== '';
  const classId = submission.classId;
  const result = await sql<OutcomeRow>`
    with entry as (
      select * from unnest(
        string_to_array(${pupilIds}, ',')::integer[],
        string_to_array(${codes}, ','),
        string_to_array(${expected}, ',', 'null')::integer[],
        string_to_array(${checked}, ',')::boolean[],
        string_to_array(${positions}, ',')::integer[]
      ) as e (pupil_id, code, expected_version, checks_version, position)
    ),
    stored as (
      select request_hash, response from idempotency_keys
      where user_id = ${submission.recordedBy} and key = ${idempotency?.key ?? null}::text
    ),
    changer as (
      select id,
        coalesce(${recorder?.name ?? null}::text, display_name) as name,
        coalesce(${recorder?.role ?? null}::text, role) as role
      from users where id = ${submission.recordedBy}
    ),
    -- The lookups below go pupil by pupil, each through the index that leads with the pupil:
    -- OFFSET 0 keeps the planner from merging them into a scan of the whole school's rows,
    -- which it may prefer when the table's statistics are missing or out of date.
    roll as (
      select e.pupil_id, max(en.id) as enrolment_id
      from entry e
      cross join lateral (
        select * from enrolments where pupil_id = e.pupil_id offset 0
      ) en
      where en.school_id = ${submission.schoolId}
        and en.on_roll_from <= ${submission.date}::date
        and (en.on_roll_to is null or en.on_roll_to >= ${submission.date}::date)
        and (${classId}::integer is null
          or en.class_id = ${classId}::integer
          or exists (
            select 1 from class_members cm
            where cm.enrolment_id = en.id and cm.class_id = ${classId}::integer
          ))
      group by e.pupil_id
    ),
    current as (
      -- Locked now, so nothing changes them between the checks and the writes below.
      select m.id, m.pupil_id, m.code, m.version
      from entry e
      cross join lateral (
        select id, pupil_id, school_id, code, version from marks
        where pupil_id = e.pupil_id
          and date = ${submission.date}::date
          and session = ${submission.session}::session_name
        for update
      ) m
      where m.school_id = ${submission.schoolId}
    ),
    checked as (
      select e.position, e.pupil_id, e.code, r.enrolment_id,
        c.id as current_id, c.code as current_code, c.version as current_version,
        coalesce(e.checks_version and e.expected_version is distinct from c.version, false)
          as conflicting,
        coalesce(c.code <> e.code, false) as changing
      from entry e
      left join roll r on r.pupil_id = e.pupil_id
      left join current c on c.pupil_id = e.pupil_id
    ),
    verdict as (
      -- Aggregates read every row of checked, so every current mark is locked before
      -- anything below is written.
      select
        exists (select 1 from changer) as known_user,
        ${submission.calendarVersion}::bigint is null or exists (
          select 1 from schools
          where id = ${submission.schoolId} and calendar_version = ${submission.calendarVersion}::bigint
        ) as calendar_current,
        count(*) filter (where enrolment_id is null) = 0
          and count(*) filter (where conflicting) = 0
          and (${hasReason} or count(*) filter (where changing) = 0) as entries_acceptable
      from checked
    ),
    decision as (
      select *, known_user and calendar_current and entries_acceptable
        and not exists (select 1 from stored) as go
      from verdict
    ),
    created as (
      insert into marks (
        school_id, pupil_id, enrolment_id, date, session, code, recorded_at, recorded_by
      )
      select ${submission.schoolId}, pupil_id, enrolment_id, ${submission.date}::date,
        ${submission.session}::session_name, code, ${submission.at}, ${submission.recordedBy}
      from checked
      where current_id is null and (select go from decision)
      order by pupil_id
      returning id, pupil_id, code, version
    ),
    changed as (
      update marks m
      set code = c.code, version = m.version + 1,
        recorded_at = ${submission.at}, recorded_by = ${submission.recordedBy}
      from checked c
      where m.id = any (array(select current_id from checked where changing))
        and m.id = c.current_id and (select go from decision)
      returning m.id, m.pupil_id, m.code, m.version, c.current_code as previous_code
    ),
    history as (
      insert into mark_history (
        mark_id, mark_version, previous_code, new_code, reason, source,
        changed_at, changed_by, changed_by_name, changed_by_role
      )
      select w.id, w.version, w.previous_code, w.code, ${submission.reason}::text,
        ${submission.source}::text, ${submission.at}, ch.id, ch.name, ch.role
      from (
        select id, version, null::text as previous_code, code from created
        union all
        select id, version, previous_code, code from changed
      ) w
      cross join changer ch
    ),
    outcome as (
      select c.position, c.pupil_id, c.enrolment_id is not null as on_roll,
        c.current_id, c.current_version, c.conflicting, c.changing,
        coalesce(cr.id, ch.id, c.current_id) as mark_id,
        coalesce(cr.code, ch.code, c.current_code) as code,
        coalesce(cr.version, ch.version, c.current_version) as version,
        cr.id is not null as created, ch.id is not null as changed
      from checked c
      left join created cr on cr.pupil_id = c.pupil_id
      left join changed ch on ch.pupil_id = c.pupil_id
    ),
    saved as (
      -- The response exactly as the caller returns it, so a retry can be answered alike.
      insert into idempotency_keys (user_id, key, request_hash, response, created_at)
      select ${submission.recordedBy}, ${idempotency?.key ?? null}::text,
        ${idempotency?.requestHash ?? null}::text,
        jsonb_build_object(
          'date', ${submission.date}::text,
          'session', ${submission.session}::text,
          'created', count(*) filter (where created),
          'changed', count(*) filter (where changed),
          'unchanged', count(*) filter (where not created and not changed),
          'marks', coalesce(jsonb_agg(jsonb_build_object(
            'pupilId', pupil_id, 'markId', mark_id, 'code', code, 'version', version
          ) order by position), '[]'::jsonb),
          'replayed', false
        ),
        ${submission.at}
      from outcome
      having ${idempotency?.key ?? null}::text is not null and (select go from decision)
    )
    select d.go, d.known_user, d.calendar_current,
      s.request_hash as stored_hash, s.response as stored_response,
      o.pupil_id, coalesce(o.on_roll, true) as on_roll, o.current_id, o.current_version,
      coalesce(o.conflicting, false) as conflicting, coalesce(o.changing, false) as changing,
      o.mark_id, o.code, o.version,
      coalesce(o.created, false) as created, coalesce(o.changed, false) as changed
    from decision d
    left join outcome o on true
    left join stored s on o.position is null or o.position = 1
    order by o.position
  `.execute(db);
  return result.rows;
}

/** Says what the statement did, or why it wrote nothing, in the order a person fixes things. */
function readOutcome(
  submission: RegisterSubmission,
  rows: readonly OutcomeRow[],
): RegisterSubmissionOutcome {
  const first = rows[0];
  if (first === undefined) throw new Error('the register statement returned no verdict');
  if (first.stored_hash !== null && first.stored_response !== null)
    return { kind: 'key-used', requestHash: first.stored_hash, response: first.stored_response };
  if (!first.calendar_current) return { kind: 'calendar-changed' };
  if (!first.known_user) return { kind: 'unknown-user', userId: submission.recordedBy };
  const entries = rows.filter((row) => row.pupil_id !== null);
  const notOnRoll = entries.filter((row) => !row.on_roll).map((row) => row.pupil_id ?? 0);
  if (notOnRoll.length > 0) return { kind: 'not-on-roll', pupilIds: notOnRoll };
  const expectedVersions = new Map(
    submission.entries.map((entry) => [entry.pupilId, entry.expectedVersion ?? null]),
  );
  const conflicts = entries
    .filter((row) => row.conflicting)
    .map((row) => ({
      pupilId: row.pupil_id ?? 0,
      markId: row.current_id,
      expectedVersion: expectedVersions.get(row.pupil_id ?? 0) ?? null,
      actualVersion: row.current_version,
    }));
  if (conflicts.length > 0) return { kind: 'version-conflict', conflicts };
  const changing = entries.filter((row) => row.changing).map((row) => row.pupil_id ?? 0);
  if (!first.go && changing.length > 0) return { kind: 'reason-required', pupilIds: changing };
  if (!first.go) throw new Error('the register statement wrote nothing and gave no reason');
  const created = entries.filter((row) => row.created).length;
  const changed = entries.filter((row) => row.changed).length;
  return {
    kind: 'written',
    register: {
      created,
      changed,
      unchanged: entries.length - created - changed,
      marks: entries.map((row) => {
        if (row.mark_id === null || row.code === null || row.version === null)
          throw new Error('a register entry has no mark after the register was written');
        return {
          pupilId: row.pupil_id ?? 0,
          markId: row.mark_id,
          code: row.code,
          version: row.version,
        };
      }),
    },
  };
}
