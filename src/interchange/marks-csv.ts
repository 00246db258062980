import { z } from 'zod';
import type { InputProblem } from '../domain/problem.ts';
import type { Result } from '../domain/result.ts';
import { isoDateCell, oneOf, upnCell } from './csv-fields.ts';
import { parseCsvFile, type CsvColumns, type ParsedRow } from './csv-table.ts';

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
  return parseCsvFile(text, file, {
    columns: MARK_COLUMNS,
    row: MarkRow,
    keyOf: (row) => `${row.upn} ${row.date} ${row.session}`,
    keyName: 'pupil, date and session',
  });
}
