import type { InputProblem } from '../domain/problem.ts';
import { err, ok, type Result } from '../domain/result.ts';
import type { ClassRow } from '../interchange/classes-csv.ts';
import { listTeachers, replaceClassTeachers } from '../store/class-admin.repository.ts';
import {
  createClass,
  createYearGroup,
  listClasses,
  listYearGroups,
} from '../store/class.repository.ts';
import { findSchool, listAcademicYears } from '../store/school.repository.ts';
import { runAtomically } from '../store/transaction.ts';
import type {
  CsvImportDeps,
  CsvImportError,
  CsvImportOutcome,
  CsvImportRequest,
} from './csv-import.service.ts';
import { londonWallClock } from './london-time.ts';

/** The year group's name as the pupils import gives it: Reception, Nursery 1, Year 4. */
function nameYearGroup(year: string): { name: string; sortOrder: number } {
  if (year === 'R') return { name: 'Reception', sortOrder: 0 };
  if (year.startsWith('N')) return { name: `Nursery ${year.slice(1)}`, sortOrder: -1 };
  return { name: `Year ${year}`, sortOrder: Number(year) };
}

/**
 * Adds classes to the academic year holding today, with their year groups (created as named)
 * and teachers (active teacher accounts of the school, by email). Every row is checked first
 * and all are written in one transaction, so one bad row means nothing is imported.
 */
export async function importClassesCsv(
  deps: CsvImportDeps,
  request: CsvImportRequest<ClassRow>,
): Promise<Result<CsvImportOutcome, CsvImportError>> {
  const { db } = deps;
  const { schoolId, file, rows } = request;
  if ((await findSchool(db, schoolId)) === undefined)
    return err({ kind: 'school-not-found', schoolId });
  const today = londonWallClock(deps.clock.now()).date;
  const year = (await listAcademicYears(db, schoolId)).find(
    (candidate) => candidate.startsOn <= today && today <= candidate.endsOn,
  );
  if (year === undefined)
    return err({
      kind: 'invalid-rows',
      problems: [
        {
          file,
          message: `the school has no academic year holding today (${today}); add this year's terms on the calendar first`,
        },
      ],
    });
  const existing = new Set(
    (await listClasses(db, { schoolId, academicYearId: year.id })).map((found) =>
      found.name.toLowerCase(),
    ),
  );
  const teachers = new Map((await listTeachers(db, schoolId)).map((t) => [t.email, t.userId]));
  const problems: InputProblem[] = [];
  for (const { line, value } of rows) {
    if (existing.has(value.name.toLowerCase()))
      problems.push({
        file,
        line,
        field: 'name',
        message: `${year.name} already has a class called "${value.name}"; rename it on the classes page instead`,
      });
    for (const email of value.teachers)
      if (!teachers.has(email))
        problems.push({
          file,
          line,
          field: 'teachers',
          message: `"${email}" is not an active teacher account at this school; create the account first`,
        });
  }
  if (problems.length > 0) return err({ kind: 'invalid-rows', problems });

  return runAtomically<CsvImportOutcome, CsvImportError>(db, async (trx) => {
    const yearGroupIds = new Map(
      (await listYearGroups(trx, schoolId)).map((group) => [
        group.nationalCurriculumYear,
        group.id,
      ]),
    );
    for (const [index, { value }] of rows.entries()) {
      let yearGroupId = value.year === null ? null : (yearGroupIds.get(value.year) ?? null);
      if (value.year !== null && yearGroupId === null) {
        const created = await createYearGroup(trx, {
          schoolId,
          nationalCurriculumYear: value.year,
          ...nameYearGroup(value.year),
        });
        yearGroupId = created.id;
        yearGroupIds.set(value.year, yearGroupId);
      }
      const created = await createClass(trx, {
        schoolId,
        academicYearId: year.id,
        yearGroupId,
        name: value.name,
        kind: value.kind,
      });
      await replaceClassTeachers(trx, {
        classId: created.id,
        userIds: [...new Set(value.teachers.map((email) => teachers.get(email) ?? 0))],
      });
      request.onProgress?.(index + 1, rows.length);
    }
    return ok({ imported: rows.length });
  });
}
