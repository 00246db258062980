import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table year_groups (
      id integer generated always as identity primary key,
      school_id integer not null references schools (id),
      name text not null,
      national_curriculum_year text not null check (national_curriculum_year ~ '^(N1|N2|R|[1-9]|1[0-4])$'),
      sort_order integer not null,
      unique (school_id, name)
    )
  `.execute(db);

  await sql`
    create table classes (
      id integer generated always as identity primary key,
      school_id integer not null references schools (id),
      academic_year_id integer not null references academic_years (id),
      year_group_id integer references year_groups (id),
      name text not null,
      kind text not null check (kind in ('registration', 'teaching')),
      unique (academic_year_id, name)
    )
  `.execute(db);
  await sql`create index classes_school_id_idx on classes (school_id)`.execute(db);

  await sql`
    create table class_teachers (
      class_id integer not null references classes (id) on delete cascade,
      user_id integer not null references users (id),
      primary key (class_id, user_id)
    )
  `.execute(db);
  await sql`create index class_teachers_user_id_idx on class_teachers (user_id)`.execute(db);

  // The UPN is 13 characters: a check letter, LA and establishment numbers, year and serial;
  // a temporary UPN ends in a letter.
  await sql`
    create table pupils (
      id integer generated always as identity primary key,
      upn text not null unique check (upn ~ '^[A-Z][0-9]{11}[0-9A-Z]$'),
      legal_first_name text not null,
      legal_last_name text not null,
      preferred_first_name text,
      preferred_last_name text,
      date_of_birth date not null,
      sex text not null check (sex in ('M', 'F')),
      ethnicity text,
      sen_status text not null default 'N' check (sen_status in ('N', 'K', 'E')),
      free_school_meals boolean not null default false,
      pupil_premium boolean not null default false,
      english_additional_language boolean not null default false,
      looked_after boolean not null default false,
      child_in_need boolean not null default false,
      young_carer boolean not null default false,
      created_at timestamptz not null default now()
    )
  `.execute(db);

  // Dual registration: a pupil on two rolls is 'main' at one school and 'subsidiary' at the other.
  await sql`
    create table enrolments (
      id integer generated always as identity primary key,
      school_id integer not null references schools (id),
      pupil_id integer not null references pupils (id),
      on_roll_from date not null,
      on_roll_to date,
      registration_status text not null default 'single'
        check (registration_status in ('single', 'main', 'subsidiary')),
      year_group_id integer references year_groups (id),
      class_id integer references classes (id),
      check (on_roll_to is null or on_roll_from <= on_roll_to),
      unique (id, school_id, pupil_id)
    )
  `.execute(db);
  await sql`create index enrolments_school_id_idx on enrolments (school_id, on_roll_from)`.execute(
    db,
  );
  await sql`create index enrolments_pupil_id_idx on enrolments (pupil_id)`.execute(db);
  await sql`create index enrolments_class_id_idx on enrolments (class_id)`.execute(db);

  await sql`
    create table class_members (
      class_id integer not null references classes (id) on delete cascade,
      enrolment_id integer not null references enrolments (id) on delete cascade,
      primary key (class_id, enrolment_id)
    )
  `.execute(db);
  await sql`create index class_members_enrolment_id_idx on class_members (enrolment_id)`.execute(
    db,
  );

  // Priority is deferrable so contacts can be reordered within one transaction.
  await sql`
    create table contacts (
      id integer generated always as identity primary key,
      pupil_id integer not null references pupils (id) on delete cascade,
      user_id integer references users (id),
      name text not null,
      relationship text not null,
      parental_responsibility boolean not null,
      emergency_contact boolean not null default true,
      phone text,
      email text,
      priority integer not null check (priority >= 1),
      constraint contacts_pupil_priority_key unique (pupil_id, priority)
        deferrable initially immediate
    )
  `.execute(db);
  await sql`create index contacts_user_id_idx on contacts (user_id)`.execute(db);
}
