import { describe, expect, it } from 'vitest';
import type { CodeCategory, CodeTable, CodeTableId } from './code-table.ts';
import { isAbsenceCategory, isAttendanceCategory, isPossibleCategory } from './code-table.ts';
import {
  CODE_TABLES,
  codeTableFor,
  codeTablesOf,
  describeCodes,
  england2006,
  england2024,
  findCode,
  wales2010,
} from './code-tables.ts';
import { codesOfNamedSet, isNamedCodeSet } from './code-sets.ts';

/** The statistical treatment table of reference/README.md, copied as written there. */
const REFERENCE: Record<CodeTableId, Record<CodeCategory, string>> = {
  'england-2024': {
    present: '/ \\ L',
    approvedActivity: 'K V P W B',
    authorised: 'C1 M J1 S C2 C T R I E',
    unauthorised: 'G N O U',
    notPossible: 'D X Q Y1 Y2 Y3 Y4 Y5 Y6 Y7 Z #',
  },
  'england-2006': {
    present: '/ \\ L',
    approvedActivity: 'B J P V W',
    authorised: 'C E F H I M R S T',
    unauthorised: 'G N O U',
    notPossible: 'D X Y Z #',
  },
  'wales-2010': {
    present: '/ \\ L',
    approvedActivity: 'B D J P V W',
    authorised: 'C E F H I M R S T',
    unauthorised: 'G N O U',
    notPossible: 'X Y Z #',
  },
};

function expectedCategories(id: CodeTableId): Map<string, CodeCategory> {
  const expected = new Map<string, CodeCategory>();
  for (const [category, codes] of Object.entries(REFERENCE[id]) as [CodeCategory, string][])
    for (const code of codes.split(' ')) expected.set(code, category);
  return expected;
}

const tables: readonly CodeTable[] = [england2024, england2006, wales2010];
const entries = tables.flatMap((table) =>
  table.codes.map((entry) => ({
    table: table.id,
    code: entry.code,
    category: entry.category,
    meaning: entry.meaning,
  })),
);

describe('the code tables', () => {
  it('are the three tables of the reference, each listed once', () => {
    expect(CODE_TABLES.map((table) => table.id).sort()).toEqual([
      'england-2006',
      'england-2024',
      'wales-2010',
    ]);
  });

  it.each(entries)(
    '$table: code $code has the category the reference gives it',
    ({ table, code, category, meaning }) => {
      expect(category).toBe(expectedCategories(table).get(code));
      expect(meaning.length).toBeGreaterThan(0);
    },
  );

  it.each(tables)('$id has every code of the reference and no other', (table) => {
    const listed = table.codes.map((entry) => entry.code);
    expect(new Set(listed).size).toBe(listed.length);
    expect([...listed].sort()).toEqual([...expectedCategories(table.id).keys()].sort());
  });

  it.each(tables)(
    '$id finds each of its codes by name and nothing for an unknown string',
    (table) => {
      for (const entry of table.codes) expect(findCode(table, entry.code)).toBe(entry);
      expect(findCode(table, 'not-a-code')).toBeUndefined();
    },
  );

  it('keep the codes each jurisdiction dropped or never had out of its table', () => {
    expect(findCode(england2024, 'H')).toBeUndefined();
    expect(findCode(england2024, 'F')).toBeUndefined();
    expect(findCode(england2024, 'J')).toBeUndefined();
    expect(findCode(england2024, 'Y')).toBeUndefined();
    expect(findCode(england2006, 'C1')).toBeUndefined();
    expect(findCode(england2006, 'K')).toBeUndefined();
    expect(findCode(wales2010, 'C1')).toBeUndefined();
    expect(findCode(wales2010, 'Y1')).toBeUndefined();
  });

  it('treat D as not possible in England but as approved activity in Wales', () => {
    expect(findCode(england2024, 'D')?.category).toBe('notPossible');
    expect(findCode(england2006, 'D')?.category).toBe('notPossible');
    expect(findCode(wales2010, 'D')?.category).toBe('approvedActivity');
  });

  it('describe their codes as a space-separated list for error messages', () => {
    expect(describeCodes(england2006)).toBe(england2006.codes.map((c) => c.code).join(' '));
    expect(describeCodes(wales2010).split(' ')).toContain('H');
  });
});

describe('the category helpers', () => {
  it('count every category but not possible as a possible session', () => {
    expect(isPossibleCategory('present')).toBe(true);
    expect(isPossibleCategory('approvedActivity')).toBe(true);
    expect(isPossibleCategory('authorised')).toBe(true);
    expect(isPossibleCategory('unauthorised')).toBe(true);
    expect(isPossibleCategory('notPossible')).toBe(false);
  });

  it('count present and approved activity as attendance and nothing else', () => {
    expect(isAttendanceCategory('present')).toBe(true);
    expect(isAttendanceCategory('approvedActivity')).toBe(true);
    expect(isAttendanceCategory('authorised')).toBe(false);
    expect(isAttendanceCategory('notPossible')).toBe(false);
  });

  it('count authorised and unauthorised as absence and nothing else', () => {
    expect(isAbsenceCategory('authorised')).toBe(true);
    expect(isAbsenceCategory('unauthorised')).toBe(true);
    expect(isAbsenceCategory('present')).toBe(false);
    expect(isAbsenceCategory('notPossible')).toBe(false);
  });
});

describe('codeTableFor', () => {
  it('uses the 2006 table for an English register dated 18 August 2024', () => {
    expect(codeTableFor('england', '2024-08-18')).toBe(england2006);
  });

  it('uses the 2024 table for an English register dated 19 August 2024', () => {
    expect(codeTableFor('england', '2024-08-19')).toBe(england2024);
  });

  it('uses the 2006 table long before and the 2024 table long after the change', () => {
    expect(codeTableFor('england', '2010-01-04')).toBe(england2006);
    expect(codeTableFor('england', '2030-06-03')).toBe(england2024);
  });

  it('uses the 2010 Welsh table on either side of the English change', () => {
    expect(codeTableFor('wales', '2024-08-18')).toBe(wales2010);
    expect(codeTableFor('wales', '2024-08-19')).toBe(wales2010);
  });

  it('lists each jurisdiction’s tables oldest first', () => {
    expect(codeTablesOf('england')).toEqual([england2006, england2024]);
    expect(codeTablesOf('wales')).toEqual([wales2010]);
  });
});

describe('the named code sets', () => {
  const sorted = (codes: ReadonlySet<string>) => [...codes].sort();
  const split = (codes: string) => codes.split(' ').sort();

  it('recognise UNAUTH, ABSENT, UNEXPLAINED and UNPLANNED and nothing else', () => {
    for (const name of ['UNAUTH', 'ABSENT', 'UNEXPLAINED', 'UNPLANNED'])
      expect(isNamedCodeSet(name)).toBe(true);
    expect(isNamedCodeSet('N')).toBe(false);
    expect(isNamedCodeSet('unauth')).toBe(false);
  });

  it('in England 2024 are G N O U, every absence code, N O and I N O U', () => {
    expect(sorted(codesOfNamedSet(england2024, 'UNAUTH'))).toEqual(split('G N O U'));
    expect(sorted(codesOfNamedSet(england2024, 'ABSENT'))).toEqual(
      split('C1 M J1 S C2 C T R I E G N O U'),
    );
    expect(sorted(codesOfNamedSet(england2024, 'UNEXPLAINED'))).toEqual(split('N O'));
    expect(sorted(codesOfNamedSet(england2024, 'UNPLANNED'))).toEqual(split('I N O U'));
  });

  it('in England before 19 August 2024 include the agreed holiday codes H and F as absence', () => {
    expect(sorted(codesOfNamedSet(england2006, 'UNAUTH'))).toEqual(split('G N O U'));
    expect(sorted(codesOfNamedSet(england2006, 'ABSENT'))).toEqual(
      split('C E F H I M R S T G N O U'),
    );
    expect(sorted(codesOfNamedSet(england2006, 'UNEXPLAINED'))).toEqual(split('N O'));
    expect(sorted(codesOfNamedSet(england2006, 'UNPLANNED'))).toEqual(split('I N O U'));
  });

  it('in Wales come from the Welsh table', () => {
    expect(sorted(codesOfNamedSet(wales2010, 'UNAUTH'))).toEqual(split('G N O U'));
    expect(sorted(codesOfNamedSet(wales2010, 'ABSENT'))).toEqual(
      split('C E F H I M R S T G N O U'),
    );
    expect(sorted(codesOfNamedSet(wales2010, 'UNEXPLAINED'))).toEqual(split('N O'));
    expect(sorted(codesOfNamedSet(wales2010, 'UNPLANNED'))).toEqual(split('I N O U'));
  });
});
