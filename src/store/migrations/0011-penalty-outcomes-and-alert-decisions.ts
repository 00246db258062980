import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // What became of a notice: paid (when and how much) or withdrawn (and why).
  await sql`
    alter table penalty_notices
      add column paid_amount_pence integer check (paid_amount_pence > 0),
      add column withdrawal_reason text check (withdrawal_reason <> ''),
      add column outcome_recorded_by integer references users (id),
      add constraint penalty_notices_paid_has_amount
        check ((paid_on is null) = (paid_amount_pence is null)),
      add constraint penalty_notices_withdrawn_has_reason
        check ((withdrawn_on is null) = (withdrawal_reason is null)),
      add constraint penalty_notices_outcome_has_recorder
        check ((paid_on is null and withdrawn_on is null) = (outcome_recorded_by is null)),
      add constraint penalty_notices_paid_after_receipt
        check (paid_on is null or paid_on >= received_on),
      add constraint penalty_notices_withdrawn_after_issue
        check (withdrawn_on is null or withdrawn_on >= issued_on)
  `.execute(db);

  // Staff's answer to a rule alert that called for a case to open or advance: kept, so an
  // alert once decided is not proposed again.
  await sql`
    create table case_alert_decisions (
      id integer generated always as identity primary key,
      school_id integer not null references schools (id),
      pupil_id integer not null references pupils (id),
      rule text not null check (rule <> ''),
      alert_date date not null,
      alert_session session_name not null,
      decision text not null check (decision in ('accepted', 'dismissed')),
      stage integer not null check (stage >= 1),
      case_id integer references cases (id),
      reason text,
      decided_by integer not null references users (id),
      decided_at timestamptz not null,
      unique (school_id, pupil_id, rule, alert_date, alert_session),
      check (decision <> 'accepted' or case_id is not null),
      check (decision <> 'dismissed' or reason <> '')
    )
  `.execute(db);
  await sql`
    create index case_alert_decisions_school_idx on case_alert_decisions (school_id, pupil_id)
  `.execute(db);
}
