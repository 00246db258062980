import { describe, expect, test } from 'vitest';
import {
  listAbsenceReportsCovering,
  recordAbsenceReport,
} from '../../src/store/absence-report.repository.ts';
import {
  addClassMember,
  assignClassTeacher,
  listClassesTaughtBy,
} from '../../src/store/class.repository.ts';
import {
  listContactAttempts,
  recordContactAttempt,
} from '../../src/store/contact-attempt.repository.ts';
import {
  findSuspectedTruancy,
  listLessonsOn,
  recordLessonMarks,
} from '../../src/store/lesson.repository.ts';
import { recordSessionMarks } from '../../src/store/mark.repository.ts';
import { listSignEvents, recordSignEvent } from '../../src/store/sign-event.repository.ts';
import { makeLesson, makeRegister, makeTeachingGroup } from './factories.ts';
import { useTestDatabase } from './test-database.ts';

const database = useTestDatabase();
const at = new Date('2024-09-04T08:00:00Z');

describe('lesson registers', () => {
  test('find pupils present at registration but absent from a later lesson', async () => {
    const { school, teacher, pupils } = await makeRegister(database.db, 2);
    const group = await makeTeachingGroup(database.db, school.id, '9X/Ma1');
    await assignClassTeacher(database.db, { classId: group.id, userId: teacher.id });
    for (const { enrolment } of pupils) {
      await addClassMember(database.db, { classId: group.id, enrolmentId: enrolment.id });
    }
    const lesson = await makeLesson(database.db, {
      schoolId: school.id,
      classId: group.id,
      teacherUserId: teacher.id,
    });
    const entries = pupils.map(({ pupil, enrolment }) => ({
      pupilId: pupil.id,
      enrolmentId: enrolment.id,
    }));
    await recordSessionMarks(database.db, {
      schoolId: school.id,
      date: '2024-09-04',
      session: 'AM',
      entries: entries.map((entry) => ({ ...entry, code: '/' })),
      recordedBy: teacher.id,
      source: 'register',
      reason: null,
      at,
    });
    const [present, truant] = entries;
    if (present === undefined || truant === undefined) throw new Error('no pupils');

    await recordLessonMarks(database.db, {
      lessonId: lesson.id,
      date: '2024-09-04',
      entries: [
        { ...present, code: '/' },
        { ...truant, code: 'N' },
      ],
      recordedBy: teacher.id,
      at,
    });

    expect(await listClassesTaughtBy(database.db, teacher.id)).toMatchObject([{ id: group.id }]);
    expect(
      await listLessonsOn(database.db, { schoolId: school.id, date: '2024-09-04', weekday: 3 }),
    ).toMatchObject([{ id: lesson.id }]);
    const suspected = await findSuspectedTruancy(database.db, {
      schoolId: school.id,
      date: '2024-09-04',
      presentCodes: ['/', '\\', 'L'],
      lessonAbsentCodes: ['N'],
    });
    expect(suspected).toEqual([
      {
        pupilId: truant.pupilId,
        date: '2024-09-04',
        session: 'AM',
        sessionCode: '/',
        lessonId: lesson.id,
        period: 'P2',
        lessonCode: 'N',
      },
    ]);
  });
});

describe('follow-up records', () => {
  test('keep absence reports, reception sign-outs and contact attempts', async () => {
    const { school, office, pupils } = await makeRegister(database.db, 1);
    const [first] = pupils;
    if (first === undefined) throw new Error('no pupil');

    await recordAbsenceReport(database.db, {
      schoolId: school.id,
      pupilId: first.pupil.id,
      reportedBy: office.id,
      contactId: null,
      source: 'office',
      reason: 'Illness',
      suggestedCode: 'I',
      from: { date: '2024-09-04', session: 'AM' },
      to: { date: '2024-09-05', session: 'PM' },
      expectedReturn: '2024-09-06',
      at,
    });
    await recordSignEvent(database.db, {
      schoolId: school.id,
      pupilId: first.pupil.id,
      date: '2024-09-04',
      time: '11:20',
      direction: 'out',
      reason: 'Dentist',
      recordedBy: office.id,
      recordedAt: at,
    });
    await recordContactAttempt(database.db, {
      schoolId: school.id,
      pupilId: first.pupil.id,
      contactId: null,
      attemptedAt: at,
      outcome: 'no-answer',
      note: null,
      madeBy: office.id,
    });

    expect(
      await listAbsenceReportsCovering(database.db, { schoolId: school.id, date: '2024-09-05' }),
    ).toMatchObject([{ suggestedCode: 'I', to: { date: '2024-09-05', session: 'PM' } }]);
    expect(
      await listSignEvents(database.db, { schoolId: school.id, date: '2024-09-04' }),
    ).toMatchObject([{ time: '11:20', direction: 'out' }]);
    expect(
      await listContactAttempts(database.db, { pupilId: first.pupil.id, since: at }),
    ).toMatchObject([{ outcome: 'no-answer' }]);
  });

  test('refuse an absence report that ends before it starts', async () => {
    const { school, office, pupils } = await makeRegister(database.db, 1);
    const [first] = pupils;
    if (first === undefined) throw new Error('no pupil');

    const backwards = recordAbsenceReport(database.db, {
      schoolId: school.id,
      pupilId: first.pupil.id,
      reportedBy: office.id,
      contactId: null,
      source: 'parent',
      reason: 'Illness',
      suggestedCode: 'I',
      from: { date: '2024-09-04', session: 'PM' },
      to: { date: '2024-09-04', session: 'AM' },
      expectedReturn: null,
      at,
    });

    await expect(backwards).rejects.toMatchObject({ code: '23514' });
  });
});
