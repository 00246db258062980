import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table leave_requests (
      id integer generated always as identity primary key,
      school_id integer not null references schools (id),
      pupil_id integer not null references pupils (id),
      requested_by integer not null references users (id),
      source text not null check (source in ('parent', 'office')),
      purpose text not null check (purpose in ('holiday', 'extended-holiday', 'exceptional')),
      reason text not null check (reason <> ''),
      evidence text,
      from_date date not null,
      from_session session_name not null,
      to_date date not null,
      to_session session_name not null,
      agreed_return date,
      exceptional_test_required boolean not null default false,
      status text not null default 'pending'
        check (status in ('pending', 'granted', 'part-granted', 'refused')),
      decided_by integer references users (id),
      decided_at timestamptz,
      decision_reason text,
      created_at timestamptz not null default now(),
      check ((from_date, from_session::text) <= (to_date, to_session::text)),
      check ((status = 'pending') = (decided_at is null)),
      check (status = 'pending' or (decided_by is not null and decision_reason <> ''))
    )
  `.execute(db);
  await sql`create index leave_requests_pupil_idx on leave_requests (pupil_id, from_date)`.execute(
    db,
  );
  await sql`
    create index leave_requests_pending_idx on leave_requests (school_id) where status = 'pending'
  `.execute(db);

  // The decision per session: what the parent was told and what the register will carry.
  await sql`
    create table leave_request_sessions (
      leave_request_id integer not null references leave_requests (id),
      date date not null,
      session session_name not null,
      granted boolean not null,
      code text not null check (char_length(code) between 1 and 2),
      primary key (leave_request_id, date, session)
    )
  `.execute(db);

  await sql`
    create table follow_up_tasks (
      id integer generated always as identity primary key,
      school_id integer not null references schools (id),
      pupil_id integer not null references pupils (id),
      workflow text not null,
      step text not null,
      absence_day integer not null check (absence_day >= 1),
      absence_started_on date not null,
      due_on date not null,
      assigned_role text not null,
      escalate_to_role text not null,
      escalated_at timestamptz,
      done_at timestamptz,
      done_by integer references users (id),
      outcome text,
      created_at timestamptz not null default now(),
      unique (pupil_id, absence_started_on, step, absence_day),
      check ((done_at is null) = (done_by is null))
    )
  `.execute(db);
  await sql`
    create index follow_up_tasks_open_idx on follow_up_tasks (school_id, due_on) where done_at is null
  `.execute(db);

  await sql`
    create table cases (
      id integer generated always as identity primary key,
      school_id integer not null references schools (id),
      pupil_id integer not null references pupils (id),
      ladder text not null,
      stage integer not null check (stage >= 1),
      opened_at timestamptz not null,
      opened_by integer not null references users (id),
      closed_at timestamptz,
      closed_by integer references users (id),
      notes text,
      check ((closed_at is null) = (closed_by is null))
    )
  `.execute(db);
  // One open case per pupil per school: a second would split the evidence.
  await sql`
    create unique index cases_one_open_idx on cases (school_id, pupil_id) where closed_at is null
  `.execute(db);

  await sql`
    create table case_events (
      id bigint generated always as identity primary key,
      case_id integer not null references cases (id),
      kind text not null check (kind in (
        'opened', 'stage-changed', 'closed', 'meeting', 'action-plan', 'attendance-contract',
        'parenting-contract', 'engagement-plan', 'reintegration-plan', 'part-time-timetable',
        'referral', 'notice-to-improve', 'penalty-notice', 'note')),
      occurred_on date not null,
      summary text not null check (summary <> ''),
      details jsonb not null default '{}',
      review_on date,
      due_on date,
      recorded_by integer not null references users (id),
      recorded_at timestamptz not null default now()
    )
  `.execute(db);
  await sql`create index case_events_case_idx on case_events (case_id, id)`.execute(db);
  // Evidence for a referral or prosecution: corrections are new events, never edits.
  await sql`
    create function reject_case_event_change() returns trigger
    language plpgsql as $$
    begin
      raise exception 'case_events is append-only: % is not allowed', tg_op
        using errcode = 'restrict_violation';
    end
    $$
  `.execute(db);
  await sql`
    create trigger case_events_are_append_only
      before update or delete on case_events
      for each row execute function reject_case_event_change()
  `.execute(db);
  await sql`
    create trigger case_events_are_never_truncated
      before truncate on case_events
      for each statement execute function reject_case_event_change()
  `.execute(db);

  await sql`
    create table penalty_notices (
      id integer generated always as identity primary key,
      school_id integer not null references schools (id),
      pupil_id integer not null references pupils (id),
      contact_id integer not null references contacts (id),
      case_id integer references cases (id),
      ordinal integer not null check (ordinal >= 1),
      issued_on date not null,
      received_on date not null,
      reduced_amount_pence integer check (reduced_amount_pence > 0),
      reduced_due_on date,
      amount_pence integer not null check (amount_pence > 0),
      due_on date not null,
      paid_on date,
      withdrawn_on date,
      issued_by integer not null references users (id),
      created_at timestamptz not null default now(),
      check (received_on >= issued_on),
      check ((reduced_amount_pence is null) = (reduced_due_on is null)),
      check (paid_on is null or withdrawn_on is null)
    )
  `.execute(db);
  await sql`
    create index penalty_notices_parent_child_idx on penalty_notices (contact_id, pupil_id, issued_on)
  `.execute(db);
}
