import { z } from 'zod';
import type { InputProblem } from '../domain/problem.ts';
import type { Result } from '../domain/result.ts';
import { oneOf, optionalText, requiredText } from './csv-fields.ts';
import { parseCsvFile, type CsvColumns, type ParsedRow } from './csv-table.ts';
import { NATIONAL_CURRICULUM_YEARS } from './pupils-csv.ts';

/** classes.csv: one class per row, in the school's current academic year. */
export const CLASS_COLUMNS = {
  required: ['name'],
  optional: ['year', 'kind', 'teachers'],
} as const satisfies CsvColumns;

const optionalYear = z
  .string()
  .optional()
  .transform((value) => value ?? '')
  .pipe(oneOf([...NATIONAL_CURRICULUM_YEARS, ''], 'a national curriculum year'))
  .transform((value) => (value === '' ? null : value));

const ClassRow = z.object({
  name: requiredText('the class name').max(60, 'a class name has at most 60 characters'),
  year: optionalYear,
  kind: z
    .string()
    .optional()
    .transform((value) => (value ?? '').toLowerCase())
    .pipe(
      oneOf(
        ['registration', 'teaching', ''],
        'a kind of class (registration for a form class, teaching for a lesson group)',
      ),
    )
    .transform((value) => (value === 'teaching' ? 'teaching' : 'registration')),
  // Several teachers share a class: their sign-in emails, separated by semicolons or spaces.
  teachers: optionalText.transform((value) =>
    value === null
      ? []
      : value
          .split(/[;\s]+/)
          .filter((email) => email !== '')
          .map((email) => email.toLowerCase()),
  ),
});
export type ClassRow = z.infer<typeof ClassRow>;

/** Parse and check classes.csv. */
export function parseClassesCsv(
  text: string,
  file: string,
): Result<ParsedRow<ClassRow>[], InputProblem[]> {
  return parseCsvFile(text, file, {
    columns: CLASS_COLUMNS,
    row: ClassRow,
    keyOf: (row) => row.name.toLowerCase(),
    keyName: 'class name',
  });
}
