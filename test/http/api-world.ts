import type { LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Role } from '../../src/domain/access/access-policy.ts';
import { roles } from '../../src/domain/access/access-policy.ts';
import { addDays } from '../../src/domain/calendar/plain-date.ts';
import { assignClassTeacher, createClass } from '../../src/store/class.repository.ts';
import { recordSessionMarks } from '../../src/store/mark.repository.ts';
import { addContact, enrolPupil, type Pupil } from '../../src/store/pupil.repository.ts';
import type { Database } from '../../src/store/schema.ts';
import { createAcademicYear, type School } from '../../src/store/school.repository.ts';
import type { User } from '../../src/store/user.repository.ts';
import { makePupil, makeSchool } from '../db/factories.ts';
import { useTestDatabase } from '../db/test-database.ts';
import {
  buildTestApp,
  makeUserWithPassword,
  signInAs,
  type SignedInClient,
  type TestApp,
} from './test-app.ts';

/**
 * School A (trust T, authority L) with class 3A (taught by the teacher; the parent's child is
 * in it) and class 3B; school C in the same trust and authority; school B elsewhere. One user
 * of every role, scoped to school A (the LA officer to authority L, the parent to nobody).
 * The clock stands at Wednesday 4 September 2024, 09:30 in London: the morning register has
 * closed, the afternoon one has not opened.
 */
export interface ApiWorld {
  readonly testApp: TestApp;
  readonly db: Kysely<Database>;
  readonly school: School;
  readonly sisterSchool: School;
  readonly elsewhereSchool: School;
  readonly taughtClassId: number;
  readonly otherClassId: number;
  /** In 3A; the parent's child. */
  readonly child: Pupil;
  /** In 3A too. */
  readonly classmates: readonly Pupil[];
  /** In 3B. */
  readonly otherClassPupils: readonly Pupil[];
  readonly elsewherePupil: Pupil;
  readonly users: ReadonlyMap<Role, User>;
  readonly clients: ReadonlyMap<Role, SignedInClient>;
  /** Every pupil's names, which must never reach a log line. */
  readonly pupilNames: string[];
}

// Names no log line could hold by chance.
const surnames = ['Quillfeather', 'Marchbanks', 'Oakenshaw', 'Pendlebury', 'Thistlewood'];
const forenames = ['Ottoline', 'Peregrine', 'Seraphina', 'Barnaby', 'Clementine', 'Evander'];

async function makeNamedPupil(db: Kysely<Database>, n: number, names: string[]): Promise<Pupil> {
  const first = `${forenames[n % forenames.length] ?? 'Ottoline'}${n}`;
  const last = surnames[n % surnames.length] ?? 'Quillfeather';
  names.push(first, last);
  return makePupil(db, { legalFirstName: first, legalLastName: last });
}

async function addAutumnTerm(db: Kysely<Database>, schoolId: number): Promise<number> {
  await db
    .updateTable('schools')
    .set({
      am_register_opens: '08:45',
      am_register_closes: '09:15',
      pm_register_opens: '13:00',
      pm_register_closes: '13:15',
      policy_preset: 'england-2024',
    })
    .where('id', '=', schoolId)
    .execute();
  const year = await createAcademicYear(db, {
    schoolId,
    name: '2024/25',
    startsOn: '2024-09-01',
    endsOn: '2025-08-31',
    terms: [{ name: 'Autumn', startsOn: '2024-09-02', endsOn: '2024-12-20' }],
  });
  if (!year.ok) throw new Error('academic year not created');
  return year.value.id;
}

/** Builds the world once per test file and checks, at the end, that logs named no pupil. */
export function useApiWorld(): { readonly world: ApiWorld } {
  const database = useTestDatabase();
  let world: ApiWorld | undefined;
  beforeAll(async () => {
    const db = database.db;
    const testApp = await buildTestApp(db);
    const school = await makeSchool(db);
    const sisterSchool = await makeSchool(db, {
      trustId: school.trustId,
      localAuthorityId: school.localAuthorityId,
    });
    const elsewhereSchool = await makeSchool(db);
    const yearId = await addAutumnTerm(db, school.id);
    await addAutumnTerm(db, sisterSchool.id);
    await addAutumnTerm(db, elsewhereSchool.id);
    const newClass = (name: string) =>
      createClass(db, {
        schoolId: school.id,
        academicYearId: yearId,
        yearGroupId: null,
        name,
        kind: 'registration',
      });
    const taughtClass = await newClass('3A');
    const otherClass = await newClass('3B');
    const pupilNames: string[] = [];
    const enrol = async (schoolId: number, classId: number | null, n: number) => {
      const pupil = await makeNamedPupil(db, n, pupilNames);
      await enrolPupil(db, {
        schoolId,
        pupilId: pupil.id,
        onRollFrom: '2024-09-02',
        registrationStatus: 'single',
        yearGroupId: null,
        classId,
      });
      return pupil;
    };
    const child = await enrol(school.id, taughtClass.id, 0);
    const classmates = [
      await enrol(school.id, taughtClass.id, 1),
      await enrol(school.id, taughtClass.id, 2),
    ];
    const otherClassPupils = [
      await enrol(school.id, otherClass.id, 3),
      await enrol(school.id, otherClass.id, 4),
    ];
    await enrol(sisterSchool.id, null, 5);
    const elsewherePupil = await enrol(elsewhereSchool.id, null, 6);

    const users = new Map<Role, User>();
    for (const role of roles) {
      const scope =
        role === 'parent'
          ? ({ kind: 'none' } as const)
          : role === 'la_officer'
            ? ({ kind: 'local-authority', localAuthorityId: school.localAuthorityId } as const)
            : ({ kind: 'school', schoolId: school.id } as const);
      users.set(role, await makeUserWithPassword(db, { role, scope }));
    }
    await assignClassTeacher(db, { classId: taughtClass.id, userId: users.get('teacher')!.id });
    await addContact(db, {
      pupilId: child.id,
      userId: users.get('parent')!.id,
      name: 'Rosamund Quillfeather',
      relationship: 'mother',
      parentalResponsibility: true,
      emergencyContact: true,
      phone: '07700 900001',
      email: null,
      priority: 1,
    });
    await addContact(db, {
      pupilId: child.id,
      userId: null,
      name: 'Aurelio Quillfeather',
      relationship: 'father',
      parentalResponsibility: true,
      emergencyContact: true,
      phone: '07700 900002',
      email: null,
      priority: 2,
    });
    const clients = new Map<Role, SignedInClient>();
    for (const role of roles) clients.set(role, await signInAs(testApp.app, users.get(role)!));
    world = {
      testApp,
      db,
      school,
      sisterSchool,
      elsewhereSchool,
      taughtClassId: taughtClass.id,
      otherClassId: otherClass.id,
      child,
      classmates,
      otherClassPupils,
      elsewherePupil,
      users,
      clients,
      pupilNames,
    };
  });
  afterAll(async () => {
    if (world === undefined) return;
    // Whatever the file did, no log line may name a pupil.
    expect(world.testApp.rawLogs.length).toBeGreaterThan(0);
    const everything = world.testApp.rawLogs.join('\n');
    for (const name of world.pupilNames) expect(everything).not.toContain(name);
    await world.testApp.app.close();
  });
  return {
    get world(): ApiWorld {
      if (world === undefined) throw new Error('the API world is not built yet');
      return world;
    },
  };
}

export interface ApiRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly url: string;
  readonly payload?: unknown;
  readonly headers?: Record<string, string>;
}

/** Sends a request as a signed-in client (with the CSRF token), or anonymously. */
export function send(
  world: ApiWorld,
  request: ApiRequest,
  client?: SignedInClient,
): Promise<LightMyRequestResponse> {
  return world.testApp.app.inject({
    method: request.method,
    url: request.url,
    headers: {
      ...(client === undefined ? {} : { cookie: client.cookie, 'x-csrf-token': client.csrfToken }),
      ...request.headers,
    },
    ...(request.payload === undefined ? {} : { payload: request.payload as object }),
  });
}

export function sendAs(world: ApiWorld, role: Role, request: ApiRequest) {
  return send(world, request, world.clients.get(role));
}

let keySequence = 0;
/** A fresh Idempotency-Key. */
export function freshKey(): string {
  keySequence += 1;
  return `test-key-${String(process.pid)}-${String(keySequence)}-${String(Date.now())}`;
}

/** Rows of the tables a write can touch, to show a refused request wrote nothing. */
export async function countWrites(db: Kysely<Database>): Promise<Record<string, number>> {
  const tables = [
    'marks',
    'mark_history',
    'absence_reports',
    'sign_events',
    'idempotency_keys',
  ] as const;
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.count);
  }
  return counts;
}

// Mondays to Fridays of the first two weeks of September 2024.
const truantDays = [0, 1, 2, 3, 4, 7, 8, 9, 10, 11].map((offset) => addDays('2024-09-02', offset));

/**
 * Two weeks of unauthorised absence (O) for the second pupil of class 3B, written straight to
 * the store so figures can be asked for as of a later day than the clock's. Returns the pupil.
 */
export async function recordTwoWeeksOfTruancy(world: ApiWorld): Promise<Pupil> {
  const truant = world.otherClassPupils[1]!;
  const enrolment = await world.db
    .selectFrom('enrolments')
    .select('id')
    .where('pupil_id', '=', truant.id)
    .executeTakeFirstOrThrow();
  for (const date of truantDays)
    for (const session of ['AM', 'PM'] as const) {
      const recorded = await recordSessionMarks(world.db, {
        schoolId: world.school.id,
        date,
        session,
        entries: [{ pupilId: truant.id, enrolmentId: enrolment.id, code: 'O' }],
        recordedBy: world.users.get('admin')!.id,
        source: 'import',
        reason: null,
        at: new Date('2024-09-04T08:00:00Z'),
      });
      if (!recorded.ok) throw new Error('could not record test marks');
    }
  return truant;
}
