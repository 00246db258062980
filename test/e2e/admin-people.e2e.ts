import { describe, expect, it } from 'vitest';
import { composeUpn } from '../../src/domain/pupils/upn.ts';
import { expectNoSeriousAccessibilityViolations } from './accessibility.ts';
import { useE2eWorld } from './e2e-fixture.ts';
import { ClassesAdminPage, ImportsAdminPage, UsersAdminPage } from './pages/admin-people.page.ts';
import { HomePage } from './pages/home.page.ts';
import { SignInPage } from './pages/sign-in.page.ts';
import { saveScreenshot } from './screenshots.ts';

const upn = (n: number) => composeUpn(823, 4000, 24, n);
const pupilsHeader = 'upn,first_name,last_name,dob,sex,year,class,on_roll_from';

describe('classes, accounts and imports', () => {
  const world = useE2eWorld();

  const countPupils = async () =>
    Number(
      (
        await world.server.db
          .selectFrom('pupils')
          .select((eb) => eb.fn.countAll<string>().as('count'))
          .executeTakeFirstOrThrow()
      ).count,
    );

  it('creates a class and a teacher account; the teacher signs in and sees the class', async () => {
    const { page } = await world.signedInPage(world.school.admin);
    await page
      .getByRole('region', { name: 'Administration' })
      .getByRole('link', { name: /^Users and roles/ })
      .click();
    const users = new UsersAdminPage(page);
    await page.getByRole('table', { name: 'Accounts' }).waitFor();
    await expectNoSeriousAccessibilityViolations(page);
    const password = await users.createAccount({
      name: 'Priya Shah',
      email: 'p.shah@hillside.example',
      role: 'Teacher',
    });
    expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    await users.accountRow('Priya Shah').waitFor();
    await expectNoSeriousAccessibilityViolations(page);

    const classes = await new ClassesAdminPage(page).open();
    await classes.createClass('5 Oak');
    await classes.chooseTeachers('5 Oak', ['Priya Shah']);
    // "Teachers saved." shows as soon as the server answers; the table reloads just after.
    await expect
      .poll(() => classes.readClasses())
      .toContainEqual(['5 Oak', '—', 'Priya Shah', '0']);
    await expectNoSeriousAccessibilityViolations(page);

    const teacher = await world.newPage();
    await new SignInPage(teacher.page).open();
    await new SignInPage(teacher.page).signIn('p.shah@hillside.example', password);
    await new HomePage(teacher.page).heading.waitFor();
    await new HomePage(teacher.page).registerLink('5 Oak', 'AM').waitFor();
  });

  it('imports a pupils CSV with a progress bar that finishes, and the pupils appear', async () => {
    const { page } = await world.signedInPage(world.school.admin);
    const imports = await new ImportsAdminPage(page).open();
    await expectNoSeriousAccessibilityViolations(page);
    const before = await countPupils();
    await imports.upload('Pupils (pupils.csv)', {
      name: 'pupils.csv',
      text: [
        pupilsHeader,
        `${upn(1)},Hana,Sato,2015-02-11,F,4,4 Willow,2024-09-02`,
        `${upn(2)},Kai,Brennan,2015-06-30,M,4,4 Willow,2024-09-02`,
        `${upn(3)},Zara,Iqbal,2014-11-02,F,4,4 Willow,2024-09-02`,
      ].join('\n'),
    });
    await imports.finished.waitFor();
    expect(await imports.readProgress()).toEqual({ value: 3, max: 3 });
    expect(await imports.summary.textContent()).toContain('Imported 3 pupils from pupils.csv');
    expect(await countPupils()).toBe(before + 3);
    await expectNoSeriousAccessibilityViolations(page);
    await saveScreenshot(page, 'admin-imports');

    await page.getByRole('link', { name: 'classes page' }).click();
    const classes = new ClassesAdminPage(page);
    await page.getByRole('table', { name: 'Classes this year' }).waitFor();
    expect(await classes.readClasses()).toContainEqual(['4 Willow', 'Year 4', 'None yet', '3']);
  });

  it('lists a bad CSV’s problems by line and column, and imports nothing', async () => {
    const { page } = await world.signedInPage(world.school.admin);
    const imports = await new ImportsAdminPage(page).open();
    const before = await countPupils();
    await imports.upload('Pupils (pupils.csv)', {
      name: 'new-pupils.csv',
      text: [
        pupilsHeader,
        `${upn(10)},Good,Row,2015-02-11,F,4,,2024-09-02`,
        `${upn(11)},Bad,Date,2015-02-30,F,4,,2024-09-02`,
        `${upn(12)},Bad,Sex,2015-03-01,X,4,,2024-09-02`,
      ].join('\n'),
    });
    await imports.refusal.waitFor();
    const problems = await imports.readProblems();
    expect(problems.map((row) => row.slice(0, 3))).toEqual([
      ['new-pupils.csv', '3', 'dob'],
      ['new-pupils.csv', '4', 'sex'],
    ]);
    expect(problems[0]?.[3]).toContain('2015-02-30');
    expect(await countPupils()).toBe(before);
    await expectNoSeriousAccessibilityViolations(page);
  });
});
