import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Register entries are kept for six years from when they were made (England: the 2024
  // regulations; Wales: the 2010 regulations). Deleting them afterwards is a deliberate act:
  // this function is the only door past the append-only trigger, refuses a cutoff less than
  // six years ago, deletes a mark only when every entry in its history predates the cutoff,
  // and records what it did in the audit log.
  await sql`
    create function purge_register_entries_before(cutoff date, actor_user_id integer)
    returns integer
    language plpgsql as $$
    declare
      expired_mark_ids bigint[];
      purged_history integer;
    begin
      if cutoff > (current_date - interval '6 years')::date then
        raise exception 'register entries must be kept for six years; % is too recent', cutoff
          using errcode = 'check_violation';
      end if;

      select coalesce(array_agg(m.id), '{}') into expired_mark_ids
      from marks m
      where m.date < cutoff
        and not exists (
          select 1 from mark_history h
          where h.mark_id = m.id and h.changed_at >= cutoff
        );

      perform set_config('rollcall.purging_expired_history', 'on', true);
      delete from mark_history where mark_id = any (expired_mark_ids);
      get diagnostics purged_history = row_count;
      perform set_config('rollcall.purging_expired_history', 'off', true);

      delete from marks where id = any (expired_mark_ids);

      insert into audit_log (actor_user_id, action, details)
      values (
        actor_user_id,
        'register.retention-purge',
        jsonb_build_object(
          'cutoff', cutoff,
          'marks', cardinality(expired_mark_ids),
          'historyEntries', purged_history
        )
      );
      return cardinality(expired_mark_ids);
    end
    $$
  `.execute(db);
}
