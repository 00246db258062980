import { z } from 'zod';
import type { InputProblem } from '../domain/problem.ts';
import type { Result } from '../domain/result.ts';
import { flagCell, flagCellOr, optionalText, requiredText, upnCell } from './csv-fields.ts';
import { parseCsvFile, type CsvColumns, type ParsedRow } from './csv-table.ts';

/** contacts.csv: a pupil's parents, carers and emergency contacts in the order to call them. */
export const CONTACT_COLUMNS = {
  required: ['upn', 'priority', 'name', 'relationship', 'parental_responsibility'],
  optional: ['emergency_contact', 'phone', 'email'],
} as const satisfies CsvColumns;

const ContactRow = z.object({
  upn: upnCell,
  priority: z.string().transform((value, context) => {
    if (/^[1-9]\d?$/.test(value)) return Number(value);
    context.addIssue({
      code: 'custom',
      message: `"${value}" is not a priority; write 1 for the first to call, 2 for the next...`,
    });
    return z.NEVER;
  }),
  name: requiredText('the name'),
  relationship: requiredText('the relationship'),
  parental_responsibility: flagCell,
  // Most contacts are there to be called in an emergency, so blank means yes.
  emergency_contact: flagCellOr(true),
  phone: optionalText,
  email: optionalText.pipe(
    z.email({ error: (issue) => `"${String(issue.input)}" is not an email address` }).nullable(),
  ),
});
export type ContactRow = z.infer<typeof ContactRow>;

/** Parse and check contacts.csv. */
export function parseContactsCsv(
  text: string,
  file: string,
): Result<ParsedRow<ContactRow>[], InputProblem[]> {
  return parseCsvFile(text, file, {
    columns: CONTACT_COLUMNS,
    row: ContactRow,
    keyOf: (row) => `${row.upn} ${row.priority}`,
    keyName: 'pupil and priority',
  });
}
