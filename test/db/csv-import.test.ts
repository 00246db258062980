import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/domain/problem.ts';
import { composeUpn } from '../../src/domain/pupils/upn.ts';
import { parseContactsCsv } from '../../src/interchange/contacts-csv.ts';
import { parseMarksCsv } from '../../src/interchange/marks-csv.ts';
import { parsePupilsCsv } from '../../src/interchange/pupils-csv.ts';
import {
  importContactsCsv,
  importMarksCsv,
  importPupilsCsv,
} from '../../src/services/csv-import.service.ts';
import { addClosure, createAcademicYear, type School } from '../../src/store/school.repository.ts';
import { createTestClock } from '../http/test-app.ts';
import { makeSchool, makeUser } from './factories.ts';
import { useTestDatabase } from './test-database.ts';

const database = useTestDatabase();
const clock = createTestClock(new Date('2024-10-11T15:00:00Z'));
const upn = (n: number) => composeUpn(823, 4000, 24, n);

const PUPILS = `upn,first_name,last_name,dob,sex,year,class,on_roll_from,fsm,sen
${upn(1)},Ada,Lovelace,2016-12-10,F,3,3 Rowan,2024-09-04,Y,K
${upn(2)},"O'Brien, Jack",Smith,2017-03-01,M,3,3 Rowan,2024-09-04,,
`;
const CONTACTS = `upn,priority,name,relationship,parental_responsibility,phone
${upn(1)},1,Anne Lovelace,Mother,Y,07700 900001
${upn(1)},2,George Lovelace,Grandparent,N,07700 900002
`;
const MARKS = `upn,date,session,code
${upn(1)},2024-10-07,AM,/
${upn(1)},2024-10-07,PM,\\
${upn(2)},2024-10-07,AM,I
`;

let school: School;
let importedBy: { userId: number; name: string; role: 'admin' };

async function countRows() {
  const result = await sql<{ pupils: number; contacts: number; marks: number; history: number }>`
    select (select count(*)::integer from pupils) as pupils,
           (select count(*)::integer from contacts) as contacts,
           (select count(*)::integer from marks) as marks,
           (select count(*)::integer from mark_history) as history
  `.execute(database.db);
  return result.rows[0];
}

async function importText(kind: 'pupils' | 'contacts' | 'marks', text: string) {
  const deps = { db: database.db, clock };
  const file = `${kind}.csv`;
  const common = { schoolId: school.id, file, importedBy };
  let outcome;
  if (kind === 'pupils') {
    const parsed = parsePupilsCsv(text, file);
    if (!parsed.ok) return parsed.error.map(formatProblem);
    outcome = await importPupilsCsv(deps, { ...common, rows: parsed.value });
  } else if (kind === 'contacts') {
    const parsed = parseContactsCsv(text, file);
    if (!parsed.ok) return parsed.error.map(formatProblem);
    outcome = await importContactsCsv(deps, { ...common, rows: parsed.value });
  } else {
    const parsed = parseMarksCsv(text, file);
    if (!parsed.ok) return parsed.error.map(formatProblem);
    outcome = await importMarksCsv(deps, { ...common, rows: parsed.value });
  }
  if (outcome.ok) return outcome.value.imported;
  return outcome.error.kind === 'invalid-rows'
    ? outcome.error.problems.map(formatProblem)
    : [outcome.error.kind];
}

beforeAll(async () => {
  school = await makeSchool(database.db);
  const admin = await makeUser(database.db, {
    role: 'admin',
    scope: { kind: 'school', schoolId: school.id },
  });
  importedBy = { userId: admin.id, name: admin.displayName, role: 'admin' };
  await createAcademicYear(database.db, {
    schoolId: school.id,
    name: '2024/25',
    startsOn: '2024-09-01',
    endsOn: '2025-08-31',
    terms: [{ name: 'Autumn', startsOn: '2024-09-04', endsOn: '2024-12-20' }],
  });
  await addClosure(database.db, {
    schoolId: school.id,
    startsOn: '2024-10-04',
    startsSession: 'AM',
    endsOn: '2024-10-04',
    endsSession: 'PM',
    reason: 'INSET day',
  });
  expect(await importText('pupils', PUPILS)).toBe(2);
  expect(await importText('contacts', CONTACTS)).toBe(2);
});

describe('CSV import', () => {
  it('imports good pupils, contacts and marks files completely', async () => {
    const before = await countRows();
    expect(await importText('marks', MARKS)).toBe(3);
    const after = await countRows();
    expect(after?.marks).toBe((before?.marks ?? 0) + 3);
    expect(after?.history).toBe((before?.history ?? 0) + 3);
  });

  const badFiles: [string, 'pupils' | 'contacts' | 'marks', string, string][] = [
    [
      'a bad header',
      'marks',
      'upn,dat,session,code\n',
      'marks.csv:1: unknown column "dat" in the header',
    ],
    [
      'a date that does not exist',
      'pupils',
      `upn,first_name,last_name,dob,sex,year,on_roll_from\n${upn(3)},Eve,Smith,2016-02-30,F,3,2024-09-04\n`,
      'pupils.csv:2: dob: "2016-02-30" is not a real date',
    ],
    [
      'an unknown code',
      'marks',
      `upn,date,session,code\n${upn(1)},2024-10-08,AM,Q9\n`,
      'marks.csv:2: code: "Q9" is not an attendance code of',
    ],
    [
      'a code of the other jurisdiction',
      'marks',
      `upn,date,session,code\n${upn(1)},2024-10-08,AM,F\n`,
      'marks.csv:2: code: F (extended family holiday) is not a code in England',
    ],
    [
      'a mark on a weekend',
      'marks',
      `upn,date,session,code\n${upn(1)},2024-10-05,AM,/\n`,
      'marks.csv:2: date: 2024-10-05 is not a school day at',
    ],
    [
      'a mark on a closure',
      'marks',
      `upn,date,session,code\n${upn(1)},2024-10-04,AM,/\n`,
      'it is a closure (INSET day)',
    ],
    [
      'an unknown UPN',
      'marks',
      `upn,date,session,code\n${upn(9)},2024-10-08,AM,/\n`,
      `marks.csv:2: upn: no pupil with UPN "${upn(9)}"`,
    ],
    [
      'a duplicate row',
      'marks',
      `upn,date,session,code\n${upn(1)},2024-10-08,AM,/\n${upn(1)},2024-10-08,AM,L\n`,
      'marks.csv:3: repeats line 2',
    ],
    [
      'malformed quoting',
      'contacts',
      `upn,priority,name,relationship,parental_responsibility\n${upn(2)},1,"Jo "Smith",Mother,Y\n`,
      'contacts.csv:2: malformed quoting',
    ],
    [
      'a mark already taken',
      'marks',
      `upn,date,session,code\n${upn(1)},2024-10-07,AM,L\n`,
      'already has a mark for 2024-10-07 AM',
    ],
  ];

  it.each(badFiles)(
    'rejects a file with %s and imports none of it',
    async (_, kind, text, expected) => {
      // A good row after the bad one: nothing at all is imported.
      const withGoodRow =
        kind === 'marks' && !text.startsWith('upn,dat,')
          ? `${text}${upn(2)},2024-10-09,PM,\\\n`
          : text;
      const before = await countRows();
      const result = await importText(kind, withGoodRow);
      expect(Array.isArray(result)).toBe(true);
      expect((result as string[]).join('\n')).toContain(expected);
      expect(await countRows()).toEqual(before);
    },
  );
});
