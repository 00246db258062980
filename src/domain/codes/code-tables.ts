import type { IsoDate } from '../calendar/plain-date.ts';
import type { AttendanceCode, CodeTable, Jurisdiction } from './code-table.ts';
import { england2006 } from './england-2006.ts';
import { england2024 } from './england-2024.ts';
import { wales2010 } from './wales-2010.ts';

export { england2006, england2024, wales2010 };

/** Every code table, oldest first within each jurisdiction. */
export const CODE_TABLES: readonly CodeTable[] = [england2006, england2024, wales2010];

/** The code table that governs a session on `date` in `jurisdiction` (chosen by session date). */
export function codeTableFor(jurisdiction: Jurisdiction, date: IsoDate): CodeTable {
  for (const table of CODE_TABLES) {
    if (table.jurisdiction !== jurisdiction) continue;
    if (table.validFrom !== null && date < table.validFrom) continue;
    if (table.validTo !== null && date > table.validTo) continue;
    return table;
  }
  // The tables of each jurisdiction cover every date; reaching here is a programming error.
  throw new Error(`No code table for ${jurisdiction} on ${date}`);
}

/** The tables a jurisdiction has used, oldest first. */
export function codeTablesOf(jurisdiction: Jurisdiction): readonly CodeTable[] {
  return CODE_TABLES.filter((table) => table.jurisdiction === jurisdiction);
}

const lookups = new Map<CodeTable, ReadonlyMap<string, AttendanceCode>>();

/** The entry for `code` in `table`, or undefined when the table has no such code. */
export function findCode(table: CodeTable, code: string): AttendanceCode | undefined {
  let lookup = lookups.get(table);
  if (!lookup) {
    lookup = new Map(table.codes.map((entry) => [entry.code, entry]));
    lookups.set(table, lookup);
  }
  return lookup.get(code);
}

/** A plain-English list of a table's codes, for error messages. */
export function describeCodes(table: CodeTable): string {
  return table.codes.map((entry) => entry.code).join(' ');
}
