import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { formatProblem, type InputProblem } from '../domain/problem.ts';
import type { Result } from '../domain/result.ts';
import { parseContactsCsv } from '../interchange/contacts-csv.ts';
import { PROBLEM_LIMIT, type ParsedRow } from '../interchange/csv-table.ts';
import { parseMarksCsv } from '../interchange/marks-csv.ts';
import { parsePupilsCsv } from '../interchange/pupils-csv.ts';
import { systemClock } from '../services/clock.ts';
import {
  findImporter,
  importContactsCsv,
  importMarksCsv,
  importPupilsCsv,
  type CsvImportDeps,
  type CsvImportError,
  type CsvImportOutcome,
  type CsvImportRequest,
  type Importer,
} from '../services/csv-import.service.ts';
import { EXIT_BAD_INPUT, type CliIo } from './cli-io.ts';
import { withDatabase } from './cli-database.ts';
import { createProgressReporter } from './progress-reporter.ts';

export const IMPORT_USAGE = `Usage: rollcall import pupils|contacts|marks FILE --school ID [--by EMAIL]

Imports a CSV file into a school, in one transaction: every row is checked first, and if any
is wrong nothing is imported and each problem is listed with its line and column.
  pupils FILE     upn, first_name, last_name, dob, sex, year, on_roll_from; optional
                  preferred_first_name, preferred_last_name, class, ethnicity, sen, fsm, pp,
                  eal, lac, cin, young_carer
  contacts FILE   upn, priority, name, relationship, parental_responsibility; optional
                  emergency_contact, phone, email
  marks FILE      upn, date, session (AM or PM), code
  --school ID     the school's id
  --by EMAIL      the staff member the register history names as entering the marks
                  (marks only; default: the school's first admin or headteacher)`;

interface Kind<T> {
  readonly parse: (text: string, file: string) => Result<ParsedRow<T>[], InputProblem[]>;
  readonly importRows: (
    deps: CsvImportDeps,
    request: CsvImportRequest<T>,
  ) => Promise<Result<CsvImportOutcome, CsvImportError>>;
  readonly noun: string;
}

const KINDS = {
  pupils: { parse: parsePupilsCsv, importRows: importPupilsCsv, noun: 'pupils' },
  contacts: { parse: parseContactsCsv, importRows: importContactsCsv, noun: 'contacts' },
  marks: { parse: parseMarksCsv, importRows: importMarksCsv, noun: 'marks' },
} as const;

/** `rollcall import`: exit 0 when every row was imported, 2 (nothing imported) otherwise. */
export async function runImport(args: readonly string[], io: CliIo): Promise<number> {
  let options;
  try {
    options = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: { school: { type: 'string' }, by: { type: 'string' } },
    });
  } catch (error) {
    return usageError(io, (error as Error).message);
  }
  const [kindName, file, ...rest] = options.positionals;
  if (kindName === undefined)
    return usageError(io, 'say what to import: pupils, contacts or marks');
  if (!(kindName in KINDS))
    return usageError(io, `cannot import "${kindName}"; import pupils, contacts or marks`);
  if (file === undefined) return usageError(io, `name the ${kindName} CSV file`);
  if (rest.length > 0) return usageError(io, `unexpected argument "${rest[0] ?? ''}"`);
  const schoolText = options.values.school;
  if (schoolText === undefined) return usageError(io, '--school ID is required');
  if (!/^[1-9]\d{0,8}$/.test(schoolText))
    return usageError(io, `--school: "${schoolText}" is not a school id (a whole number)`);
  const kind = KINDS[kindName as keyof typeof KINDS] as Kind<unknown>;

  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    io.error(
      `${file}: cannot open the file: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : 'it cannot be read'}`,
    );
    return EXIT_BAD_INPUT;
  }
  // Messages name the file as a person would: pupils.csv:14, not a full path.
  const name = basename(file);
  const parsed = kind.parse(text, name);
  if (!parsed.ok) return reportProblems(io, parsed.error);

  return withDatabase('import', io, async ({ db }) => {
    const schoolId = Number(schoolText);
    let importedBy: Importer | null = null;
    if (kindName === 'marks') {
      const importer = await findImporter(db, schoolId, options.values.by ?? null);
      if (!importer.ok) {
        io.error(`rollcall import: ${importer.error}`);
        return EXIT_BAD_INPUT;
      }
      importedBy = importer.value;
    }
    const progress = createProgressReporter(`Importing ${kind.noun}`, io);
    const outcome = await kind.importRows(
      { db, clock: systemClock },
      {
        schoolId,
        file: name,
        rows: parsed.value,
        importedBy,
        onProgress: (done, total) => {
          progress.update(done, total);
        },
      },
    );
    progress.stop();
    if (!outcome.ok) {
      if (outcome.error.kind === 'school-not-found') {
        io.error(`rollcall import: there is no school with id ${schoolId}`);
        return EXIT_BAD_INPUT;
      }
      if (outcome.error.kind === 'importer-required') {
        io.error('rollcall import: name the person entering these marks with --by EMAIL');
        return EXIT_BAD_INPUT;
      }
      return reportProblems(io, outcome.error.problems);
    }
    io.out(`Imported ${outcome.value.imported} ${kind.noun} from ${name} into school ${schoolId}.`);
    return 0;
  });
}

function reportProblems(io: CliIo, problems: readonly InputProblem[]): number {
  for (const problem of problems.slice(0, PROBLEM_LIMIT)) io.error(formatProblem(problem));
  if (problems.length > PROBLEM_LIMIT)
    io.error(`...and ${problems.length - PROBLEM_LIMIT} more problems.`);
  io.error(
    `Nothing was imported: fix ${problems.length === 1 ? 'the problem' : `the ${problems.length} problems`} and run the import again.`,
  );
  return EXIT_BAD_INPUT;
}

function usageError(io: CliIo, message: string): number {
  io.error(`rollcall import: ${message}\n\n${IMPORT_USAGE}`);
  return EXIT_BAD_INPUT;
}
