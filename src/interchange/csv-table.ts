import { CsvError, parse } from 'csv-parse/sync';
import type { z } from 'zod';
import type { InputProblem } from '../domain/problem.ts';
import { err, ok, type Result } from '../domain/result.ts';

/** The columns a CSV file must and may have; any other column is refused as a likely typo. */
export interface CsvColumns {
  readonly required: readonly string[];
  readonly optional: readonly string[];
}

/** One data row: its line in the file (1 is the header) and its cells by column name. */
export interface CsvRow {
  readonly line: number;
  readonly cells: Readonly<Record<string, string>>;
}

/** A row that passed its schema, with the line it came from for later error messages. */
export interface ParsedRow<T> {
  readonly line: number;
  readonly value: T;
}

/** At most this many problems are listed; a file that is wrong throughout says so once. */
export const PROBLEM_LIMIT = 50;

/**
 * Splits CSV text into rows keyed by the header's column names. The header must hold every
 * required column, no unknown ones and none twice. Quoting follows RFC 4180; a byte order
 * mark (Excel's "CSV UTF-8") and blank lines are ignored, cells are trimmed.
 */
export function readCsvTable(
  text: string,
  file: string,
  columns: CsvColumns,
): Result<CsvRow[], InputProblem[]> {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // With info: true each record comes back with where it ended; the typings miss that.
    records = parse(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      return err([{ file, line, message: describeCsvError(error) }]);
    }
    throw error;
  }
  const [header, ...body] = records;
  if (header === undefined)
    return err([{ file, message: 'the file is empty: it needs a header line' }]);
  const headerProblems = checkHeader(header.record, columns);
  if (headerProblems.length > 0)
    return err(headerProblems.map((message) => ({ file, line: header.info.lines, message })));

  const names = header.record;
  const problems: InputProblem[] = [];
  const rows: CsvRow[] = [];
  for (const { record, info } of body) {
    if (record.length !== names.length) {
      problems.push({
        file,
        line: info.lines,
        message: `has ${record.length} cells but the header has ${names.length} columns; a cell holding a comma must be in double quotes`,
      });
      continue;
    }
    rows.push({
      line: info.lines,
      cells: Object.fromEntries(names.map((name, i) => [name, record[i] ?? ''])),
    });
  }
  return problems.length > 0 ? err(problems) : ok(rows);
}

function checkHeader(header: readonly string[], columns: CsvColumns): string[] {
  const known = new Set([...columns.required, ...columns.optional]);
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const name of header) {
    if (seen.has(name)) problems.push(`the header names column "${name}" twice`);
    seen.add(name);
    if (!known.has(name))
      problems.push(
        `unknown column "${name}" in the header; the columns are ${[...columns.required, ...columns.optional].join(', ')}`,
      );
  }
  const missing = columns.required.filter((name) => !seen.has(name));
  if (missing.length > 0)
    problems.push(
      `the header lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (the first line must name the columns)`,
    );
  return problems;
}

function describeCsvError(error: CsvError): string {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a double quote opens a cell that is never closed; put a closing " at the end of the cell';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'malformed quoting: a quoted cell must end at its closing quote, and a " inside a quoted cell is written ""';
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return 'malformed quoting: text follows a closing quote; a " inside a quoted cell is written ""';
    default:
      return `malformed CSV: ${error.message}`;
  }
}

/**
 * Checks every row against a schema. Problems name the file, line and column, e.g.
 * `pupils.csv:14: dob: "2016-02-30" is not a real date`.
 */
export function validateRows<T>(
  rows: readonly CsvRow[],
  schema: z.ZodType<T>,
  file: string,
): Result<ParsedRow<T>[], InputProblem[]> {
  const problems: InputProblem[] = [];
  const parsed: ParsedRow<T>[] = [];
  for (const row of rows) {
    const result = schema.safeParse(row.cells);
    if (result.success) parsed.push({ line: row.line, value: result.data });
    else
      for (const issue of result.error.issues)
        problems.push({
          file,
          line: row.line,
          field: issue.path.map(String).join('.') || undefined,
          message: issue.message,
        });
  }
  return problems.length > 0 ? err(problems) : ok(parsed);
}

/** Problems for rows that repeat an earlier row's key (a UPN, a session). */
export function findRepeatedRows<T>(
  rows: readonly ParsedRow<T>[],
  keyOf: (value: T) => string,
  describe: string,
  file: string,
): InputProblem[] {
  const firstLine = new Map<string, number>();
  const problems: InputProblem[] = [];
  for (const row of rows) {
    const key = keyOf(row.value);
    const earlier = firstLine.get(key);
    if (earlier === undefined) firstLine.set(key, row.line);
    else
      problems.push({
        file,
        line: row.line,
        message: `repeats line ${earlier} (the same ${describe}); keep one of them`,
      });
  }
  return problems;
}

/** What a CSV file of records holds: its columns, the schema of a row, and its key. */
export interface CsvFileShape<T> {
  readonly columns: CsvColumns;
  readonly row: z.ZodType<T>;
  /** What no two rows may share, and what to call it when two do ("pupil and priority"). */
  readonly keyOf: (value: T) => string;
  readonly keyName: string;
}

/** Reads a file of records, checks each row and that no key repeats; every problem, or all rows. */
export function parseCsvFile<T>(
  text: string,
  file: string,
  shape: CsvFileShape<T>,
): Result<ParsedRow<T>[], InputProblem[]> {
  const table = readCsvTable(text, file, shape.columns);
  if (!table.ok) return table;
  const rows = validateRows(table.value, shape.row, file);
  if (!rows.ok) return rows;
  const problems = findRepeatedRows(rows.value, shape.keyOf, shape.keyName, file);
  return problems.length > 0 ? err(problems) : ok(rows.value);
}
