import { z } from 'zod';
import type { InputProblem } from '../domain/problem.ts';
import { err, ok, type Result } from '../domain/result.ts';
import { isoDateCell, oneOf, upnCell } from './csv-fields.ts';
import {
  findRepeatedRows,
  readCsvTable,
  validateRows,
  type CsvColumns,
  type ParsedRow,
} from './csv-table.ts';

/** marks.csv: historic register marks, one session per row. */
export const MARK_COLUMNS = {
  required: ['upn', 'date', 'session', 'code'],
  optional: [],
} as const satisfies CsvColumns;

const MarkRow = z.object({
  upn: upnCell,
  date: isoDateCell,
  session: oneOf(['AM', 'PM'], 'a session'),
  // Codes are checked against the school's code table by the importer, which knows the
  // jurisdiction; here only their shape.
  code: z.string().min(1, 'is empty; every row needs an attendance code'),
});
export type MarkRow = z.infer<typeof MarkRow>;

/** Parse and check marks.csv. */
export function parseMarksCsv(
  text: string,
  file: string,
): Result<ParsedRow<MarkRow>[], InputProblem[]> {
  const table = readCsvTable(text, file, MARK_COLUMNS);
  if (!table.ok) return table;
  const rows = validateRows(table.value, MarkRow, file);
  if (!rows.ok) return rows;
  const problems = findRepeatedRows(
    rows.value,
    (row) => `${row.upn} ${row.date} ${row.session}`,
    'pupil, date and session',
    file,
  );
  return problems.length > 0 ? err(problems) : ok(rows.value);
}
