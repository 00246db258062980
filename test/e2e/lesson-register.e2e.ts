import { beforeAll, describe, expect, it } from 'vitest';
import { fastPasswordHashing, hashPassword } from '../../src/services/password.service.ts';
import { takeLessonRegister } from '../../src/services/lesson-register.service.ts';
import { takeRegister } from '../../src/services/register.service.ts';
import { listLessonMarks } from '../../src/store/lesson-register.repository.ts';
import { createLesson, type Lesson } from '../../src/store/lesson.repository.ts';
import { changeUserPasswordHash, type User } from '../../src/store/user.repository.ts';
import { makeUser } from '../db/factories.ts';
import { expectNoSeriousAccessibilityViolations } from './accessibility.ts';
import { useE2eWorld } from './e2e-fixture.ts';
import { testPassword } from './e2e-school.ts';
import { HomePage } from './pages/home.page.ts';
import { LessonRegisterPage, MissingFromLessonsPage } from './pages/lesson-register.page.ts';
import { NotAllowedPage } from './pages/not-allowed.page.ts';
import { saveScreenshot } from './screenshots.ts';

// Wednesday: the e2e clock stands at 09:05 in London, after morning registration.
const today = '2024-09-04';
const wednesday = 3;

describe('lesson registers and pupils missing from lessons', () => {
  const world = useE2eWorld();
  let maths: Lesson;
  let english: Lesson;
  let science: Lesson;
  let history: Lesson;
  let geography: Lesson;
  let otherClassLesson: Lesson;
  let officer: User;

  beforeAll(async () => {
    const { db, clock } = world.server;
    const { school, schoolClass, otherClass, teacher, pupilIds, reportedPupilId } = world.school;
    const timetabled = (
      classId: number,
      teacherUserId: number | null,
      lesson: Pick<Lesson, 'subject' | 'period' | 'session' | 'startsAt' | 'endsAt'>,
    ) =>
      createLesson(db, {
        ...lesson,
        schoolId: school.id,
        classId,
        teacherUserId,
        weekday: wednesday,
        validFrom: '2024-09-01',
        validTo: null,
      });
    maths = await timetabled(schoolClass.id, teacher.id, {
      subject: 'Maths',
      period: '1',
      session: 'AM',
      startsAt: '09:15',
      endsAt: '10:15',
    });
    english = await timetabled(schoolClass.id, teacher.id, {
      subject: 'English',
      period: '2',
      session: 'AM',
      startsAt: '10:15',
      endsAt: '11:15',
    });
    science = await timetabled(schoolClass.id, teacher.id, {
      subject: 'Science',
      period: '4',
      session: 'PM',
      startsAt: '13:30',
      endsAt: '14:30',
    });
    history = await timetabled(schoolClass.id, teacher.id, {
      subject: 'History',
      period: '5',
      session: 'PM',
      startsAt: '14:30',
      endsAt: '15:30',
    });
    geography = await timetabled(schoolClass.id, teacher.id, {
      subject: 'Geography',
      period: '6',
      session: 'PM',
      startsAt: '15:30',
      endsAt: '16:30',
    });
    otherClassLesson = await timetabled(otherClass.id, null, {
      subject: 'Art',
      period: '1',
      session: 'AM',
      startsAt: '09:15',
      endsAt: '10:15',
    });

    // Everyone in at morning registration but Freya, whose parent reported her ill.
    const registered = await takeRegister(
      { db, clock },
      {
        schoolId: school.id,
        classId: schoolClass.id,
        date: today,
        session: 'AM',
        entries: pupilIds.map((pupilId) => ({
          pupilId,
          code: pupilId === reportedPupilId ? 'I' : '/',
        })),
        recordedBy: teacher.id,
        teacherCodesOnly: false,
        reason: null,
        idempotencyKey: null,
      },
    );
    if (!registered.ok)
      throw new Error(`the morning register was refused: ${registered.error.kind}`);

    officer = await makeUser(db, {
      role: 'attendance_officer',
      scope: { kind: 'school', schoolId: school.id },
      displayName: 'Gareth Evans',
    });
    await changeUserPasswordHash(db, {
      userId: officer.id,
      passwordHash: await hashPassword(testPassword, fastPasswordHashing),
    });
  });

  it('lets a teacher take today’s lesson register with the keyboard and see it saved', async () => {
    const { teacher, pupilIds } = world.school;
    const { page } = await world.signedInPage(teacher);
    const home = new HomePage(page);
    const lessonLink = page.getByRole('link', { name: /^3B Maths, period 1 lesson register/ });
    await lessonLink.waitFor();
    expect(await lessonLink.textContent()).toContain('Not taken yet');
    expect(await page.getByRole('link', { name: /^Missing from lessons/ }).count()).toBe(0);
    await home.registerLink('3B', 'AM').waitFor();
    await expectNoSeriousAccessibilityViolations(page);
    await saveScreenshot(page, 'home-teacher-lessons');

    await lessonLink.focus();
    await page.keyboard.press('Enter');
    const register = new LessonRegisterPage(page);
    await register.pupilList.waitFor();
    expect(await register.heading.textContent()).toBe('Maths, period 1 lesson register');
    await register.registrationNote('Evans, Freya').waitFor();
    expect(await page.locator('.lead').textContent()).toBe(
      '3B, Wednesday 4 September 2024, 09:15–10:15',
    );
    expect(await register.registrationNote('Ahmed, Amelia').textContent()).toBe(
      'Morning register: present (/)',
    );
    expect(await register.registrationNote('Evans, Freya').textContent()).toBe(
      'Morning register: I (illness)',
    );

    // From the focused heading: "All present", then the list as one Tab stop.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    for (const key of ['p', 'n', '/', 'l', 'a', 'p', 'p', 'p']) await page.keyboard.press(key);
    expect(await register.chosenCode('Bennett, Noah')).toBe('N');
    expect(await register.chosenCode('Davies, Oliver')).toBe('L');
    expect(await register.registrationNote('Bennett, Noah').textContent()).toBe(
      'Morning register: present (/) — absent (N) from this lesson',
    );
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await register.saved.waitFor();
    expect(await page.locator('.submission-sent').textContent()).toContain(
      '8 marks recorded at 09:05',
    );
    await expectNoSeriousAccessibilityViolations(page);
    await saveScreenshot(page, 'lesson-register');

    const stored = new Map(
      (await listLessonMarks(world.server.db, { lessonId: maths.id, date: today })).map((mark) => [
        mark.pupilId,
        mark.code,
      ]),
    );
    expect(pupilIds.map((pupilId) => stored.get(pupilId))).toEqual([
      '/',
      'N',
      '/',
      'L',
      'N',
      '/',
      '/',
      '/',
    ]);

    // Back home, the lesson shows as taken.
    await page.getByRole('link', { name: 'Home', exact: true }).first().click();
    await page
      .getByRole('link', { name: /^3B Maths, period 1 lesson register/ })
      .getByText('Taken', { exact: true })
      .waitFor();
  });

  it('fits a phone, with large buttons to tap', async () => {
    const { page } = await world.signedInPage(world.school.teacher, {
      viewport: { width: 390, height: 844 },
    });
    const register = await new LessonRegisterPage(page).open(science.id, today);
    await page.getByText('The afternoon register is not taken yet').waitFor();
    expect(await register.registrationNote('Ahmed, Amelia').count()).toBe(0);
    await register.markAllPresent();
    await register.mark('Campbell, Isla', 'Late');
    const box = await register
      .row('Campbell, Isla')
      .getByRole('button', { name: 'Late', exact: true })
      .boundingBox();
    expect(box?.height).toBeGreaterThanOrEqual(44);
    const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(pageWidth).toBeLessThanOrEqual(390);
    await register.send();
    await register.saved.waitFor();
    await expectNoSeriousAccessibilityViolations(page);
    await saveScreenshot(page, 'lesson-register-phone');
  });

  it('keeps trying while the connection is down and saves once it returns', async () => {
    const { context, page } = await world.signedInPage(world.school.teacher);
    const register = await new LessonRegisterPage(page).open(history.id, today);
    await context.setOffline(true);
    await register.markAllPresent();
    await register.send();
    await register.waitingToSend.waitFor();
    const stored = () => listLessonMarks(world.server.db, { lessonId: history.id, date: today });
    expect(await stored()).toEqual([]);
    await expectNoSeriousAccessibilityViolations(page);

    await context.setOffline(false);
    await register.saved.waitFor();
    expect((await stored()).map((mark) => [mark.code, mark.version])).toEqual(
      world.school.pupilIds.map(() => ['/', 1]),
    );
  });

  it('shows a mark changed from elsewhere beside the teacher’s, and records the one they keep', async () => {
    const { db, clock } = world.server;
    const { teacher, pupilIds } = world.school;
    const [amelia, noah] = pupilIds as [number, number];
    const { page } = await world.signedInPage(teacher);
    const register = await new LessonRegisterPage(page).open(geography.id, today);
    // Meanwhile, from another device: Amelia late, Noah absent.
    const elsewhere = await takeLessonRegister(
      { db, clock },
      {
        lessonId: geography.id,
        date: today,
        entries: [
          { pupilId: amelia, code: 'L', expectedVersion: null },
          { pupilId: noah, code: 'N', expectedVersion: null },
        ],
        recordedBy: teacher.id,
      },
    );
    expect(elsewhere.ok).toBe(true);

    await register.markAllPresent();
    await register.send();
    const conflicts = page.getByRole('region', { name: 'Someone else changed these marks' });
    await conflicts.waitFor();
    expect(await conflicts.getByRole('listitem').allTextContents()).toEqual([
      expect.stringContaining('Ahmed, Amelia: now L; you marked /.'),
      expect.stringContaining('Bennett, Noah: now N; you marked /.'),
    ]);
    const stored = () => listLessonMarks(db, { lessonId: geography.id, date: today });
    expect((await stored()).map((mark) => [mark.pupilId, mark.code, mark.version])).toEqual([
      [amelia, 'L', 1],
      [noah, 'N', 1],
    ]);
    await expectNoSeriousAccessibilityViolations(page);

    // Noah was absent after all; Amelia was in on time, as the teacher marked her.
    await conflicts.getByRole('button', { name: 'Keep N for Bennett, Noah' }).click();
    expect(await register.chosenCode('Bennett, Noah')).toBe('N');
    await register.send();
    await register.saved.waitFor();
    const marks = new Map((await stored()).map((mark) => [mark.pupilId, mark]));
    expect(marks.size).toBe(pupilIds.length);
    expect(marks.get(amelia)).toMatchObject({ code: '/', version: 2 });
    expect(marks.get(noah)).toMatchObject({ code: 'N', version: 1 });
  });

  it('lists a pupil in at registration but absent from a later lesson for the attendance officer', async () => {
    const { db, clock } = world.server;
    const { teacher, pupilIds, reportedPupilId } = world.school;
    const oliver = pupilIds[3]!;
    // Oliver was in at registration; English, later that morning, has him absent.
    const taken = await takeLessonRegister(
      { db, clock },
      {
        lessonId: english.id,
        date: today,
        entries: pupilIds.map((pupilId) => ({
          pupilId,
          code: pupilId === oliver || pupilId === reportedPupilId ? 'N' : '/',
        })),
        recordedBy: teacher.id,
      },
    );
    expect(taken.ok).toBe(true);

    const { page } = await world.signedInPage(officer);
    await page.getByRole('link', { name: /^Missing from lessons/ }).click();
    const missing = new MissingFromLessonsPage(page);
    await missing.heading.waitFor();
    await missing.open(today);
    const row = missing.row('Davies, Oliver', 'English, period 2');
    await row.waitFor();
    expect(await missing.cells(row)).toEqual([
      'Davies, Oliver',
      '3B',
      'Morning register: present (/)',
      'English, period 2, 10:15–11:15',
      'absent (N)',
    ]);
    expect(
      await missing.table.getByRole('link', { name: 'Davies, Oliver' }).getAttribute('href'),
    ).toBe(`/pupils/${String(oliver)}`);
    // Freya was off ill at registration: absent from the lesson is no surprise.
    expect(await missing.table.getByRole('link', { name: 'Evans, Freya' }).count()).toBe(0);
    await expectNoSeriousAccessibilityViolations(page);
    await saveScreenshot(page, 'missing-from-lessons');
  });

  it('refuses a teacher the lesson register of a class they do not teach', async () => {
    const { page } = await world.signedInPage(world.school.teacher);
    await page.goto(`/lessons/${String(otherClassLesson.id)}/register?date=${today}`);
    const notAllowed = new NotAllowedPage(page);
    await notAllowed.heading.waitFor();
    expect(await notAllowed.explanation.textContent()).toContain('does not allow');
    expect(await page.getByRole('list', { name: 'Pupils in register order' }).count()).toBe(0);
  });
});
