import { addDays } from '../domain/calendar/plain-date.ts';
import type { IsoDate } from '../domain/calendar/plain-date.ts';
import {
  buildSchoolCalendar,
  type ClosureInput,
  type SchoolCalendar,
  type SessionName,
  type TermInput,
} from '../domain/calendar/school-calendar.ts';
import type { InputProblem } from '../domain/problem.ts';
import { err, ok, type Result } from '../domain/result.ts';
import {
  findSchool,
  findSchoolCalendarVersion,
  listAcademicYears,
  listClosures,
  type School,
} from '../store/school.repository.ts';
import type { Executor } from '../store/transaction.ts';

export type SchoolCalendarError =
  | { readonly kind: 'school-not-found'; readonly schoolId: number }
  | { readonly kind: 'calendar-invalid'; readonly problems: readonly InputProblem[] };

export interface LoadedSchoolCalendar {
  readonly school: School;
  readonly terms: readonly TermInput[];
  /** Whole closed days, removed from the school days. */
  readonly closures: readonly ClosureInput[];
  /** Sessions closed by a closure that starts in the afternoon or ends in the morning. */
  readonly closedSessions: readonly { readonly date: IsoDate; readonly session: SessionName }[];
  readonly calendar: SchoolCalendar;
}

/** A school and its compiled calendar. */
export async function loadSchoolCalendar(
  db: Executor,
  schoolId: number,
): Promise<Result<LoadedSchoolCalendar, SchoolCalendarError>> {
  const school = await findSchool(db, schoolId);
  if (!school) return err({ kind: 'school-not-found', schoolId });
  const years = await listAcademicYears(db, schoolId);
  const terms = years.flatMap((year) =>
    year.terms.map((term) => ({ name: term.name, start: term.startsOn, end: term.endsOn })),
  );
  const closureRows = await listClosures(db, {
    schoolId,
    from: terms[0]?.start ?? '1900-01-01',
    to: terms.at(-1)?.end ?? '1900-01-01',
  });
  const closures = closureRows
    .map((closure) => ({
      date: closure.startsSession === 'PM' ? addDays(closure.startsOn, 1) : closure.startsOn,
      to: closure.endsSession === 'AM' ? addDays(closure.endsOn, -1) : closure.endsOn,
      reason: closure.reason,
    }))
    .filter((closure) => closure.date <= closure.to);
  const calendar = buildSchoolCalendar({ terms, closures });
  if (!calendar.ok) return err({ kind: 'calendar-invalid', problems: calendar.error });
  const closedSessions = closureRows.flatMap((closure) => [
    ...(closure.startsSession === 'PM' ? [{ date: closure.startsOn, session: 'PM' as const }] : []),
    ...(closure.endsSession === 'AM' ? [{ date: closure.endsOn, session: 'AM' as const }] : []),
  ]);
  return ok({ school, terms, closures, closedSessions, calendar: calendar.value });
}

/**
 * Compiled school calendars kept in memory for one database, so that a busy path (the 8:55
 * register rush) reads one number per request instead of the school, its years, terms and
 * closures. Before reuse it compares the school's calendar_version, which a trigger moves on
 * every committed change to those rows (migration 0008), so an edit by any process is seen by
 * the next request: there is no staleness window. Loads inside a transaction bypass the
 * cache, because they may see changes that are later rolled back.
 */
export class SchoolCalendarCache {
  readonly #entries = new Map<number, VersionedSchoolCalendar>();
  readonly #firstLoads = new Map<
    number,
    Promise<Result<VersionedSchoolCalendar, SchoolCalendarError>>
  >();

  async loadSchoolCalendar(
    db: Executor,
    schoolId: number,
  ): Promise<Result<LoadedSchoolCalendar, SchoolCalendarError>> {
    if (db.isTransaction) return loadSchoolCalendar(db, schoolId);
    const loaded = await this.loadVersionedCalendar(db, schoolId);
    return loaded.ok ? ok(loaded.value.loaded) : loaded;
  }

  /** As loadSchoolCalendar, with the calendar_version the calendar was compiled at. */
  async loadVersionedCalendar(
    db: Executor,
    schoolId: number,
  ): Promise<Result<VersionedSchoolCalendar, SchoolCalendarError>> {
    // Read the version before the rows: rows newer than the version only cause a reload.
    const version = await findSchoolCalendarVersion(db, schoolId);
    if (version === undefined) return err({ kind: 'school-not-found', schoolId });
    if (db.isTransaction) {
      const loaded = await loadSchoolCalendar(db, schoolId);
      return loaded.ok ? ok({ version, loaded: loaded.value }) : loaded;
    }
    const cached = this.#entries.get(schoolId);
    if (cached?.version === version) return ok(cached);
    const loaded = await loadSchoolCalendar(db, schoolId);
    if (loaded.ok) this.#entries.set(schoolId, { version, loaded: loaded.value });
    else this.#entries.delete(schoolId);
    return loaded.ok ? ok({ version, loaded: loaded.value }) : loaded;
  }

  /**
   * The calendar last compiled for a school, without asking the database whether it is
   * still current: only for a caller that checks the version in the statement that writes.
   */
  findUncheckedCalendar(schoolId: number): VersionedSchoolCalendar | undefined {
    return this.#entries.get(schoolId);
  }

  /**
   * As findUncheckedCalendar, reading the calendar when none is compiled yet. Callers that
   * ask while it is being read share that one read: the first registers after a start all
   * arrive together, and each would otherwise compile the same calendar.
   */
  async findOrLoadUncheckedCalendar(
    db: Executor,
    schoolId: number,
  ): Promise<Result<VersionedSchoolCalendar, SchoolCalendarError>> {
    const cached = this.#entries.get(schoolId);
    if (cached !== undefined) return ok(cached);
    let loading = this.#firstLoads.get(schoolId);
    if (loading === undefined) {
      loading = this.loadVersionedCalendar(db, schoolId).finally(() =>
        this.#firstLoads.delete(schoolId),
      );
      this.#firstLoads.set(schoolId, loading);
    }
    return loading;
  }
}

export interface VersionedSchoolCalendar {
  /** The school's calendar_version when the calendar was read. */
  readonly version: number;
  readonly loaded: LoadedSchoolCalendar;
}
