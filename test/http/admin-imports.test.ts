import { beforeAll, describe, expect, it } from 'vitest';
import { composeUpn } from '../../src/domain/pupils/upn.ts';
import { useAdminReads } from './admin-people-reads.ts';
import { useApiWorld, type ApiWorld } from './api-world.ts';
import { readJson } from './test-app.ts';

const api = useApiWorld();
let world: ApiWorld;
let school = '';
beforeAll(() => {
  world = api.world;
  school = `/api/schools/${world.school.id}`;
});

const { asAdmin, auditActions, readClasses, readRoll, expectRefused } = useAdminReads(() => world);
const upn = (n: number) => composeUpn(823, 4000, 24, n);

describe('CSV imports from the web', () => {
  const pupilsCsv = (rows: string[]) =>
    ['upn,first_name,last_name,dob,sex,year,class,on_roll_from', ...rows].join('\n');

  it('imports a pupils CSV in one go and the pupils join the roll and their class', async () => {
    const before = (await readRoll()).length;
    const response = await asAdmin({
      method: 'POST',
      url: `${school}/imports`,
      payload: {
        kind: 'pupils',
        fileName: 'pupils.csv',
        text: pupilsCsv([
          `${upn(1)},Hortensia,Wolstenholme,2016-12-10,F,3,3 Rowan,2024-09-02`,
          `${upn(2)},Lysander,Wolstenholme,2017-03-01,M,3,3 Rowan,2024-09-02`,
        ]),
      },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(readJson(response)).toEqual({ kind: 'pupils', fileName: 'pupils.csv', imported: 2 });
    world.pupilNames.push('Hortensia', 'Lysander', 'Wolstenholme');
    const roll = await readRoll();
    expect(roll.length).toBe(before + 2);
    const classes = (await readClasses()).classes;
    expect(classes.find((candidate) => candidate.name === '3 Rowan')?.pupilCount).toBe(2);
    expect(await auditActions()).toContain('import.completed');
  });

  it('imports nothing when any row is wrong, naming the file, line and field of each problem', async () => {
    const refused = await expectRefused(
      {
        method: 'POST',
        url: `${school}/imports`,
        payload: {
          kind: 'pupils',
          fileName: 'pupils.csv',
          text: pupilsCsv([
            `${upn(3)},Good,Row,2016-12-10,F,3,,2024-09-02`,
            `${upn(4)},Bad,Date,2016-02-30,F,3,,2024-09-02`,
          ]),
        },
      },
      422,
      'import-refused',
    );
    expect(refused.detail).toBe('Nothing was imported: fix the problem and upload the file again.');
    expect((refused as unknown as { problems: unknown[] }).problems).toEqual([
      {
        file: 'pupils.csv',
        line: 3,
        field: 'dob',
        message: expect.stringContaining('2016-02-30') as string,
      },
    ]);
  });

  it('imports nothing when a row clashes with the database (a UPN already on file)', async () => {
    const refused = await expectRefused(
      {
        method: 'POST',
        url: `${school}/imports`,
        payload: {
          kind: 'pupils',
          fileName: 'more-pupils.csv',
          text: pupilsCsv([
            `${upn(5)},Fresh,Pupil,2016-12-10,F,3,,2024-09-02`,
            `${upn(1)},Again,Pupil,2016-12-10,F,3,,2024-09-02`,
          ]),
        },
      },
      422,
      'import-refused',
    );
    expect((refused as unknown as { problems: unknown[] }).problems).toEqual([
      expect.objectContaining({ file: 'more-pupils.csv', line: 3, field: 'upn' }),
    ]);
  });

  it('imports classes with their year groups and teachers, or nothing if a teacher is unknown', async () => {
    const teacher = world.users.get('teacher')!;
    const classesCsv = (teachers: string) =>
      `name,year,kind,teachers\n5 Birch,5,registration,${teacher.email}\n5 Maths Set 1,5,teaching,${teachers}\n`;
    await expectRefused(
      {
        method: 'POST',
        url: `${school}/imports`,
        payload: {
          kind: 'classes',
          fileName: 'classes.csv',
          text: classesCsv('nobody@school.example'),
        },
      },
      422,
      'import-refused',
    );
    const response = await asAdmin({
      method: 'POST',
      url: `${school}/imports`,
      payload: { kind: 'classes', fileName: 'classes.csv', text: classesCsv('') },
    });
    expect(response.statusCode, response.body).toBe(200);
    const classes = (await readClasses()).classes;
    expect(classes.find((found) => found.name === '5 Birch')).toMatchObject({
      kind: 'registration',
      teachers: [{ userId: teacher.id }],
    });
    expect(classes.find((found) => found.name === '5 Maths Set 1')).toMatchObject({
      kind: 'teaching',
      teachers: [],
    });
  });

  it('streams the import’s progress, rows done of the total, then the summary', async () => {
    const rows = Array.from(
      { length: 30 },
      (_, n) => `${upn(100 + n)},Pupil${n},Streamed,2016-12-10,F,3,3 Rowan,2024-09-02`,
    );
    world.pupilNames.push('Streamed');
    const response = await asAdmin({
      method: 'POST',
      url: `${school}/imports`,
      headers: { accept: 'application/x-ndjson' },
      payload: { kind: 'pupils', fileName: 'pupils.csv', text: pupilsCsv(rows) },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/x-ndjson');
    const events = response.body
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const progress = events.filter((event) => event['type'] === 'progress');
    expect(progress[0]).toEqual({ type: 'progress', stage: 'checking', done: 0, total: 30 });
    const done = progress.map((event) => event['done'] as number);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(progress.at(-1)).toEqual({ type: 'progress', stage: 'writing', done: 30, total: 30 });
    expect(progress.length).toBeGreaterThan(2);
    expect(events.at(-1)).toEqual({
      type: 'imported',
      summary: { kind: 'pupils', fileName: 'pupils.csv', imported: 30 },
    });
  });

  it('streams the problems of a refused file', async () => {
    const response = await asAdmin({
      method: 'POST',
      url: `${school}/imports`,
      headers: { accept: 'application/x-ndjson' },
      payload: {
        kind: 'contacts',
        fileName: 'contacts.csv',
        text: 'upn,priority,name,relationship,parental_responsibility\nX,1,A Person,Aunt,Y\n',
      },
    });
    const events = response.body
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(events).toEqual([
      {
        type: 'refused',
        detail: 'Nothing was imported: fix the problem and upload the file again.',
        problems: [expect.objectContaining({ file: 'contacts.csv', line: 2, field: 'upn' })],
      },
    ]);
  });
});
