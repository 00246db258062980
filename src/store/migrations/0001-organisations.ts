import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Register times are wall-clock times in Europe/London, compared as 'HH:MM' strings.
  await sql`
    create domain wall_clock_time as text
      check (value ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$')
  `.execute(db);

  await sql`
    create domain session_name as text
      check (value in ('AM', 'PM'))
  `.execute(db);

  await sql`
    create table trusts (
      id integer generated always as identity primary key,
      name text not null unique,
      created_at timestamptz not null default now()
    )
  `.execute(db);

  await sql`
    create table local_authorities (
      id integer generated always as identity primary key,
      code text not null unique check (code ~ '^[0-9]{3}$'),
      name text not null
    )
  `.execute(db);

  await sql`
    create table schools (
      id integer generated always as identity primary key,
      trust_id integer references trusts (id),
      local_authority_id integer not null references local_authorities (id),
      urn text unique check (urn ~ '^[0-9]{6,7}$'),
      name text not null,
      jurisdiction text not null check (jurisdiction in ('england', 'wales')),
      phase text not null check (phase in ('primary', 'secondary')),
      policy_preset text not null,
      policy_settings jsonb not null default '{}',
      custom_policy_yaml text,
      am_register_opens wall_clock_time not null,
      am_register_closes wall_clock_time not null,
      pm_register_opens wall_clock_time not null,
      pm_register_closes wall_clock_time not null,
      created_at timestamptz not null default now(),
      check (am_register_opens < am_register_closes),
      check (am_register_closes <= pm_register_opens),
      check (pm_register_opens < pm_register_closes)
    )
  `.execute(db);

  await sql`create index schools_trust_id_idx on schools (trust_id)`.execute(db);
  await sql`create index schools_local_authority_id_idx on schools (local_authority_id)`.execute(
    db,
  );
}
