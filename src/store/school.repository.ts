import type { Selectable } from 'kysely';
import type { IsoDate } from '../domain/calendar/plain-date.ts';
import { isUniqueViolation } from './database-errors.ts';
import { fail, succeed, type Result } from './result.ts';
import type {
  ClosuresTable,
  JurisdictionName,
  SchoolPhase,
  SchoolsTable,
  SessionName,
} from './schema.ts';
import { runAtomically, type Executor } from './transaction.ts';

export interface Trust {
  readonly id: number;
  readonly name: string;
}

export interface LocalAuthority {
  readonly id: number;
  readonly code: string;
  readonly name: string;
}

/** Register opening and closing times, Europe/London wall clock, 'HH:MM'. */
export interface RegisterTimes {
  readonly amOpens: string;
  readonly amCloses: string;
  readonly pmOpens: string;
  readonly pmCloses: string;
}

export interface School {
  readonly id: number;
  readonly trustId: number | null;
  readonly localAuthorityId: number;
  readonly urn: string | null;
  readonly name: string;
  readonly jurisdiction: JurisdictionName;
  readonly phase: SchoolPhase;
  readonly policyPreset: string;
  readonly policySettings: Readonly<Record<string, unknown>>;
  readonly customPolicyYaml: string | null;
  readonly registerTimes: RegisterTimes;
}

export type NewSchool = Omit<School, 'id'>;

export interface Term {
  readonly id: number;
  readonly name: string;
  readonly startsOn: IsoDate;
  readonly endsOn: IsoDate;
}

export interface AcademicYear {
  readonly id: number;
  readonly schoolId: number;
  readonly name: string;
  readonly startsOn: IsoDate;
  readonly endsOn: IsoDate;
  readonly terms: readonly Term[];
}

export interface NewAcademicYear {
  readonly schoolId: number;
  readonly name: string;
  readonly startsOn: IsoDate;
  readonly endsOn: IsoDate;
  readonly terms: readonly Omit<Term, 'id'>[];
}

export interface Closure {
  readonly id: number;
  readonly schoolId: number;
  readonly startsOn: IsoDate;
  readonly startsSession: SessionName;
  readonly endsOn: IsoDate;
  readonly endsSession: SessionName;
  readonly reason: string;
}

export type NewClosure = Omit<Closure, 'id'>;

export type AlreadyExists = { readonly kind: 'already-exists'; readonly what: string };

export async function createTrust(db: Executor, trust: { name: string }): Promise<Trust> {
  return db
    .insertInto('trusts')
    .values({ name: trust.name })
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow();
}

export async function createLocalAuthority(
  db: Executor,
  authority: { code: string; name: string },
): Promise<LocalAuthority> {
  return db
    .insertInto('local_authorities')
    .values(authority)
    .returning(['id', 'code', 'name'])
    .executeTakeFirstOrThrow();
}

export async function createSchool(db: Executor, school: NewSchool): Promise<School> {
  const row = await db
    .insertInto('schools')
    .values({
      trust_id: school.trustId,
      local_authority_id: school.localAuthorityId,
      urn: school.urn,
      name: school.name,
      jurisdiction: school.jurisdiction,
      phase: school.phase,
      policy_preset: school.policyPreset,
      policy_settings: JSON.stringify(school.policySettings),
      custom_policy_yaml: school.customPolicyYaml,
      am_register_opens: school.registerTimes.amOpens,
      am_register_closes: school.registerTimes.amCloses,
      pm_register_opens: school.registerTimes.pmOpens,
      pm_register_closes: school.registerTimes.pmCloses,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toSchool(row);
}

export async function findSchool(db: Executor, schoolId: number): Promise<School | undefined> {
  const row = await db
    .selectFrom('schools')
    .selectAll()
    .where('id', '=', schoolId)
    .executeTakeFirst();
  return row === undefined ? undefined : toSchool(row);
}

/**
 * The number that moves whenever the school or its academic years, terms or closures change
 * (migration 0008); undefined when there is no such school.
 */
export async function findSchoolCalendarVersion(
  db: Executor,
  schoolId: number,
): Promise<number | undefined> {
  const row = await db
    .selectFrom('schools')
    .select('calendar_version')
    .where('id', '=', schoolId)
    .executeTakeFirst();
  return row?.calendar_version;
}

export async function listSchoolsInTrust(db: Executor, trustId: number): Promise<School[]> {
  const rows = await db
    .selectFrom('schools')
    .selectAll()
    .where('trust_id', '=', trustId)
    .orderBy('name')
    .execute();
  return rows.map(toSchool);
}

export async function listSchoolsInLocalAuthority(
  db: Executor,
  localAuthorityId: number,
): Promise<School[]> {
  const rows = await db
    .selectFrom('schools')
    .selectAll()
    .where('local_authority_id', '=', localAuthorityId)
    .orderBy('name')
    .execute();
  return rows.map(toSchool);
}

export async function updateSchoolPolicy(
  db: Executor,
  change: {
    schoolId: number;
    preset: string;
    settings: Readonly<Record<string, unknown>>;
    customYaml: string | null;
  },
): Promise<School | undefined> {
  const row = await db
    .updateTable('schools')
    .set({
      policy_preset: change.preset,
      policy_settings: JSON.stringify(change.settings),
      custom_policy_yaml: change.customYaml,
    })
    .where('id', '=', change.schoolId)
    .returningAll()
    .executeTakeFirst();
  return row === undefined ? undefined : toSchool(row);
}

/** Creates a school's academic year with its terms, all or nothing. */
export async function createAcademicYear(
  db: Executor,
  year: NewAcademicYear,
): Promise<Result<AcademicYear, AlreadyExists>> {
  try {
    return await runAtomically<AcademicYear, AlreadyExists>(db, async (trx) => {
      const row = await trx
        .insertInto('academic_years')
        .values({
          school_id: year.schoolId,
          name: year.name,
          starts_on: year.startsOn,
          ends_on: year.endsOn,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const terms =
        year.terms.length === 0
          ? []
          : await trx
              .insertInto('terms')
              .values(
                year.terms.map((term) => ({
                  academic_year_id: row.id,
                  name: term.name,
                  starts_on: term.startsOn,
                  ends_on: term.endsOn,
                })),
              )
              .returning(['id', 'name', 'starts_on', 'ends_on'])
              .execute();
      return succeed({
        id: row.id,
        schoolId: row.school_id,
        name: row.name,
        startsOn: row.starts_on,
        endsOn: row.ends_on,
        terms: terms.map(toTerm).sort(byStart),
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      return fail({ kind: 'already-exists', what: `academic year ${year.name}` });
    }
    throw error;
  }
}

export async function listAcademicYears(db: Executor, schoolId: number): Promise<AcademicYear[]> {
  const years = await db
    .selectFrom('academic_years')
    .selectAll()
    .where('school_id', '=', schoolId)
    .orderBy('starts_on')
    .execute();
  if (years.length === 0) return [];
  const terms = await db
    .selectFrom('terms')
    .select(['id', 'academic_year_id', 'name', 'starts_on', 'ends_on'])
    .where(
      'academic_year_id',
      'in',
      years.map((year) => year.id),
    )
    .orderBy('starts_on')
    .execute();
  return years.map((year) => ({
    id: year.id,
    schoolId: year.school_id,
    name: year.name,
    startsOn: year.starts_on,
    endsOn: year.ends_on,
    terms: terms.filter((term) => term.academic_year_id === year.id).map(toTerm),
  }));
}

export async function addClosure(db: Executor, closure: NewClosure): Promise<Closure> {
  const row = await db
    .insertInto('closures')
    .values({
      school_id: closure.schoolId,
      starts_on: closure.startsOn,
      starts_session: closure.startsSession,
      ends_on: closure.endsOn,
      ends_session: closure.endsSession,
      reason: closure.reason,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toClosure(row);
}

/** Closures overlapping the date range (inclusive). */
export async function listClosures(
  db: Executor,
  range: { schoolId: number; from: IsoDate; to: IsoDate },
): Promise<Closure[]> {
  const rows = await db
    .selectFrom('closures')
    .selectAll()
    .where('school_id', '=', range.schoolId)
    .where('starts_on', '<=', range.to)
    .where('ends_on', '>=', range.from)
    .orderBy('starts_on')
    .execute();
  return rows.map(toClosure);
}

function toSchool(row: Selectable<SchoolsTable>): School {
  return {
    id: row.id,
    trustId: row.trust_id,
    localAuthorityId: row.local_authority_id,
    urn: row.urn,
    name: row.name,
    jurisdiction: row.jurisdiction,
    phase: row.phase,
    policyPreset: row.policy_preset,
    policySettings: row.policy_settings,
    customPolicyYaml: row.custom_policy_yaml,
    registerTimes: {
      amOpens: row.am_register_opens,
      amCloses: row.am_register_closes,
      pmOpens: row.pm_register_opens,
      pmCloses: row.pm_register_closes,
    },
  };
}

function toTerm(row: { id: number; name: string; starts_on: string; ends_on: string }): Term {
  return { id: row.id, name: row.name, startsOn: row.starts_on, endsOn: row.ends_on };
}

function byStart(a: Term, b: Term): number {
  return a.startsOn.localeCompare(b.startsOn);
}

export function toClosure(row: Selectable<ClosuresTable>): Closure {
  return {
    id: row.id,
    schoolId: row.school_id,
    startsOn: row.starts_on,
    startsSession: row.starts_session,
    endsOn: row.ends_on,
    endsSession: row.ends_session,
    reason: row.reason,
  };
}
