import type { CodeTable } from './code-table.ts';

/** Names of the code sets that policy rules refer to (rules.md, shared definitions). */
export const NAMED_CODE_SETS = ['UNAUTH', 'ABSENT', 'UNEXPLAINED', 'UNPLANNED'] as const;
export type NamedCodeSet = (typeof NAMED_CODE_SETS)[number];

export function isNamedCodeSet(name: string): name is NamedCodeSet {
  return (NAMED_CODE_SETS as readonly string[]).includes(name);
}

/** The codes of a named set in a given code table. */
export function codesOfNamedSet(table: CodeTable, name: NamedCodeSet): ReadonlySet<string> {
  const have = new Set(table.codes.map((entry) => entry.code));
  const keep = (codes: string[]) => new Set(codes.filter((code) => have.has(code)));
  switch (name) {
    case 'UNAUTH':
      return new Set(table.codes.filter((c) => c.category === 'unauthorised').map((c) => c.code));
    case 'ABSENT':
      return new Set(
        table.codes
          .filter((c) => c.category === 'authorised' || c.category === 'unauthorised')
          .map((c) => c.code),
      );
    case 'UNEXPLAINED':
      return keep(['N', 'O']);
    case 'UNPLANNED':
      return keep(['I', 'N', 'O', 'U']);
  }
}
