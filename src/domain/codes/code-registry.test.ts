import { describe, expect, it } from 'vitest';
import {
  ALL_CODES,
  CATEGORY_APPROVED,
  CATEGORY_AUTHORISED,
  CATEGORY_NONE,
  CATEGORY_NOT_POSSIBLE,
  CATEGORY_PRESENT,
  CATEGORY_UNAUTHORISED,
  categoriesById,
  CODE_ID_LIMIT,
  codeId,
  codeOfId,
  LAST_PRESENT_ID,
  membershipOf,
  NO_MARK,
} from './code-registry.ts';
import type { CodeCategory } from './code-table.ts';
import { CODE_TABLES, england2006, england2024, wales2010 } from './code-tables.ts';

const categoryNumbers: Record<CodeCategory, number> = {
  present: CATEGORY_PRESENT,
  approvedActivity: CATEGORY_APPROVED,
  authorised: CATEGORY_AUTHORISED,
  unauthorised: CATEGORY_UNAUTHORISED,
  notPossible: CATEGORY_NOT_POSSIBLE,
};

describe('the code registry', () => {
  it('gives the present codes / \\ L the ids 1 to 3, so presence is one comparison', () => {
    expect(codeId('/')).toBe(1);
    expect(codeId('\\')).toBe(2);
    expect(codeId('L')).toBe(3);
    expect(LAST_PRESENT_ID).toBe(3);
  });

  it('gives no other code an id at or below the last present id', () => {
    for (const code of ALL_CODES)
      if (!['/', '\\', 'L'].includes(code)) expect(codeId(code)).toBeGreaterThan(LAST_PRESENT_ID);
  });

  it('keeps id 0 for "no mark" and for strings no table knows', () => {
    expect(NO_MARK).toBe(0);
    expect(codeId('nonsense')).toBe(NO_MARK);
    expect(codeId('-')).toBe(NO_MARK);
    expect(codeOfId(NO_MARK)).toBe('');
  });

  it('holds every code of every table once, with an id below the limit that maps back', () => {
    const everyCode = new Set(CODE_TABLES.flatMap((table) => table.codes.map((c) => c.code)));
    expect(new Set(ALL_CODES)).toEqual(everyCode);
    expect(ALL_CODES.length).toBe(everyCode.size);
    for (const code of everyCode) {
      const id = codeId(code);
      expect(id).toBeGreaterThan(0);
      expect(id).toBeLessThan(CODE_ID_LIMIT);
      expect(codeOfId(id)).toBe(code);
    }
  });

  it.each(CODE_TABLES)('gives each code of $id its category by id', (table) => {
    const categories = categoriesById(table);
    for (const entry of table.codes)
      expect(categories[codeId(entry.code)]).toBe(categoryNumbers[entry.category]);
    expect(categories[NO_MARK]).toBe(CATEGORY_NONE);
  });

  it('gives a code that a table does not have no category in that table', () => {
    expect(categoriesById(england2024)[codeId('H')]).toBe(CATEGORY_NONE);
    expect(categoriesById(england2006)[codeId('C1')]).toBe(CATEGORY_NONE);
    expect(categoriesById(wales2010)[codeId('Y1')]).toBe(CATEGORY_NONE);
  });

  it('lets the same id carry different categories in different tables (D)', () => {
    expect(categoriesById(england2024)[codeId('D')]).toBe(CATEGORY_NOT_POSSIBLE);
    expect(categoriesById(wales2010)[codeId('D')]).toBe(CATEGORY_APPROVED);
  });

  it('builds membership arrays that hold exactly the codes asked for', () => {
    const member = membershipOf(['N', 'O', 'nonsense']);
    expect(member.length).toBe(CODE_ID_LIMIT);
    const members = ALL_CODES.filter((code) => member[codeId(code)] === 1);
    expect(members.sort()).toEqual(['N', 'O']);
    expect(member[NO_MARK]).toBe(0);
  });
});
