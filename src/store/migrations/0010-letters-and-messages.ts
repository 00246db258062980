import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // The school's details for the head of its letters; the schools table holds only the name.
  await sql`
    create table school_letterheads (
      school_id integer primary key references schools (id),
      address text not null default '',
      phone text,
      email text,
      signatory text,
      updated_at timestamptz not null default now()
    )
  `.execute(db);

  // A school's own wording for a kind of letter; without a row the shipped default applies.
  await sql`
    create table letter_templates (
      id integer generated always as identity primary key,
      school_id integer not null references schools (id),
      kind text not null check (kind <> ''),
      title text not null check (title <> ''),
      email_subject text not null check (email_subject <> ''),
      body text not null check (body <> ''),
      updated_by integer not null references users (id),
      updated_at timestamptz not null,
      unique (school_id, kind)
    )
  `.execute(db);

  // Each letter as sent, PDF and all: evidence for a referral, so never changed afterwards.
  await sql`
    create table letters (
      id bigint generated always as identity primary key,
      school_id integer not null references schools (id),
      pupil_id integer not null references pupils (id),
      kind text not null check (kind <> ''),
      title text not null,
      delivery text not null check (delivery in ('email', 'print')),
      recipients text[] not null default '{}',
      sent_by integer not null references users (id),
      sent_by_name text not null,
      sent_at timestamptz not null,
      pdf bytea not null,
      pdf_sha256 text not null check (char_length(pdf_sha256) = 64)
    )
  `.execute(db);
  await sql`create index letters_pupil_idx on letters (pupil_id, sent_at)`.execute(db);
  await sql`
    create function reject_letter_change() returns trigger
    language plpgsql as $$
    begin
      raise exception 'letters are kept as sent: % is not allowed', tg_op
        using errcode = 'restrict_violation';
    end
    $$
  `.execute(db);
  await sql`
    create trigger letters_are_kept_as_sent
      before update or delete on letters
      for each row execute function reject_letter_change()
  `.execute(db);

  // Every email and text message goes through here, so a failed delivery is retried, not lost.
  await sql`
    create table outbound_messages (
      id bigint generated always as identity primary key,
      school_id integer not null references schools (id),
      pupil_id integer references pupils (id),
      channel text not null check (channel in ('email', 'sms')),
      recipient text not null check (recipient <> ''),
      subject text not null,
      body text not null,
      letter_id bigint references letters (id),
      dedupe_key text unique,
      status text not null default 'queued' check (status in ('queued', 'sent', 'failed')),
      attempts integer not null default 0 check (attempts >= 0),
      last_error text,
      next_attempt_at timestamptz,
      created_at timestamptz not null,
      sent_at timestamptz,
      check ((status = 'sent') = (sent_at is not null)),
      check (status <> 'queued' or next_attempt_at is not null)
    )
  `.execute(db);
  await sql`
    create index outbound_messages_due_idx on outbound_messages (next_attempt_at)
      where status in ('queued', 'failed')
  `.execute(db);
  await sql`
    create index outbound_messages_school_idx on outbound_messages (school_id, created_at)
  `.execute(db);

  // The default SMS provider: texts wait here for a gateway (or a person) to send them on.
  await sql`
    create table sms_outbox (
      id bigint generated always as identity primary key,
      message_id bigint not null references outbound_messages (id),
      phone text not null check (phone <> ''),
      body text not null,
      created_at timestamptz not null
    )
  `.execute(db);
}
