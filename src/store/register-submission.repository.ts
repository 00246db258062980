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
 * Submissions that arrive together share one statement (see RegisterWriteQueue), each still
 * decided on its own.
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

/** One row per submission: its verdict, and what a person needs to put a refusal right. */
interface OutcomeRow {
  /** Which submission of the batch the row answers. */
  readonly batch_index: number;
  readonly go: boolean;
  readonly known_user: boolean;
  readonly calendar_current: boolean;
  readonly stored_hash: string | null;
  readonly stored_response: Record<string, unknown> | null;
  readonly not_on_roll: number[];
  /** [pupil id, current mark id or null, current version or null] for each stale entry. */
  readonly conflicts: [number, number | null, number | null][];
  readonly changing: number[];
  /** The answer as the caller returns it (and as saved under the key), in entry order. */
  readonly response: {
    readonly created: number;
    readonly changed: number;
    readonly unchanged: number;
    readonly marks: { pupilId: number; markId: number; code: string; version: number }[];
  };
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
  const [outcome] = await writeRegisterSubmissions(db, [submission]);
  if (outcome === undefined) throw new Error('the register statement answered no submission');
  return outcome;
}

/**
 * Writes several submissions in one statement, each decided on its own: one refused (a
 * version conflict, say) writes nothing of its own and stops none of the others. The
 * submissions must not share a pupil or an idempotency key (RegisterWriteQueue keeps them
 * apart); outcomes come back in the order of the submissions.
 */
export async function writeRegisterSubmissions(
  db: Executor,
  submissions: readonly RegisterSubmission[],
): Promise<RegisterSubmissionOutcome[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      const rows = await runSubmissions(db, submissions);
      return submissions.map((submission, index) => readOutcome(submission, rows[index]));
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

async function runSubmissions(
  db: Executor,
  submissions: readonly RegisterSubmission[],
): Promise<readonly OutcomeRow[]> {
  // Entries travel as comma-separated lists that PostgreSQL unnests, so the statement has the
  // same few parameters whatever the number of pupils. Codes have been checked against the
  // code tables, which have no commas; 'null' stands for a null version. Sorted by pupil, so
  // that overlapping statements lock marks in the same order.
  const sorted = submissions
    .flatMap((submission, batchIndex) =>
      submission.entries.map((entry, index) => ({ ...entry, batchIndex, position: index + 1 })),
    )
    .sort((a, b) => a.pupilId - b.pupilId);
  const list = (read: (entry: (typeof sorted)[number]) => string | number | boolean | null) =>
    sorted.map((entry) => String(read(entry) ?? '')).join(',');
  // Everything else about a submission, including free text, travels as JSON.
  const described = JSON.stringify(
    submissions.map((submission, batchIndex) => ({
      batch_index: batchIndex,
      school_id: submission.schoolId,
      class_id: submission.classId,
      date: submission.date,
      session: submission.session,
      recorded_by: submission.recordedBy,
      recorder_name: submission.recorder?.name ?? null,
      recorder_role: submission.recorder?.role ?? null,
      source: submission.source,
      reason: submission.reason,
      has_reason: submission.reason !== null && submission.reason.trim() !== '',
      at: submission.at.toISOString(),
      key: submission.idempotency?.key ?? null,
      request_hash: submission.idempotency?.requestHash ?? null,
      calendar_version: submission.calendarVersion,
    })),
  );
  const result = await sql<OutcomeRow>`
    with submission as (
      select * from jsonb_to_recordset(${described}::jsonb) as s (
        batch_index integer, school_id integer, class_id integer, date date,
        session session_name, recorded_by integer, recorder_name text, recorder_role text,
        source text, reason text, has_reason boolean, at timestamptz, key text,
        request_hash text, calendar_version bigint
      )
    ),
    entry as (
      select * from unnest(
        string_to_array(${list((entry) => entry.batchIndex)}, ',')::integer[],
        string_to_array(${list((entry) => entry.pupilId)}, ',')::integer[],
        string_to_array(${list((entry) => entry.code)}, ','),
        string_to_array(${list((entry) => entry.expectedVersion ?? 'null')}, ',', 'null')::integer[],
        string_to_array(${list((entry) => entry.expectedVersion !== undefined)}, ',')::boolean[],
        string_to_array(${list((entry) => entry.position)}, ',')::integer[]
      ) as e (batch_index, pupil_id, code, expected_version, checks_version, position)
    ),
    stored as (
      select s.batch_index, k.request_hash, k.response
      from submission s
      join idempotency_keys k on k.user_id = s.recorded_by and k.key = s.key
    ),
    changer as (
      select s.batch_index, u.id,
        coalesce(s.recorder_name, u.display_name) as name,
        coalesce(s.recorder_role, u.role) as role
      from submission s
      join users u on u.id = s.recorded_by
    ),
    -- The lookups below go pupil by pupil, each through the index that leads with the pupil:
    -- OFFSET 0 keeps the planner from merging them into a scan of the whole school's rows,
    -- which it may prefer when the table's statistics are missing or out of date (today's
    -- date, say, which the statistics have not seen yet).
    roll as (
      select e.batch_index, e.pupil_id, max(en.id) as enrolment_id
      from entry e
      join submission s on s.batch_index = e.batch_index
      cross join lateral (
        select * from enrolments where pupil_id = e.pupil_id offset 0
      ) en
      where en.school_id = s.school_id
        and en.on_roll_from <= s.date
        and (en.on_roll_to is null or en.on_roll_to >= s.date)
        and (s.class_id is null
          or en.class_id = s.class_id
          or exists (
            select 1 from class_members cm
            where cm.enrolment_id = en.id and cm.class_id = s.class_id
          ))
      group by e.batch_index, e.pupil_id
    ),
    current as (
      -- Locked now, so nothing changes them between the checks and the writes below.
      select e.batch_index, m.id, m.pupil_id, m.code, m.version
      from entry e
      join submission s on s.batch_index = e.batch_index
      cross join lateral (
        select id, pupil_id, school_id, code, version from marks
        where pupil_id = e.pupil_id and date = s.date and session = s.session
        offset 0
        for update
      ) m
      where m.school_id = s.school_id
    ),
    checked as (
      select e.batch_index, e.position, e.pupil_id, e.code, r.enrolment_id,
        c.id as current_id, c.code as current_code, c.version as current_version,
        coalesce(e.checks_version and e.expected_version is distinct from c.version, false)
          as conflicting,
        coalesce(c.code <> e.code, false) as changing
      from entry e
      left join roll r on r.batch_index = e.batch_index and r.pupil_id = e.pupil_id
      left join current c on c.batch_index = e.batch_index and c.pupil_id = e.pupil_id
    ),
    verdict as (
      -- Aggregates read every row of checked, so every current mark is locked before
      -- anything below is written.
      select s.batch_index,
        exists (select 1 from changer ch where ch.batch_index = s.batch_index) as known_user,
        s.calendar_version is null or exists (
          select 1 from schools
          where id = s.school_id and calendar_version = s.calendar_version
        ) as calendar_current,
        count(c.pupil_id) filter (where c.enrolment_id is null) = 0
          and count(c.pupil_id) filter (where c.conflicting) = 0
          and (s.has_reason or count(c.pupil_id) filter (where c.changing) = 0)
          as entries_acceptable
      from submission s
      left join checked c on c.batch_index = s.batch_index
      group by s.batch_index, s.school_id, s.calendar_version, s.has_reason
    ),
    decision as (
      select v.*, v.known_user and v.calendar_current and v.entries_acceptable
        and not exists (select 1 from stored st where st.batch_index = v.batch_index) as go
      from verdict v
    ),
    created as (
      insert into marks (
        school_id, pupil_id, enrolment_id, date, session, code, recorded_at, recorded_by
      )
      select s.school_id, c.pupil_id, c.enrolment_id, s.date, s.session, c.code, s.at,
        s.recorded_by
      from checked c
      join submission s on s.batch_index = c.batch_index
      join decision d on d.batch_index = c.batch_index
      where c.current_id is null and d.go
      order by c.pupil_id
      returning id, pupil_id, code, version
    ),
    changed as (
      update marks m
      set code = c.code, version = m.version + 1, recorded_at = s.at, recorded_by = s.recorded_by
      from checked c
      join submission s on s.batch_index = c.batch_index
      join decision d on d.batch_index = c.batch_index
      where m.id = any (array(select current_id from checked where changing))
        and m.id = c.current_id and d.go
      returning m.id, m.pupil_id, m.code, m.version, c.current_code as previous_code
    ),
    written as (
      -- A pupil is in one submission of the batch, so the pupil finds the submission.
      select e.batch_index, w.id, w.pupil_id, w.version, w.previous_code, w.code
      from (
        select id, pupil_id, version, null::text as previous_code, code from created
        union all
        select id, pupil_id, version, previous_code, code from changed
      ) w
      join entry e on e.pupil_id = w.pupil_id
    ),
    history as (
      insert into mark_history (
        mark_id, mark_version, previous_code, new_code, reason, source,
        changed_at, changed_by, changed_by_name, changed_by_role
      )
      select w.id, w.version, w.previous_code, w.code, s.reason, s.source, s.at,
        ch.id, ch.name, ch.role
      from written w
      join submission s on s.batch_index = w.batch_index
      join changer ch on ch.batch_index = w.batch_index
    ),
    outcome as (
      select c.batch_index, c.position, c.pupil_id,
        coalesce(w.id, c.current_id) as mark_id,
        coalesce(w.code, c.current_code) as code,
        coalesce(w.version, c.current_version) as version,
        w.id is not null and w.previous_code is null as created,
        w.id is not null and w.previous_code is not null as changed
      from checked c
      left join written w on w.pupil_id = c.pupil_id
    ),
    answer as (
      select s.batch_index,
        jsonb_build_object(
          'date', s.date::text,
          'session', s.session::text,
          'created', count(o.pupil_id) filter (where o.created),
          'changed', count(o.pupil_id) filter (where o.changed),
          'unchanged', count(o.pupil_id) filter (where not o.created and not o.changed),
          'marks', coalesce(jsonb_agg(jsonb_build_object(
            'pupilId', o.pupil_id, 'markId', o.mark_id, 'code', o.code, 'version', o.version
          ) order by o.position) filter (where o.pupil_id is not null), '[]'::jsonb),
          'replayed', false
        ) as response
      from submission s
      left join outcome o on o.batch_index = s.batch_index
      group by s.batch_index, s.date, s.session
    ),
    saved as (
      -- The response exactly as the caller returns it, so a retry can be answered alike.
      insert into idempotency_keys (user_id, key, request_hash, response, created_at)
      select s.recorded_by, s.key, s.request_hash, a.response, s.at
      from submission s
      join decision d on d.batch_index = s.batch_index
      join answer a on a.batch_index = s.batch_index
      where s.key is not null and d.go
    ),
    problems as (
      select c.batch_index,
        coalesce(array_agg(c.pupil_id order by c.position)
          filter (where c.enrolment_id is null), '{}') as not_on_roll,
        coalesce(jsonb_agg(jsonb_build_array(c.pupil_id, c.current_id, c.current_version)
          order by c.position) filter (where c.conflicting), '[]'::jsonb) as conflicts,
        coalesce(array_agg(c.pupil_id order by c.position)
          filter (where c.changing), '{}') as changing
      from checked c
      group by c.batch_index
    )
    select d.batch_index, d.go, d.known_user, d.calendar_current,
      st.request_hash as stored_hash, st.response as stored_response,
      coalesce(p.not_on_roll, '{}') as not_on_roll,
      coalesce(p.conflicts, '[]'::jsonb) as conflicts,
      coalesce(p.changing, '{}') as changing,
      a.response
    from decision d
    join answer a on a.batch_index = d.batch_index
    left join problems p on p.batch_index = d.batch_index
    left join stored st on st.batch_index = d.batch_index
    order by d.batch_index
  `.execute(db);
  return result.rows;
}

/** Says what the statement did, or why it wrote nothing, in the order a person fixes things. */
function readOutcome(
  submission: RegisterSubmission,
  row: OutcomeRow | undefined,
): RegisterSubmissionOutcome {
  if (row === undefined) throw new Error('the register statement returned no verdict');
  if (row.stored_hash !== null && row.stored_response !== null)
    return { kind: 'key-used', requestHash: row.stored_hash, response: row.stored_response };
  if (!row.calendar_current) return { kind: 'calendar-changed' };
  if (!row.known_user) return { kind: 'unknown-user', userId: submission.recordedBy };
  if (row.not_on_roll.length > 0) return { kind: 'not-on-roll', pupilIds: row.not_on_roll };
  if (row.conflicts.length > 0) {
    const expectedVersions = new Map(
      submission.entries.map((entry) => [entry.pupilId, entry.expectedVersion ?? null]),
    );
    return {
      kind: 'version-conflict',
      conflicts: row.conflicts.map(([pupilId, markId, actualVersion]) => ({
        pupilId,
        markId,
        expectedVersion: expectedVersions.get(pupilId) ?? null,
        actualVersion,
      })),
    };
  }
  if (!row.go && row.changing.length > 0)
    return { kind: 'reason-required', pupilIds: row.changing };
  if (!row.go) throw new Error('the register statement wrote nothing and gave no reason');
  const { created, changed, unchanged, marks } = row.response;
  return { kind: 'written', register: { created, changed, unchanged, marks } };
}
