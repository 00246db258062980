import { explainNonSchoolDay, schoolDayIndex } from '../domain/calendar/school-calendar.ts';
import type { InputProblem } from '../domain/problem.ts';
import { explainInvalidCode } from '../domain/register/register-rules.ts';
import { err, ok, type Result } from '../domain/result.ts';
import type { ParsedRow } from '../interchange/csv-table.ts';
import type { ContactRow } from '../interchange/contacts-csv.ts';
import type { MarkRow } from '../interchange/marks-csv.ts';
import type { PupilRow } from '../interchange/pupils-csv.ts';
import { insertMarksInBulk } from '../store/bulk-mark.repository.ts';
import {
  createClass,
  createYearGroup,
  listClasses,
  listYearGroups,
} from '../store/class.repository.ts';
import type { ImportedMark } from '../store/mark-import.repository.ts';
import {
  insertContacts,
  insertEnrolments,
  insertPupils,
  listHighestContactPriorities,
  listKnownUpns,
  listMarkedSessions,
  findSchoolStaffMember,
  listSchoolPupilsByUpn,
  markedSessionKey,
} from '../store/roll-import.repository.ts';
import type { UserRole } from '../store/schema.ts';
import { findSchool, listAcademicYears } from '../store/school.repository.ts';
import { findUserCredentials } from '../store/user.repository.ts';
import { runAtomically, type Executor } from '../store/transaction.ts';
import type { Clock } from './clock.ts';
import { londonWallClock } from './london-time.ts';
import { loadSchoolCalendar } from './school-calendar.service.ts';

export interface CsvImportDeps {
  readonly db: Executor;
  readonly clock: Clock;
}

export interface CsvImportRequest<T> {
  readonly schoolId: number;
  /** The file's name, for error messages. */
  readonly file: string;
  readonly rows: readonly ParsedRow<T>[];
  /** Who the history entries of imported marks name; marks cannot be imported without. */
  readonly importedBy: Importer | null;
  readonly onProgress?: (done: number, total: number) => void;
}

/** The staff member an import's register history names. */
export interface Importer {
  readonly userId: number;
  readonly name: string;
  readonly role: UserRole;
}

export type CsvImportError =
  | { readonly kind: 'school-not-found'; readonly schoolId: number }
  | { readonly kind: 'importer-required' }
  | { readonly kind: 'invalid-rows'; readonly problems: readonly InputProblem[] };

/** What an import wrote. */
export interface CsvImportOutcome {
  readonly imported: number;
}

type Outcome = Result<CsvImportOutcome, CsvImportError>;

function invalid(problems: readonly InputProblem[]): Outcome {
  return err({ kind: 'invalid-rows', problems });
}

/**
 * Adds pupils to a school's roll: year groups and classes are created as they are named.
 * Every row is checked first; the pupils, enrolments, year groups and classes are written in
 * one transaction, so a bad row means nothing is imported.
 */
export async function importPupilsCsv(
  deps: CsvImportDeps,
  request: CsvImportRequest<PupilRow>,
): Promise<Outcome> {
  const { db } = deps;
  const { schoolId, file, rows } = request;
  const loaded = await loadSchoolCalendar(db, schoolId);
  if (!loaded.ok) return err({ kind: 'school-not-found', schoolId });
  const years = await listAcademicYears(db, schoolId);
  const yearHolding = (date: string) =>
    years.find((year) => year.startsOn <= date && date <= year.endsOn);
  const known = await listKnownUpns(
    db,
    rows.map((row) => row.value.upn),
  );
  const problems: InputProblem[] = [];
  for (const row of rows) {
    if (known.has(row.value.upn))
      problems.push({
        file,
        line: row.line,
        field: 'upn',
        message: `"${row.value.upn}" is already on file; a pupil is imported once (enrol them from their record instead)`,
      });
    if (row.value.class !== null && yearHolding(row.value.on_roll_from) === undefined)
      problems.push({
        file,
        line: row.line,
        field: 'class',
        message: `the school has no academic year holding ${row.value.on_roll_from}, so class "${row.value.class}" has no year to belong to; add the year's terms first`,
      });
  }
  if (problems.length > 0) return invalid(problems);

  return runAtomically<CsvImportOutcome, CsvImportError>(db, async (trx) => {
    const yearGroupIds = new Map(
      (await listYearGroups(trx, schoolId)).map((group) => [
        group.nationalCurriculumYear,
        group.id,
      ]),
    );
    const classIds = new Map<string, number>();
    for (const year of years)
      for (const schoolClass of await listClasses(trx, { schoolId, academicYearId: year.id }))
        classIds.set(`${year.id} ${schoolClass.name}`, schoolClass.id);
    const enrolments = [];
    for (const { value } of rows) {
      let yearGroupId = yearGroupIds.get(value.year);
      if (yearGroupId === undefined) {
        const created = await createYearGroup(trx, {
          schoolId,
          name:
            value.year === 'R'
              ? 'Reception'
              : /^N/.test(value.year)
                ? `Nursery ${value.year.slice(1)}`
                : `Year ${value.year}`,
          nationalCurriculumYear: value.year,
          sortOrder: /^\d+$/.test(value.year) ? Number(value.year) : value.year === 'R' ? 0 : -1,
        });
        yearGroupId = created.id;
        yearGroupIds.set(value.year, yearGroupId);
      }
      let classId: number | null = null;
      const academicYear = yearHolding(value.on_roll_from);
      if (value.class !== null && academicYear !== undefined) {
        const key = `${academicYear.id} ${value.class}`;
        classId = classIds.get(key) ?? null;
        if (classId === null) {
          const created = await createClass(trx, {
            schoolId,
            academicYearId: academicYear.id,
            yearGroupId,
            name: value.class,
            kind: 'registration',
          });
          classId = created.id;
          classIds.set(key, classId);
        }
      }
      enrolments.push({ yearGroupId, classId, onRollFrom: value.on_roll_from });
    }
    const pupilIds = await insertPupils(
      trx,
      rows.map(({ value }) => ({
        upn: value.upn,
        legalFirstName: value.first_name,
        legalLastName: value.last_name,
        preferredFirstName: value.preferred_first_name,
        preferredLastName: value.preferred_last_name,
        dateOfBirth: value.dob,
        sex: value.sex,
        ethnicity: value.ethnicity,
        senStatus: value.sen,
        freeSchoolMeals: value.fsm,
        pupilPremium: value.pp,
        englishAdditionalLanguage: value.eal,
        lookedAfter: value.lac,
        childInNeed: value.cin,
        youngCarer: value.young_carer,
      })),
    );
    request.onProgress?.(Math.floor(rows.length / 2), rows.length);
    await insertEnrolments(
      trx,
      enrolments.map((enrolment, index) => ({
        schoolId,
        pupilId: pupilIds[index] ?? 0,
        onRollFrom: enrolment.onRollFrom,
        registrationStatus: 'single',
        yearGroupId: enrolment.yearGroupId,
        classId: enrolment.classId,
      })),
    );
    request.onProgress?.(rows.length, rows.length);
    return ok({ imported: rows.length });
  });
}

/**
 * Adds contacts for pupils on the school's roll. A priority a pupil's contact already holds
 * is refused rather than reshuffled, so the order the school set is never silently changed.
 */
export async function importContactsCsv(
  deps: CsvImportDeps,
  request: CsvImportRequest<ContactRow>,
): Promise<Outcome> {
  const { db } = deps;
  const { schoolId, file, rows } = request;
  const loaded = await loadSchoolCalendar(db, schoolId);
  if (!loaded.ok) return err({ kind: 'school-not-found', schoolId });
  const pupils = await listSchoolPupilsByUpn(db, schoolId);
  const problems: InputProblem[] = [];
  for (const row of rows)
    if (!pupils.has(row.value.upn))
      problems.push({ file, line: row.line, field: 'upn', message: unknownUpn(row.value.upn) });
  if (problems.length > 0) return invalid(problems);
  const pupilIdOf = (upn: string) => pupils.get(upn)?.pupilId ?? 0;
  const highest = await listHighestContactPriorities(db, [
    ...new Set(rows.map((row) => pupilIdOf(row.value.upn))),
  ]);
  for (const row of rows) {
    const taken = highest.get(pupilIdOf(row.value.upn)) ?? 0;
    if (row.value.priority <= taken)
      problems.push({
        file,
        line: row.line,
        field: 'priority',
        message: `the pupil already has contacts up to priority ${taken}; number new contacts from ${taken + 1}`,
      });
  }
  if (problems.length > 0) return invalid(problems);
  return runAtomically<CsvImportOutcome, CsvImportError>(db, async (trx) => {
    await insertContacts(
      trx,
      rows.map(({ value }) => ({
        pupilId: pupilIdOf(value.upn),
        userId: null,
        name: value.name,
        relationship: value.relationship,
        parentalResponsibility: value.parental_responsibility,
        emergencyContact: value.emergency_contact,
        phone: value.phone,
        email: value.email,
        priority: value.priority,
      })),
    );
    request.onProgress?.(rows.length, rows.length);
    return ok({ imported: rows.length });
  });
}

/**
 * Adds historic register marks. Each must be a code of the school's jurisdiction in force on
 * its date, on a school day up to today, for a pupil on roll that day, in a session that has
 * no mark yet (changing a mark is an amendment, with a reason, not an import).
 */
export async function importMarksCsv(
  deps: CsvImportDeps,
  request: CsvImportRequest<MarkRow>,
): Promise<Outcome> {
  const { db, clock } = deps;
  const { schoolId, file, rows } = request;
  const loaded = await loadSchoolCalendar(db, schoolId);
  if (!loaded.ok) return err({ kind: 'school-not-found', schoolId });
  const { school, calendar } = loaded.value;
  const importedBy = request.importedBy;
  if (importedBy === null) return err({ kind: 'importer-required' });
  const today = londonWallClock(clock.now()).date;
  const pupils = await listSchoolPupilsByUpn(db, schoolId);
  const dates = rows.map((row) => row.value.date).sort();
  const marked = await listMarkedSessions(db, {
    schoolId,
    from: dates[0] ?? today,
    to: dates.at(-1) ?? today,
  });
  const problems: InputProblem[] = [];
  const marks: ImportedMark[] = [];
  for (const { line, value } of rows) {
    const at = (field: string, message: string) => problems.push({ file, line, field, message });
    const invalidCode = explainInvalidCode(school.jurisdiction, value.date, value.code);
    if (invalidCode !== null) at('code', invalidCode);
    if (schoolDayIndex(calendar, value.date) < 0)
      at(
        'date',
        `${value.date} is not a school day at ${school.name}: it is ${explainNonSchoolDay(calendar, value.date) ?? 'closed'}`,
      );
    else if (value.date > today)
      at('date', `${value.date} is in the future; import marks already taken`);
    const pupil = pupils.get(value.upn);
    if (pupil === undefined) {
      at('upn', unknownUpn(value.upn));
      continue;
    }
    const enrolment = pupil.enrolments.find(
      (candidate) =>
        candidate.onRollFrom <= value.date &&
        (candidate.onRollTo === null || value.date <= candidate.onRollTo),
    );
    if (enrolment === undefined) {
      at('date', `the pupil was not on the school's roll on ${value.date}`);
      continue;
    }
    if (marked.has(markedSessionKey(pupil.pupilId, value.date, value.session)))
      at(
        'session',
        `the pupil already has a mark for ${value.date} ${value.session}; change it as an amendment with a reason, not by import`,
      );
    marks.push({
      pupilId: pupil.pupilId,
      enrolmentId: enrolment.enrolmentId,
      date: value.date,
      session: value.session,
      code: value.code,
    });
  }
  if (problems.length > 0) return invalid(problems);
  return runAtomically<CsvImportOutcome, CsvImportError>(db, async (trx) => {
    const written = await insertMarksInBulk(
      trx,
      { schoolId, marks, changer: importedBy, source: 'import', at: clock.now() },
      (done) => request.onProgress?.(done, marks.length),
    );
    return ok({ imported: written });
  });
}

// Roles that keep registers; governors, parents and LA officers never write one.
const REGISTER_KEEPERS: readonly UserRole[] = [
  'admin',
  'headteacher',
  'attendance_lead',
  'attendance_officer',
  'office',
];

/**
 * The staff member named as entering imported marks: the account with this email, or without
 * one the school's (or its trust's) first admin or headteacher. Errors are sentences.
 */
export async function findImporter(
  db: Executor,
  schoolId: number,
  email: string | null,
): Promise<Result<Importer, string>> {
  const school = await findSchool(db, schoolId);
  if (school === undefined) return err(`there is no school with id ${schoolId}`);
  if (email === null) {
    const staff = await findSchoolStaffMember(db, {
      schoolId,
      trustId: school.trustId,
      roles: ['admin', 'headteacher'],
    });
    if (staff === undefined)
      return err(
        `${school.name} has no admin or headteacher account to name in the register history; name the person entering these marks with --by EMAIL`,
      );
    return ok({ userId: staff.id, name: staff.displayName, role: staff.role });
  }
  const user = (await findUserCredentials(db, email))?.user;
  if (user === undefined) return err(`--by: there is no account with the email ${email}`);
  const reaches =
    (user.scope.kind === 'school' && user.scope.schoolId === schoolId) ||
    (user.scope.kind === 'trust' && user.scope.trustId === school.trustId);
  if (!REGISTER_KEEPERS.includes(user.role) || !reaches)
    return err(`--by: ${email} is not on the staff of ${school.name} who keep its register`);
  return ok({ userId: user.id, name: user.displayName, role: user.role });
}

function unknownUpn(upn: string): string {
  return `no pupil with UPN "${upn}" has been on this school's roll; import them in pupils.csv first`;
}
