import type { Role } from '../../src/domain/access/access-policy.ts';
import { composeUpn } from '../../src/domain/pupils/upn.ts';
import type { ApiRequest, ApiWorld } from './api-world.ts';
import { makeUserWithPassword } from './test-app.ts';

/** The class, account and import endpoints' probes for the authorisation matrix. */
export interface PeopleAdminProbe {
  readonly name: string;
  readonly request: () => ApiRequest;
  readonly allowed: readonly Role[];
  readonly success: 200 | 201;
}

const admins: readonly Role[] = ['admin'];

/**
 * Probes of a school's classes, accounts and imports: administrators only. Each allowed change
 * either leaves things as they were or makes something new, so the world stays intact.
 */
export async function listPeopleAdminProbes(world: ApiWorld): Promise<PeopleAdminProbe[]> {
  const school = world.school.id;
  const spare = await makeUserWithPassword(world.db, {
    role: 'office',
    scope: { kind: 'school', schoolId: school },
  });
  const father = await world.db
    .selectFrom('contacts')
    .select('id')
    .where('pupil_id', '=', world.child.id)
    .where('user_id', 'is', null)
    .orderBy('priority')
    .executeTakeFirstOrThrow();
  const year = await world.db
    .selectFrom('academic_years')
    .select('id')
    .where('school_id', '=', school)
    .executeTakeFirstOrThrow();
  let created = 0;
  const get = (url: string) => () =>
    ({ method: 'GET', url: `/api/schools/${school}${url}` }) as const;
  const change = (method: 'POST' | 'PUT', url: string, payload: unknown) => () =>
    ({ method, url: `/api/schools/${school}${url}`, payload }) as const;
  const other = world.otherClassId;
  return [
    { name: 'read the classes to set up', request: get('/classes'), allowed: admins, success: 200 },
    {
      name: 'read the classes of a school in another authority',
      request: () => ({ method: 'GET', url: `/api/schools/${world.elsewhereSchool.id}/classes` }),
      allowed: [],
      success: 200,
    },
    {
      name: 'create a class',
      request: () => {
        created += 1;
        return change('POST', '/classes', { name: `Probe ${created}`, academicYearId: year.id })();
      },
      allowed: admins,
      success: 201,
    },
    {
      name: 'rename a class',
      request: change('PUT', `/classes/${other}`, { name: '3B', yearGroupId: null }),
      allowed: admins,
      success: 200,
    },
    {
      name: "set a class's teachers",
      request: change('PUT', `/classes/${other}/teachers`, { userIds: [] }),
      allowed: admins,
      success: 200,
    },
    {
      name: "set a class's pupils",
      request: change('PUT', `/classes/${other}/pupils`, {
        pupilIds: world.otherClassPupils.map((pupil) => pupil.id),
      }),
      allowed: admins,
      success: 200,
    },
    { name: "read the school's roll", request: get('/roll'), allowed: admins, success: 200 },
    {
      name: "list the school's accounts",
      request: get('/accounts'),
      allowed: admins,
      success: 200,
    },
    {
      name: 'create a staff account',
      request: () => {
        created += 1;
        return change('POST', '/accounts', {
          displayName: 'Probe Account',
          email: `probe${created}@school.example`,
          role: 'office',
        })();
      },
      allowed: admins,
      success: 201,
    },
    {
      name: "change an account's role",
      request: change('PUT', `/accounts/${spare.id}/role`, { role: 'office' }),
      allowed: admins,
      success: 200,
    },
    {
      name: 'disable or enable an account',
      request: change('PUT', `/accounts/${spare.id}/status`, { active: true }),
      allowed: admins,
      success: 200,
    },
    {
      name: "reset an account's password",
      request: change('POST', `/accounts/${spare.id}/password`, {}),
      allowed: admins,
      success: 200,
    },
    {
      name: "list pupils' contacts and their accounts",
      request: get('/contacts'),
      allowed: admins,
      success: 200,
    },
    {
      name: 'give a contact a parent account',
      request: change('POST', `/contacts/${father.id}/account`, {
        email: 'probe-parent@family.example',
      }),
      allowed: admins,
      success: 201,
    },
    {
      name: 'import a CSV file',
      request: () => {
        created += 1;
        return change('POST', '/imports', {
          kind: 'pupils',
          fileName: 'pupils.csv',
          text: `upn,first_name,last_name,dob,sex,year,on_roll_from\n${composeUpn(823, 4100, 24, created)},Probe,Pupil,2016-12-10,F,3,2024-09-02\n`,
        })();
      },
      allowed: admins,
      success: 200,
    },
  ];
}
