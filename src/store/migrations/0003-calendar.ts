import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Academies set their own term dates, so the calendar belongs to each school.
  await sql`
    create table academic_years (
      id integer generated always as identity primary key,
      school_id integer not null references schools (id),
      name text not null,
      starts_on date not null,
      ends_on date not null,
      check (starts_on < ends_on),
      unique (school_id, starts_on),
      unique (school_id, name)
    )
  `.execute(db);

  await sql`
    create table terms (
      id integer generated always as identity primary key,
      academic_year_id integer not null references academic_years (id) on delete cascade,
      name text not null,
      starts_on date not null,
      ends_on date not null,
      check (starts_on <= ends_on),
      unique (academic_year_id, starts_on)
    )
  `.execute(db);

  // A closure can start or end at a session boundary (closed for the afternoon only).
  await sql`
    create table closures (
      id integer generated always as identity primary key,
      school_id integer not null references schools (id),
      starts_on date not null,
      starts_session session_name not null default 'AM',
      ends_on date not null,
      ends_session session_name not null default 'PM',
      reason text not null check (reason <> ''),
      check ((starts_on, starts_session::text) <= (ends_on, ends_session::text))
    )
  `.execute(db);
  await sql`create index closures_school_id_idx on closures (school_id, starts_on)`.execute(db);
}
