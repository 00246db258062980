import { describe, expect, it } from 'vitest';
import { checkAcademicYear, checkClosure, checkTerm } from './calendar-edits.ts';

const year = { id: 1, name: '2024/25', startsOn: '2024-09-01', endsOn: '2025-08-31' };
const autumn = { id: 10, name: 'Autumn', startsOn: '2024-09-02', endsOn: '2024-12-20' };
const spring = { id: 11, name: 'Spring', startsOn: '2025-01-06', endsOn: '2025-04-04' };
const inset = {
  id: 100,
  startsOn: '2024-10-18',
  startsSession: 'AM',
  endsOn: '2024-10-18',
  endsSession: 'PM',
  reason: 'INSET day',
} as const;
const messages = (problems: readonly { message: string }[]) => problems.map((p) => p.message);

describe('checking an academic year', () => {
  it('accepts a year after the others that holds its terms', () => {
    expect(
      checkAcademicYear(
        { name: '2025/26', startsOn: '2025-09-01', endsOn: '2026-08-31' },
        { otherYears: [year], terms: [] },
      ),
    ).toEqual([]);
  });

  it('refuses a year that overlaps another, shares its name or leaves a term outside', () => {
    expect(
      messages(
        checkAcademicYear(
          { name: '2024/25', startsOn: '2025-06-01', endsOn: '2026-05-31' },
          { otherYears: [year], terms: [] },
        ),
      ),
    ).toEqual([
      'there is already an academic year "2024/25"',
      'the year overlaps academic year 2024/25 (2024-09-01 to 2025-08-31)',
    ]);
    expect(
      messages(
        checkAcademicYear({ ...year, endsOn: '2024-12-01' }, { otherYears: [], terms: [autumn] }),
      ),
    ).toEqual([
      'term "Autumn" (2024-09-02 to 2024-12-20) would fall outside the year; change or remove the term first',
    ]);
  });
});

describe('checking a term', () => {
  it('accepts a term inside its year that overlaps no other', () => {
    expect(checkTerm(spring, { year, otherTerms: [autumn], closures: [] })).toEqual([]);
  });

  it('refuses a term outside its year, over another, or backwards', () => {
    expect(
      checkTerm(
        { name: 'Summer', startsOn: '2025-06-02', endsOn: '2025-09-19' },
        { year, otherTerms: [], closures: [] },
      ),
    ).toEqual([
      {
        field: 'endsOn',
        message: 'the term must lie inside academic year 2024/25 (2024-09-01 to 2025-08-31)',
      },
    ]);
    expect(
      messages(
        checkTerm(
          { ...spring, startsOn: '2024-12-16' },
          { year, otherTerms: [autumn], closures: [] },
        ),
      ),
    ).toEqual(['the term overlaps term "Autumn" (2024-09-02 to 2024-12-20)']);
    expect(
      messages(
        checkTerm({ ...spring, endsOn: '2025-01-01' }, { year, otherTerms: [], closures: [] }),
      ),
    ).toEqual(['the term ends (2025-01-01) before it starts (2025-01-06)']);
  });

  it('refuses to leave one of its closures outside every term', () => {
    expect(
      messages(
        checkTerm(
          { ...autumn, endsOn: '2024-10-11' },
          { year, otherTerms: [spring], closures: [inset] },
        ),
      ),
    ).toEqual([
      'closure "INSET day" (2024-10-18 to 2024-10-18) would no longer be inside a term; change or remove it first',
    ]);
  });
});

describe('checking a closure', () => {
  const terms = [autumn, spring];

  it('accepts a closure inside a term beside another closure', () => {
    expect(
      checkClosure(
        { ...inset, startsOn: '2024-10-17', endsOn: '2024-10-17', reason: 'Polling day' },
        { terms, otherClosures: [inset] },
      ),
    ).toEqual([]);
  });

  it('lets a morning closure and an afternoon closure share a day', () => {
    const morning = { ...inset, endsSession: 'AM' } as const;
    expect(
      checkClosure({ ...inset, startsSession: 'PM' }, { terms, otherClosures: [morning] }),
    ).toEqual([]);
  });

  it('refuses a closure in the holidays, across two terms, or over another closure', () => {
    expect(
      messages(
        checkClosure(
          { ...inset, startsOn: '2024-12-23', endsOn: '2024-12-23' },
          { terms, otherClosures: [] },
        ),
      ),
    ).toEqual(['a closure must fall inside a term, and no term covers 2024-12-23 to 2024-12-23']);
    expect(
      messages(
        checkClosure(
          { ...inset, startsOn: '2024-12-19', endsOn: '2025-01-07' },
          { terms, otherClosures: [] },
        ),
      ),
    ).toEqual([
      'a closure must fall inside one term; 2024-12-19 to 2025-01-07 runs outside term "Autumn" (2024-09-02 to 2024-12-20)',
    ]);
    expect(
      messages(checkClosure({ ...inset, id: undefined }, { terms, otherClosures: [inset] })),
    ).toEqual(['the closure overlaps closure "INSET day" (2024-10-18 to 2024-10-18)']);
  });

  it('refuses a closure without a reason or that ends before it starts', () => {
    expect(
      checkClosure(
        { ...inset, startsSession: 'PM', endsSession: 'AM', reason: ' ' },
        { terms, otherClosures: [] },
      ),
    ).toEqual([
      { field: 'reason', message: 'say why the school is closed (e.g. "INSET day")' },
      { field: 'endsSession', message: 'the closure ends on the morning before it starts' },
    ]);
  });
});
