import { beforeAll, describe, expect, it } from 'vitest';
import { send, useApiWorld, type ApiWorld } from './api-world.ts';
import { useAdminReads, type Account, type ClassSetup } from './admin-people-reads.ts';
import { makeUserWithPassword, readJson, signInAs, testPassword } from './test-app.ts';

const api = useApiWorld();
let world: ApiWorld;
let school = '';
beforeAll(() => {
  world = api.world;
  school = `/api/schools/${world.school.id}`;
});

const { asAdmin, auditActions, readClasses, readAccounts, readRoll, expectRefused } = useAdminReads(
  () => world,
);

describe('classes', () => {
  it('lists this year’s classes with their teachers and pupils on roll', async () => {
    const setup = await readClasses();
    const taught = setup.classes.find((candidate) => candidate.id === world.taughtClassId);
    expect(taught).toMatchObject({ name: '3A', kind: 'registration', pupilCount: 3 });
    expect(taught?.teachers.map((teacher) => teacher.userId)).toEqual([
      world.users.get('teacher')!.id,
    ]);
  });

  it('creates a class, renames it and names its teacher, each with an audit entry', async () => {
    const { academicYearId } = await readClasses();
    const created = await asAdmin({
      method: 'POST',
      url: `${school}/classes`,
      payload: { name: '3C', academicYearId },
    });
    expect(created.statusCode).toBe(201);
    const classId = (readJson(created) as unknown as ClassSetup).id;

    const renamed = await asAdmin({
      method: 'PUT',
      url: `${school}/classes/${classId}`,
      payload: { name: '3 Willow', yearGroupId: null },
    });
    expect(renamed.statusCode).toBe(200);
    const teacherId = world.users.get('teacher')!.id;
    const staffed = await asAdmin({
      method: 'PUT',
      url: `${school}/classes/${classId}/teachers`,
      payload: { userIds: [teacherId] },
    });
    expect(staffed.statusCode).toBe(200);
    expect(readJson(staffed)).toMatchObject({
      name: '3 Willow',
      teachers: [{ userId: teacherId }],
    });
    expect(await auditActions()).toEqual(
      expect.arrayContaining(['class.created', 'class.changed', 'class.teachers-set']),
    );

    // The teacher's next sign-in carries the new class.
    const teacher = await signInAs(world.testApp.app, world.users.get('teacher')!);
    const me = await send(world, { method: 'GET', url: '/api/auth/me' }, teacher);
    expect(readJson(me)['classIds']).toContain(classId);
  });

  it('moves a pupil from one registration class to another and sets a class’s pupils', async () => {
    const mover = world.otherClassPupils[0]!;
    const taughtPupils = [world.child.id, ...world.classmates.map((pupil) => pupil.id)];
    const moved = await asAdmin({
      method: 'PUT',
      url: `${school}/classes/${world.taughtClassId}/pupils`,
      payload: { pupilIds: [...taughtPupils, mover.id] },
    });
    expect(moved.statusCode).toBe(200);
    expect(readJson(moved)['pupilCount']).toBe(4);
    const roll = await readRoll();
    expect(roll.find((pupil) => pupil.pupilId === mover.id)?.registrationClassId).toBe(
      world.taughtClassId,
    );
    const classes = (await readClasses()).classes;
    expect(classes.find((candidate) => candidate.id === world.otherClassId)?.pupilCount).toBe(1);

    // And back again: listing 3B's pupils takes the mover out of 3A.
    const back = await asAdmin({
      method: 'PUT',
      url: `${school}/classes/${world.otherClassId}/pupils`,
      payload: { pupilIds: world.otherClassPupils.map((pupil) => pupil.id) },
    });
    expect(back.statusCode).toBe(200);
    expect(readJson(back)['pupilCount']).toBe(2);
    expect(
      (await readRoll()).find((pupil) => pupil.pupilId === mover.id)?.registrationClassId,
    ).toBe(world.otherClassId);
    expect(await auditActions()).toContain('class.pupils-set');
  });

  it('refuses a duplicate name, a stranger as teacher and a pupil of another school, changing nothing', async () => {
    const { academicYearId } = await readClasses();
    const duplicate = await expectRefused(
      { method: 'POST', url: `${school}/classes`, payload: { name: '3a', academicYearId } },
      422,
      'class-change-invalid',
    );
    expect(duplicate.errors).toEqual([
      {
        field: 'body.name',
        message: expect.stringContaining('already a class called "3a"') as string,
      },
    ]);
    await expectRefused(
      {
        method: 'PUT',
        url: `${school}/classes/${world.otherClassId}/teachers`,
        payload: { userIds: [world.users.get('office')!.id] },
      },
      422,
      'class-change-invalid',
    );
    await expectRefused(
      {
        method: 'PUT',
        url: `${school}/classes/${world.otherClassId}/pupils`,
        payload: { pupilIds: [world.otherClassPupils[0]!.id, world.elsewherePupil.id] },
      },
      422,
      'class-change-invalid',
    );
    await expectRefused(
      { method: 'POST', url: `${school}/classes`, payload: { name: '', academicYearId } },
      400,
      'validation',
    );
  });
});

describe('accounts and roles', () => {
  it('lists the school’s staff with their roles', async () => {
    const accounts = await readAccounts();
    expect(
      accounts.find((account) => account.id === world.users.get('governor')!.id),
    ).toMatchObject({ role: 'governor', active: true, managedHere: true });
  });

  it('creates a staff account with a password made up and shown once, which signs in', async () => {
    const created = await asAdmin({
      method: 'POST',
      url: `${school}/accounts`,
      payload: { displayName: 'Priya Shah', email: 'P.Shah@school.example', role: 'teacher' },
    });
    expect(created.statusCode).toBe(201);
    const body = readJson(created) as { account: Account; generatedPassword: string };
    expect(body.account).toMatchObject({ email: 'p.shah@school.example', role: 'teacher' });
    expect(body.generatedPassword).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    const stored = await world.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', body.account.id)
      .executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^\$argon2id\$/);
    await signInAs(world.testApp.app, body.account, body.generatedPassword);
    expect(await auditActions()).toContain('user.created');
  });

  it('refuses an email already in use and a short password, creating nothing', async () => {
    const taken = await expectRefused(
      {
        method: 'POST',
        url: `${school}/accounts`,
        payload: {
          displayName: 'Someone Else',
          email: world.users.get('office')!.email,
          role: 'office',
        },
      },
      409,
      'email-taken',
    );
    expect(taken.errors).toEqual([{ field: 'body.email', message: expect.any(String) as string }]);
    await expectRefused(
      {
        method: 'POST',
        url: `${school}/accounts`,
        payload: {
          displayName: 'Short',
          email: 'short@school.example',
          role: 'office',
          password: 'abc',
        },
      },
      400,
      'validation',
    );
  });

  it('changes a role, and the account’s old sessions end', async () => {
    const user = await makeUserWithPassword(world.db, {
      role: 'office',
      scope: { kind: 'school', schoolId: world.school.id },
    });
    const session = await signInAs(world.testApp.app, user);
    const changed = await asAdmin({
      method: 'PUT',
      url: `${school}/accounts/${user.id}/role`,
      payload: { role: 'attendance_officer' },
    });
    expect(changed.statusCode).toBe(200);
    expect(readJson(changed)).toMatchObject({ role: 'attendance_officer' });
    const me = await send(world, { method: 'GET', url: '/api/auth/me' }, session);
    expect(me.statusCode).toBe(401);
    const again = await signInAs(world.testApp.app, user);
    const fresh = await send(world, { method: 'GET', url: '/api/auth/me' }, again);
    expect(readJson(fresh)['user']).toMatchObject({ role: 'attendance_officer' });
    expect(await auditActions()).toContain('user.role-changed');
  });

  it('never lets the last administrator be demoted, nor an admin disable themselves', async () => {
    const admin = world.users.get('admin')!;
    const last = await expectRefused(
      { method: 'PUT', url: `${school}/accounts/${admin.id}/role`, payload: { role: 'teacher' } },
      409,
      'last-admin',
    );
    expect(last.detail).toContain('last active administrator');
    await expectRefused(
      { method: 'PUT', url: `${school}/accounts/${admin.id}/status`, payload: { active: false } },
      409,
      'own-account',
    );

    // With a second administrator, one of them may step down.
    const second = await asAdmin({
      method: 'POST',
      url: `${school}/accounts`,
      payload: { displayName: 'Deputy Admin', email: 'deputy@school.example', role: 'admin' },
    });
    const deputyId = (readJson(second) as { account: Account }).account.id;
    const demoted = await asAdmin({
      method: 'PUT',
      url: `${school}/accounts/${deputyId}/role`,
      payload: { role: 'office' },
    });
    expect(demoted.statusCode).toBe(200);
  });

  it('disables an account: it cannot sign in, its sessions end; enabling lets it back', async () => {
    const user = await makeUserWithPassword(world.db, {
      role: 'teacher',
      scope: { kind: 'school', schoolId: world.school.id },
    });
    const session = await signInAs(world.testApp.app, user);
    const disabled = await asAdmin({
      method: 'PUT',
      url: `${school}/accounts/${user.id}/status`,
      payload: { active: false },
    });
    expect(disabled.statusCode).toBe(200);
    expect(readJson(disabled)).toMatchObject({ active: false });
    const me = await send(world, { method: 'GET', url: '/api/auth/me' }, session);
    expect(me.statusCode).toBe(401);
    const login = await send(world, {
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email, password: testPassword },
    });
    expect(login.statusCode).toBe(401);

    const enabled = await asAdmin({
      method: 'PUT',
      url: `${school}/accounts/${user.id}/status`,
      payload: { active: true },
    });
    expect(enabled.statusCode).toBe(200);
    await signInAs(world.testApp.app, user);
    expect(await auditActions()).toEqual(expect.arrayContaining(['user.disabled', 'user.enabled']));
  });

  it('resets a password: the old one stops working and the new one signs in', async () => {
    const user = await makeUserWithPassword(world.db, {
      role: 'office',
      scope: { kind: 'school', schoolId: world.school.id },
    });
    const reset = await asAdmin({
      method: 'POST',
      url: `${school}/accounts/${user.id}/password`,
      payload: { password: 'a new passphrase for autumn' },
    });
    expect(reset.statusCode).toBe(200);
    expect(readJson(reset)['generatedPassword']).toBeNull();
    const old = await send(world, {
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email, password: testPassword },
    });
    expect(old.statusCode).toBe(401);
    await signInAs(world.testApp.app, user, 'a new passphrase for autumn');
    expect(await auditActions()).toContain('user.password-reset');
  });

  it('does not touch accounts of another school', async () => {
    const stranger = await makeUserWithPassword(world.db, {
      role: 'teacher',
      scope: { kind: 'school', schoolId: world.elsewhereSchool.id },
    });
    await expectRefused(
      {
        method: 'PUT',
        url: `${school}/accounts/${stranger.id}/status`,
        payload: { active: false },
      },
      404,
      'not-found',
    );
  });

  it('gives a pupil’s contact a parent account that sees that child', async () => {
    const contacts = await asAdmin({ method: 'GET', url: `${school}/contacts?search=Aurelio` });
    const [father] = (readJson(contacts) as { contacts: { contactId: number; userId: null }[] })
      .contacts;
    expect(father).toMatchObject({ userId: null });
    const created = await asAdmin({
      method: 'POST',
      url: `${school}/contacts/${father!.contactId}/account`,
      payload: { email: 'aurelio@family.example' },
    });
    expect(created.statusCode).toBe(201);
    const body = readJson(created) as { account: Account; generatedPassword: string };
    expect(body.account).toMatchObject({ role: 'parent', managedHere: true });
    const parent = await signInAs(world.testApp.app, body.account, body.generatedPassword);
    const me = await send(world, { method: 'GET', url: '/api/auth/me' }, parent);
    expect(readJson(me)['pupilIds']).toEqual([world.child.id]);
    expect(await auditActions()).toContain('user.parent-created');

    await expectRefused(
      { method: 'POST', url: `${school}/contacts/${father!.contactId}/account`, payload: {} },
      422,
      'account-change-invalid',
    );
  });
});

describe('the API documentation', () => {
  it('documents the class, account and import endpoints', async () => {
    const response = await send(world, { method: 'GET', url: '/api/openapi.json' });
    const paths = (
      readJson(response) as { paths: Record<string, Record<string, { description?: string }>> }
    ).paths;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining([
        '/api/schools/{schoolId}/classes',
        '/api/schools/{schoolId}/classes/{classId}/teachers',
        '/api/schools/{schoolId}/classes/{classId}/pupils',
        '/api/schools/{schoolId}/accounts',
        '/api/schools/{schoolId}/accounts/{userId}/status',
        '/api/schools/{schoolId}/contacts/{contactId}/account',
        '/api/schools/{schoolId}/imports',
      ]),
    );
    expect(paths['/api/schools/{schoolId}/imports']?.['post']?.description).toContain(
      'application/x-ndjson',
    );
  });
});

describe('two administrators demoting each other at once', () => {
  it('lets one through and refuses the other, so the school keeps an administrator', async () => {
    const created = await asAdmin({
      method: 'POST',
      url: `${school}/accounts`,
      payload: { displayName: 'Second Admin', email: 'second-admin@school.example', role: 'admin' },
    });
    const { account, generatedPassword } = readJson(created) as {
      account: Account;
      generatedPassword: string;
    };
    const second = await signInAs(world.testApp.app, account, generatedPassword);
    const first = world.users.get('admin')!;
    const demote = (userId: number) => ({
      method: 'PUT' as const,
      url: `${school}/accounts/${userId}/role`,
      payload: { role: 'office' },
    });
    // Runs last in the file: whoever wins, the other admin's sessions may end.
    const outcomes = await Promise.all([
      asAdmin(demote(account.id)),
      send(world, demote(first.id), second),
    ]);
    // The loser is refused as the last admin, or (if the winner's change came first) finds
    // its own session ended by being demoted.
    const statuses = outcomes.map((response) => response.statusCode).sort();
    expect(statuses[0]).toBe(200);
    expect([401, 409]).toContain(statuses[1]);
    const admins = await world.db
      .selectFrom('users')
      .select('id')
      .where('school_id', '=', world.school.id)
      .where('role', '=', 'admin')
      .execute();
    expect(admins).toHaveLength(1);
  });
});
