import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // One mark per pupil per school per session. The school is part of the key because a
  // dual-registered pupil has a register entry at each school. The composite foreign key
  // makes the enrolment belong to the same pupil and school as the mark.
  await sql`
    create table marks (
      id bigint generated always as identity primary key,
      school_id integer not null references schools (id),
      pupil_id integer not null references pupils (id),
      enrolment_id integer not null,
      date date not null,
      session session_name not null,
      code text not null check (char_length(code) between 1 and 2),
      version integer not null default 1 check (version >= 1),
      recorded_at timestamptz not null,
      recorded_by integer not null references users (id),
      constraint marks_one_per_pupil_session unique (school_id, pupil_id, date, session),
      foreign key (enrolment_id, school_id, pupil_id)
        references enrolments (id, school_id, pupil_id)
    )
  `.execute(db);
  await sql`create index marks_school_date_idx on marks (school_id, date)`.execute(db);
  await sql`create index marks_pupil_date_idx on marks (pupil_id, date)`.execute(db);
  await sql`create index marks_enrolment_id_idx on marks (enrolment_id)`.execute(db);

  // Who made a change is copied (name and role) so the history still reads true after a
  // user is renamed or changes role. Amendments (every entry after the first) need a reason.
  await sql`
    create table mark_history (
      id bigint generated always as identity primary key,
      mark_id bigint not null references marks (id),
      mark_version integer not null check (mark_version >= 1),
      previous_code text,
      new_code text not null,
      reason text,
      source text not null check (source in (
        'register', 'office', 'import', 'absence-report', 'reception', 'system'
      )),
      changed_at timestamptz not null,
      changed_by integer not null references users (id),
      changed_by_name text not null,
      changed_by_role text not null,
      check ((mark_version = 1) = (previous_code is null)),
      check (previous_code is null or (reason is not null and reason <> '')),
      unique (mark_id, mark_version)
    )
  `.execute(db);

  // The register's history is append-only. Deleting entries past the six-year retention
  // period is possible only through purge_register_entries_before() (migration 0007), which
  // sets rollcall.purging_expired_history for its own transaction and writes an audit entry.
  await sql`
    create function reject_mark_history_change() returns trigger
    language plpgsql as $$
    begin
      if tg_op = 'DELETE'
        and current_setting('rollcall.purging_expired_history', true) = 'on' then
        return old;
      end if;
      raise exception 'mark_history is append-only: % is not allowed', tg_op
        using errcode = 'restrict_violation',
              hint = 'Record a new history entry instead of changing an old one.';
    end
    $$
  `.execute(db);
  await sql`
    create trigger mark_history_is_append_only
      before update or delete on mark_history
      for each row execute function reject_mark_history_change()
  `.execute(db);
  await sql`
    create trigger mark_history_is_never_truncated
      before truncate on mark_history
      for each statement execute function reject_mark_history_change()
  `.execute(db);
  await sql`create index mark_history_mark_id_idx on mark_history (mark_id)`.execute(db);
  await sql`create index mark_history_changed_at_idx on mark_history (changed_at)`.execute(db);

  await sql`
    create table lessons (
      id integer generated always as identity primary key,
      school_id integer not null references schools (id),
      class_id integer not null references classes (id),
      teacher_user_id integer references users (id),
      subject text,
      weekday integer not null check (weekday between 1 and 7),
      period text not null,
      session session_name not null,
      starts_at wall_clock_time not null,
      ends_at wall_clock_time not null,
      valid_from date not null,
      valid_to date,
      check (starts_at < ends_at),
      check (valid_to is null or valid_from <= valid_to),
      unique (class_id, weekday, period, valid_from)
    )
  `.execute(db);
  await sql`create index lessons_school_weekday_idx on lessons (school_id, weekday)`.execute(db);

  await sql`
    create table lesson_marks (
      id bigint generated always as identity primary key,
      lesson_id integer not null references lessons (id),
      enrolment_id integer not null references enrolments (id),
      pupil_id integer not null references pupils (id),
      date date not null,
      code text not null check (char_length(code) between 1 and 2),
      version integer not null default 1 check (version >= 1),
      recorded_at timestamptz not null,
      recorded_by integer not null references users (id),
      unique (lesson_id, pupil_id, date)
    )
  `.execute(db);
  await sql`create index lesson_marks_pupil_date_idx on lesson_marks (pupil_id, date)`.execute(db);

  await sql`
    create table idempotency_keys (
      key text not null check (char_length(key) between 1 and 200),
      user_id integer not null references users (id),
      request_hash text not null,
      response jsonb not null,
      created_at timestamptz not null default now(),
      primary key (user_id, key)
    )
  `.execute(db);
  await sql`create index idempotency_keys_created_at_idx on idempotency_keys (created_at)`.execute(
    db,
  );
}
