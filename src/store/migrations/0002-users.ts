import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // A user's scope decides what they may see: a school, a whole trust, or (for LA officers)
  // the schools of one local authority. Parents reach pupils through contacts instead.
  await sql`
    create table users (
      id integer generated always as identity primary key,
      email text not null check (email = lower(email) and email like '%_@_%'),
      display_name text not null check (display_name <> ''),
      password_hash text,
      role text not null check (role in (
        'admin', 'headteacher', 'attendance_lead', 'attendance_officer', 'office',
        'teacher', 'governor', 'parent', 'la_officer'
      )),
      school_id integer references schools (id),
      trust_id integer references trusts (id),
      local_authority_id integer references local_authorities (id),
      deactivated_at timestamptz,
      created_at timestamptz not null default now(),
      check (num_nonnulls(school_id, trust_id, local_authority_id) <= 1),
      check ((role = 'la_officer') = (local_authority_id is not null)),
      check (role <> 'parent' or (school_id is null and trust_id is null)),
      check (role in ('parent', 'la_officer') or school_id is not null or trust_id is not null)
    )
  `.execute(db);
  await sql`create unique index users_email_key on users (email)`.execute(db);

  await sql`
    create table auth_sessions (
      id integer generated always as identity primary key,
      token_hash text not null unique,
      user_id integer not null references users (id) on delete cascade,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null
    )
  `.execute(db);
  await sql`create index auth_sessions_user_id_idx on auth_sessions (user_id)`.execute(db);

  await sql`
    create table login_attempts (
      id bigint generated always as identity primary key,
      email text not null,
      ip_address text not null,
      succeeded boolean not null,
      attempted_at timestamptz not null default now()
    )
  `.execute(db);
  await sql`
    create index login_attempts_email_idx on login_attempts (email, attempted_at)
  `.execute(db);
  await sql`
    create index login_attempts_ip_address_idx on login_attempts (ip_address, attempted_at)
  `.execute(db);
}
