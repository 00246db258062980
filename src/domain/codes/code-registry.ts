import type { CodeCategory, CodeTable } from './code-table.ts';
import { CODE_TABLES } from './code-tables.ts';

/**
 * Marks are stored as small integers in typed arrays for speed. Id 0 means "no mark"; the
 * present codes come first so a hot loop can tell present from everything else with one compare.
 */
export const NO_MARK = 0;
export const LAST_PRESENT_ID = 3;

const ordered: string[] = ['/', '\\', 'L'];
for (const table of CODE_TABLES) {
  for (const entry of table.codes) if (!ordered.includes(entry.code)) ordered.push(entry.code);
}

/** Every code of every table; the id of a code is its index + 1. */
export const ALL_CODES: readonly string[] = ordered;
export const CODE_ID_LIMIT = ordered.length + 1;

const idByCode = new Map(ordered.map((code, i) => [code, i + 1]));

/** The numeric id of a code string, or 0 when no table knows it. */
export function codeId(code: string): number {
  return idByCode.get(code) ?? NO_MARK;
}

/** The code string of an id (empty string for no mark). */
export function codeOfId(id: number): string {
  return ordered[id - 1] ?? '';
}

export const CATEGORY_NONE = 0;
export const CATEGORY_PRESENT = 1;
export const CATEGORY_APPROVED = 2;
export const CATEGORY_AUTHORISED = 3;
export const CATEGORY_UNAUTHORISED = 4;
export const CATEGORY_NOT_POSSIBLE = 5;

const categoryNumber: Record<CodeCategory, number> = {
  present: CATEGORY_PRESENT,
  approvedActivity: CATEGORY_APPROVED,
  authorised: CATEGORY_AUTHORISED,
  unauthorised: CATEGORY_UNAUTHORISED,
  notPossible: CATEGORY_NOT_POSSIBLE,
};

const categoryTables = new Map<CodeTable, Uint8Array>();

/** For each code id, its category number in `table` (CATEGORY_NONE when not in the table). */
export function categoriesById(table: CodeTable): Uint8Array {
  let categories = categoryTables.get(table);
  if (!categories) {
    categories = new Uint8Array(CODE_ID_LIMIT);
    for (const entry of table.codes)
      categories[codeId(entry.code)] = categoryNumber[entry.category];
    categoryTables.set(table, categories);
  }
  return categories;
}

/** A membership array over code ids for a set of code strings. */
export function membershipOf(codes: Iterable<string>): Uint8Array {
  const member = new Uint8Array(CODE_ID_LIMIT);
  for (const code of codes) {
    const id = codeId(code);
    if (id !== NO_MARK) member[id] = 1;
  }
  return member;
}
