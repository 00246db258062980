import {
  academicYearLabel,
  academicYearOf,
  addDays,
  type IsoDate,
} from '../domain/calendar/plain-date.ts';
import { codeOfId, NO_MARK } from '../domain/codes/code-registry.ts';
import { composeUpn } from '../domain/pupils/upn.ts';
import type { Scenario } from '../scenario/parse-scenario.ts';
import { createClass, createYearGroup } from '../store/class.repository.ts';
import { recordContactAttempt } from '../store/contact-attempt.repository.ts';
import { insertImportedMarks, type ImportedMark } from '../store/mark-import.repository.ts';
import { createPupil, enrolPupil } from '../store/pupil.repository.ts';
import type { UserRole } from '../store/schema.ts';
import {
  addClosure,
  createAcademicYear,
  createSchool,
  type RegisterTimes,
  type School,
} from '../store/school.repository.ts';
import type { Executor } from '../store/transaction.ts';

export interface ScenarioImportOptions {
  readonly localAuthorityId: number;
  readonly localAuthorityCode: number;
  readonly trustId: number | null;
  readonly registerTimes: RegisterTimes;
  readonly phase: 'primary' | 'secondary';
  /** Who the import's history entries name. */
  readonly importedBy: { readonly userId: number; readonly name: string; readonly role: UserRole };
  readonly at: Date;
  readonly onProgress?: (done: number, total: number) => void;
}

/** A school's roll, calendar and register created from a scenario, and the pupil ids it made. */
export interface ImportedScenario {
  readonly school: School;
  /** Database pupil id per scenario pupil, in scenario order. */
  readonly pupilIds: readonly number[];
}

/**
 * Date of birth for a pupil whose scenario gives none: the middle of the age range of their
 * national curriculum year (a Year 3 pupil in 2024/25 was born between Sep 2016 and Aug 2017).
 */
function typicalDateOfBirth(year: number | string | undefined, academicYear: number): IsoDate {
  const n = typeof year === 'number' ? year : Number(year);
  const yearsOld = Number.isInteger(n) ? n + 5 : 7;
  return `${academicYear - yearsOld}-03-01`;
}

/**
 * Create a school from a scenario: academic years and terms, closures, year groups, classes,
 * pupils, enrolments and every mark with its original history entry. Run it in a transaction.
 */
export async function importScenario(
  db: Executor,
  scenario: Scenario,
  options: ScenarioImportOptions,
): Promise<ImportedScenario> {
  const school = await createSchool(db, {
    trustId: options.trustId,
    localAuthorityId: options.localAuthorityId,
    urn: null,
    name: scenario.schoolName,
    jurisdiction: scenario.jurisdiction,
    phase: options.phase,
    policyPreset: scenario.policy,
    policySettings: { ...scenario.settings },
    customPolicyYaml: null,
    registerTimes: options.registerTimes,
  });

  const termsByYear = new Map<number, { name: string; start: IsoDate; end: IsoDate }[]>();
  for (const term of scenario.source.calendar.terms) {
    const year = academicYearOf(term.start);
    termsByYear.set(year, [...(termsByYear.get(year) ?? []), term]);
  }
  const academicYearIds = new Map<number, number>();
  for (const [year, terms] of [...termsByYear.entries()].sort((a, b) => a[0] - b[0])) {
    const created = await createAcademicYear(db, {
      schoolId: school.id,
      name: academicYearLabel(year),
      startsOn: `${year}-09-01`,
      endsOn: `${year + 1}-08-31`,
      terms: terms.map((term) => ({ name: term.name, startsOn: term.start, endsOn: term.end })),
    });
    if (!created.ok)
      throw new Error(`academic year ${academicYearLabel(year)} could not be created`);
    academicYearIds.set(year, created.value.id);
  }
  for (const closure of scenario.source.calendar.closures ?? []) {
    await addClosure(db, {
      schoolId: school.id,
      startsOn: closure.date,
      startsSession: 'AM',
      endsOn: closure.to ?? closure.date,
      endsSession: 'PM',
      reason: closure.reason,
    });
  }

  const { calendar } = scenario;
  const lastYear = Math.max(...academicYearIds.keys());
  const classYearId = academicYearIds.get(lastYear) ?? 0;
  const yearGroups = new Map<string, number>();
  const classes = new Map<string, number>();
  const pupilIds: number[] = [];
  const marks: ImportedMark[] = [];
  let serial = 0;
  for (const pupil of scenario.pupils) {
    serial++;
    let yearGroupId: number | null = null;
    if (pupil.year !== undefined) {
      const key = String(pupil.year);
      yearGroupId = yearGroups.get(key) ?? null;
      if (yearGroupId === null) {
        const created = await createYearGroup(db, {
          schoolId: school.id,
          name: `Year ${key}`,
          nationalCurriculumYear: key,
          sortOrder: Number(key) || 0,
        });
        yearGroupId = created.id;
        yearGroups.set(key, yearGroupId);
      }
    }
    let classId: number | null = null;
    if (pupil.className !== undefined) {
      classId = classes.get(pupil.className) ?? null;
      if (classId === null) {
        const created = await createClass(db, {
          schoolId: school.id,
          academicYearId: classYearId,
          yearGroupId,
          name: pupil.className,
          kind: 'registration',
        });
        classId = created.id;
        classes.set(pupil.className, classId);
      }
    }
    const [first, ...rest] = (pupil.name ?? `Pupil ${pupil.id}`).split(' ');
    const created = await createPupil(db, {
      upn: composeUpn(
        options.localAuthorityCode,
        school.id,
        Math.floor(serial / 1000) + (lastYear % 100),
        serial % 1000,
      ),
      legalFirstName: first ?? pupil.id,
      legalLastName: rest.join(' ') || pupil.id,
      preferredFirstName: null,
      preferredLastName: null,
      dateOfBirth: pupil.dob ?? typicalDateOfBirth(pupil.year, lastYear),
      sex: serial % 2 === 0 ? 'F' : 'M',
      ethnicity: null,
      senStatus: pupil.groups.includes('sen') ? 'K' : 'N',
      freeSchoolMeals: pupil.groups.includes('fsm'),
      pupilPremium: pupil.groups.includes('pp'),
      englishAdditionalLanguage: pupil.groups.includes('eal'),
      lookedAfter: pupil.groups.includes('lac'),
      childInNeed: pupil.groups.includes('cin'),
      youngCarer: pupil.groups.includes('young-carer'),
    });
    if (!created.ok) throw new Error(`pupil ${pupil.id} could not be created: UPN taken`);
    const { attendance } = pupil;
    const rollFrom =
      attendance.rollFromDay > 0
        ? (calendar.days[attendance.rollFromDay] ?? calendar.days[0] ?? '')
        : (scenario.source.calendar.terms[0]?.start ?? '');
    const lastDayOnRoll =
      attendance.rollToDay > 0
        ? calendar.days[attendance.rollToDay - 1]
        : addDays(calendar.days[0] ?? rollFrom, -1);
    const rollTo = attendance.rollToDay < calendar.days.length ? (lastDayOnRoll ?? null) : null;
    const enrolment = await enrolPupil(db, {
      schoolId: school.id,
      pupilId: created.value.id,
      onRollFrom: rollFrom,
      onRollTo: rollTo,
      registrationStatus: 'single',
      yearGroupId,
      classId,
    });
    pupilIds.push(created.value.id);
    attendance.marks.forEach((id, session) => {
      if (id === NO_MARK) return;
      marks.push({
        pupilId: created.value.id,
        enrolmentId: enrolment.id,
        date: calendar.days[session >> 1] ?? '',
        session: (session & 1) === 1 ? 'PM' : 'AM',
        code: codeOfId(id),
      });
    });
    for (const day of attendance.reachedContactDays) {
      await recordContactAttempt(db, {
        schoolId: school.id,
        pupilId: created.value.id,
        contactId: null,
        attemptedAt: new Date(`${calendar.days[day] ?? ''}T12:00:00Z`),
        outcome: 'reached',
        note: null,
        madeBy: options.importedBy.userId,
      });
    }
  }
  await insertImportedMarks(
    db,
    { schoolId: school.id, marks, changer: options.importedBy, source: 'import', at: options.at },
    (written) => options.onProgress?.(written, marks.length),
  );
  return { school, pupilIds };
}
