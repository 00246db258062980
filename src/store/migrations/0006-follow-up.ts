import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table absence_reports (
      id integer generated always as identity primary key,
      school_id integer not null references schools (id),
      pupil_id integer not null references pupils (id),
      reported_by integer not null references users (id),
      contact_id integer references contacts (id),
      source text not null check (source in ('parent', 'office')),
      reason text not null check (reason <> ''),
      suggested_code text check (char_length(suggested_code) between 1 and 2),
      from_date date not null,
      from_session session_name not null,
      to_date date not null,
      to_session session_name not null,
      expected_return date,
      created_at timestamptz not null default now(),
      check ((from_date, from_session::text) <= (to_date, to_session::text)),
      check (expected_return is null or expected_return >= from_date)
    )
  `.execute(db);
  await sql`
    create index absence_reports_school_date_idx on absence_reports (school_id, from_date)
  `.execute(db);
  await sql`create index absence_reports_pupil_id_idx on absence_reports (pupil_id)`.execute(db);

  await sql`
    create table sign_events (
      id bigint generated always as identity primary key,
      school_id integer not null references schools (id),
      pupil_id integer not null references pupils (id),
      date date not null,
      time wall_clock_time not null,
      direction text not null check (direction in ('in', 'out')),
      reason text,
      recorded_by integer not null references users (id),
      recorded_at timestamptz not null default now()
    )
  `.execute(db);
  await sql`create index sign_events_school_date_idx on sign_events (school_id, date)`.execute(db);
  await sql`create index sign_events_pupil_date_idx on sign_events (pupil_id, date)`.execute(db);

  await sql`
    create table contact_attempts (
      id bigint generated always as identity primary key,
      school_id integer not null references schools (id),
      pupil_id integer not null references pupils (id),
      contact_id integer references contacts (id),
      attempted_at timestamptz not null,
      outcome text not null check (outcome in ('reached', 'no-answer', 'message-left', 'reason-given')),
      note text,
      made_by integer not null references users (id)
    )
  `.execute(db);
  await sql`
    create index contact_attempts_pupil_idx on contact_attempts (pupil_id, attempted_at)
  `.execute(db);

  // No foreign key to pupils: the audit trail must outlive the records it describes.
  await sql`
    create table audit_log (
      id bigint generated always as identity primary key,
      actor_user_id integer references users (id),
      action text not null check (action <> ''),
      subject_pupil_id integer,
      details jsonb not null default '{}',
      occurred_at timestamptz not null default now()
    )
  `.execute(db);
  await sql`create index audit_log_occurred_at_idx on audit_log (occurred_at)`.execute(db);
  await sql`
    create index audit_log_subject_pupil_idx on audit_log (subject_pupil_id, occurred_at)
  `.execute(db);

  await sql`
    create function reject_audit_log_change() returns trigger
    language plpgsql as $$
    begin
      raise exception 'audit_log is append-only: % is not allowed', tg_op
        using errcode = 'restrict_violation';
    end
    $$
  `.execute(db);
  await sql`
    create trigger audit_log_is_append_only
      before update or delete on audit_log
      for each row execute function reject_audit_log_change()
  `.execute(db);
  await sql`
    create trigger audit_log_is_never_truncated
      before truncate on audit_log
      for each statement execute function reject_audit_log_change()
  `.execute(db);
}
