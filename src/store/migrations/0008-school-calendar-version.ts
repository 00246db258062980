import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // A counter that moves whenever anything a school's compiled calendar is built from
  // changes: the school row itself, its academic years, terms or closures. Servers keep the
  // compiled calendar in memory and compare this one number before reusing it, so an edit
  // made by any process (or by hand in psql) is seen on the next request.
  await sql`alter table schools add column calendar_version bigint not null default 1`.execute(db);

  await sql`
    create function bump_school_calendar_version() returns trigger
    language plpgsql as $$
    begin
      new.calendar_version := old.calendar_version + 1;
      return new;
    end
    $$
  `.execute(db);
  await sql`
    create trigger schools_bump_calendar_version
      before update on schools
      for each row execute function bump_school_calendar_version()
  `.execute(db);

  // Terms belong to a school through their academic year; years and closures name it.
  await sql`
    create function touch_school_calendar() returns trigger
    language plpgsql as $$
    declare
      touched_school_ids integer[] := '{}';
    begin
      if tg_table_name = 'terms' then
        select coalesce(array_agg(school_id), '{}') into touched_school_ids
        from academic_years
        where id in (
          case when tg_op <> 'DELETE' then new.academic_year_id end,
          case when tg_op <> 'INSERT' then old.academic_year_id end
        );
      else
        if tg_op <> 'DELETE' then
          touched_school_ids := touched_school_ids || new.school_id;
        end if;
        if tg_op <> 'INSERT' then
          touched_school_ids := touched_school_ids || old.school_id;
        end if;
      end if;
      update schools set calendar_version = calendar_version + 1
      where id = any (touched_school_ids);
      return null;
    end
    $$
  `.execute(db);
  for (const table of ['academic_years', 'terms', 'closures']) {
    await sql`
      create trigger ${sql.id(`${table}_touch_school_calendar`)}
        after insert or update or delete on ${sql.table(table)}
        for each row execute function touch_school_calendar()
    `.execute(db);
  }
}
