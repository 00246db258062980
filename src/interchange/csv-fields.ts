import { z } from 'zod';
import { isIsoDate } from '../domain/calendar/plain-date.ts';
import { explainInvalidUpn } from '../domain/pupils/upn.ts';

/** Cells as CSV gives them: strings, empty when left blank. */
const cell = z.string();

/** A required cell. */
export function requiredText(what: string) {
  return cell.min(1, `${what} is empty; every row needs one`);
}

/** An optional cell: blank becomes null. */
export const optionalText = cell.optional().transform((value) => (value ? value : null));

/** A calendar date written YYYY-MM-DD that exists. */
export const isoDateCell = cell.superRefine((value, context) => {
  if (value === '')
    context.addIssue({ code: 'custom', message: 'is empty; write a date as YYYY-MM-DD' });
  else if (!/^\d{4}-\d{2}-\d{2}$/.test(value))
    context.addIssue({
      code: 'custom',
      message: `"${value}" is not a date; write dates as YYYY-MM-DD`,
    });
  else if (!isIsoDate(value))
    context.addIssue({ code: 'custom', message: `"${value}" is not a real date` });
});

export const upnCell = cell.superRefine((value, context) => {
  const problem =
    value === '' ? "is empty; every row needs the pupil's UPN" : explainInvalidUpn(value);
  if (problem !== null)
    context.addIssue({
      code: 'custom',
      message: value === '' ? problem : `"${value}": ${problem}`,
    });
});

const YES = new Set(['y', 'yes', 'true', '1']);
const NO = new Set(['n', 'no', 'false', '0']);

/** A yes/no flag: Y, N, yes, no, true, false, 1, 0; blank (or no column) means `blank`. */
export function flagCellOr(blank: boolean) {
  return cell.optional().transform((value, context) => {
    const lower = (value ?? '').toLowerCase();
    if (lower === '') return blank;
    if (YES.has(lower)) return true;
    if (NO.has(lower)) return false;
    context.addIssue({ code: 'custom', message: `"${value ?? ''}" is not Y or N` });
    return z.NEVER;
  });
}

/** A yes/no flag where blank means no. */
export const flagCell = flagCellOr(false);

/** One of a fixed set of values, named in the message when the cell holds another. */
export function oneOf<const T extends string>(
  values: readonly [T, ...T[]],
  what: string,
): z.ZodType<T, string> {
  return cell.transform((value, context) => {
    const found = values.find(
      (candidate) => candidate === value.toUpperCase() || candidate === value,
    );
    if (found !== undefined) return found;
    context.addIssue({
      code: 'custom',
      message: `"${value}" is not ${what}; write one of ${values.join(', ')}`,
    });
    return z.NEVER;
  });
}
