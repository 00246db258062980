import { z } from 'zod';
import type { InputProblem } from '../domain/problem.ts';
import { err, ok, type Result } from '../domain/result.ts';
import {
  findRepeatedRows,
  readCsvTable,
  validateRows,
  type CsvColumns,
  type ParsedRow,
} from './csv-table.ts';
import { flagCell, isoDateCell, oneOf, optionalText, requiredText, upnCell } from './csv-fields.ts';

/** pupils.csv: one pupil per row, joining the school's roll on on_roll_from. */
export const PUPIL_COLUMNS = {
  required: ['upn', 'first_name', 'last_name', 'dob', 'sex', 'year', 'on_roll_from'],
  optional: [
    'preferred_first_name',
    'preferred_last_name',
    'class',
    'ethnicity',
    'sen',
    'fsm',
    'pp',
    'eal',
    'lac',
    'cin',
    'young_carer',
  ],
} as const satisfies CsvColumns;

export const NATIONAL_CURRICULUM_YEARS = [
  'N1',
  'N2',
  'R',
  '1',
  '2',
  '3',
  '4',
  '5',
  '6',
  '7',
  '8',
  '9',
  '10',
  '11',
  '12',
  '13',
  '14',
] as const;

const PupilRow = z.object({
  upn: upnCell,
  first_name: requiredText('the first name'),
  last_name: requiredText('the last name'),
  preferred_first_name: optionalText,
  preferred_last_name: optionalText,
  dob: isoDateCell,
  sex: oneOf(['M', 'F'], 'a sex recorded for the census'),
  year: oneOf(NATIONAL_CURRICULUM_YEARS, 'a national curriculum year'),
  class: optionalText,
  on_roll_from: isoDateCell,
  ethnicity: optionalText,
  sen: z
    .string()
    .optional()
    .transform((value) => value ?? '')
    .pipe(oneOf(['N', 'K', 'E', ''], 'an SEN status (N none, K SEN support, E EHC plan)'))
    .transform((value) => (value === '' ? 'N' : value)),
  fsm: flagCell,
  pp: flagCell,
  eal: flagCell,
  lac: flagCell,
  cin: flagCell,
  young_carer: flagCell,
});
export type PupilRow = z.infer<typeof PupilRow>;

/** Parse and check pupils.csv; every problem in the file, or every row. */
export function parsePupilsCsv(
  text: string,
  file: string,
): Result<ParsedRow<PupilRow>[], InputProblem[]> {
  const table = readCsvTable(text, file, PUPIL_COLUMNS);
  if (!table.ok) return table;
  const rows = validateRows(table.value, PupilRow, file);
  if (!rows.ok) return rows;
  const problems = [
    ...findRepeatedRows(rows.value, (row) => row.upn, 'UPN', file),
    ...rows.value
      .filter((row) => row.value.on_roll_from < row.value.dob)
      .map((row) => ({
        file,
        line: row.line,
        field: 'on_roll_from',
        message: `${row.value.on_roll_from} is before the date of birth`,
      })),
  ];
  return problems.length > 0 ? err(problems) : ok(rows.value);
}
