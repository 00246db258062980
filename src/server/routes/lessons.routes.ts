import type { FastifyReply, FastifyRequest } from 'fastify';
import { SchoolParams } from '../../contracts/common.contract.ts';
import {
  LessonConflictProblem,
  LessonDateQuery,
  LessonParams,
  LessonRegisterResponse,
  SchoolLessonsResponse,
  TakeLessonRegisterRequest,
  TakeLessonRegisterResponse,
  TruancyResponse,
} from '../../contracts/lesson.contract.ts';
import { Problem } from '../../contracts/problem.contract.ts';
import { describeLessonCode } from '../../domain/register/lesson-rules.ts';
import type { TargetRef } from '../../services/access.service.ts';
import {
  findPostRegistrationTruancy,
  listLessonsForDay,
  loadLessonRegister,
  takeLessonRegister,
  type LessonRegisterError,
} from '../../services/lesson-register.service.ts';
import type { Lesson } from '../../store/lesson.repository.ts';
import { findLesson } from '../../store/lesson-register.repository.ts';
import type { RollcallApp } from '../app.ts';
import { getSignedIn, inPath, readPathId, requireCapability } from '../auth.hooks.ts';
import { createProblem, createProblemWith, sendProblem } from '../problem.ts';
import { describeSetupProblem } from '../service-problems.ts';

const tags = ['lessons'];
const security = [{ session: [] }];

/** A lesson is reached through its class: whoever may register the class may register its lessons. */
async function locateLessonClass(request: FastifyRequest): Promise<TargetRef | undefined> {
  const lesson = await findLesson(request.server.rollcall.db, readPathId(request, 'lessonId'));
  return lesson === undefined ? undefined : { kind: 'class', classId: lesson.classId };
}

function describeLesson(lesson: Lesson) {
  return {
    lessonId: lesson.id,
    classId: lesson.classId,
    subject: lesson.subject,
    period: lesson.period,
    session: lesson.session,
    startsAt: lesson.startsAt,
    endsAt: lesson.endsAt,
    teacherUserId: lesson.teacherUserId,
  };
}

function sendLessonProblem(reply: FastifyReply, error: LessonRegisterError): FastifyReply {
  switch (error.kind) {
    case 'school-not-found':
    case 'calendar-invalid':
      return sendProblem(reply, describeSetupProblem(error));
    case 'lesson-not-found':
      return sendProblem(reply, createProblem('not-found', 'There is no lesson with that id.'));
    case 'lesson-not-on-date':
      return sendProblem(
        reply,
        createProblem(
          'not-a-school-day',
          `This lesson is not timetabled on ${error.date}; choose a day it runs.`,
          {
            errors: [{ field: 'date', message: 'the lesson does not run that day' }],
          },
        ),
      );
    case 'not-a-school-day':
      return sendProblem(
        reply,
        createProblem(
          'not-a-school-day',
          `${error.date} is not a school day at this school (${error.why}).`,
        ),
      );
    case 'future-date':
      return sendProblem(
        reply,
        createProblem('future-date', `${error.date} is after today (${error.today}).`),
      );
    case 'invalid-codes':
      return sendProblem(
        reply,
        createProblem('invalid-codes', `Correct the marks and send again; nothing was recorded.`, {
          errors: error.problems.map((problem) => ({
            field: `body.entries (pupil ${problem.pupilId})`,
            message: problem.message,
          })),
        }),
      );
    case 'not-on-roll':
      return sendProblem(
        reply,
        createProblem(
          'not-on-roll',
          `Pupils ${error.pupilIds.join(', ')} are not in this lesson's class that day; nothing was recorded.`,
        ),
      );
    case 'version-conflict':
      return sendProblem(
        reply,
        createProblemWith(
          'version-conflict',
          `Someone changed ${error.conflicts.length === 1 ? "a pupil's lesson mark" : `${error.conflicts.length} pupils' lesson marks`} since you opened this register. Nothing was recorded: check their marks as they are now, then send again.`,
          {
            // Fields name pupils by id, which the page shows by name (it has the class list).
            errors: error.conflicts.map((conflict) => ({
              field: `body.entries (pupil ${conflict.pupilId})`,
              message:
                conflict.current === null
                  ? 'no lesson mark is recorded now'
                  : `now marked ${describeLessonCode(conflict.current.code)}`,
            })),
            conflicts: error.conflicts.map((conflict) => ({ ...conflict })),
          },
        ),
      );
  }
}

export function registerLessonRoutes(app: RollcallApp): void {
  app.get(
    '/api/schools/:schoolId/lessons',
    {
      schema: {
        summary: 'The lessons timetabled at a school on a day (secondary schools)',
        tags,
        security,
        params: SchoolParams,
        querystring: LessonDateQuery,
        response: {
          200: SchoolLessonsResponse,
          400: Problem,
          401: Problem,
          403: Problem,
          404: Problem,
        },
      },
      preHandler: requireCapability('view-school', inPath.school()),
    },
    async (request) => {
      const lessons = await listLessonsForDay(request.server.rollcall.db, {
        schoolId: request.params.schoolId,
        date: request.query.date,
      });
      const actor = getSignedIn(request).session.actor;
      // A teacher's day lists their own lessons; staff with wider reach see the timetable.
      const visible =
        actor.role === 'teacher'
          ? lessons.filter(
              (lesson) =>
                actor.classIds.includes(lesson.classId) || lesson.teacherUserId === actor.userId,
            )
          : lessons;
      return {
        schoolId: request.params.schoolId,
        date: request.query.date,
        lessons: visible.map(describeLesson),
      };
    },
  );

  app.get(
    '/api/lessons/:lessonId/register',
    {
      schema: {
        summary: "A lesson's register on a day: the class's pupils with any marks taken",
        tags,
        security,
        params: LessonParams,
        querystring: LessonDateQuery,
        response: {
          200: LessonRegisterResponse,
          400: Problem,
          401: Problem,
          403: Problem,
          404: Problem,
          422: Problem,
        },
      },
      preHandler: requireCapability('view-pupil-list', locateLessonClass),
    },
    async (request, reply) => {
      const loaded = await loadLessonRegister(request.server.rollcall.db, {
        lessonId: request.params.lessonId,
        date: request.query.date,
      });
      if (!loaded.ok) return sendLessonProblem(reply, loaded.error);
      return {
        lesson: describeLesson(loaded.value.lesson),
        date: request.query.date,
        pupils: loaded.value.pupils,
      };
    },
  );

  app.put(
    '/api/lessons/:lessonId/register',
    {
      schema: {
        summary: "Take a lesson's register: / present, L late, N absent",
        description:
          "Lesson marks are the school's own record; the statutory register is the session register. Send each entry's expectedVersion (null when there was no mark) so that a mark someone changed meanwhile is not overwritten: the answer is then 409 with the marks as they are now, and nothing is recorded. Sending marks a pupil already holds changes nothing, so a repeated request is safe.",
        tags,
        security,
        params: LessonParams,
        body: TakeLessonRegisterRequest,
        response: {
          200: TakeLessonRegisterResponse,
          400: Problem,
          401: Problem,
          403: Problem,
          404: Problem,
          409: LessonConflictProblem,
          422: Problem,
        },
      },
      preHandler: requireCapability('take-register', locateLessonClass),
    },
    async (request, reply) => {
      const { db, clock } = request.server.rollcall;
      const taken = await takeLessonRegister(
        { db, clock },
        {
          lessonId: request.params.lessonId,
          date: request.body.date,
          entries: request.body.entries,
          recordedBy: getSignedIn(request).session.user.id,
        },
      );
      if (!taken.ok) return sendLessonProblem(reply, taken.error);
      return {
        lessonId: request.params.lessonId,
        date: request.body.date,
        recorded: taken.value.marks.length,
        changed: taken.value.changed,
        marks: [...taken.value.marks],
      };
    },
  );

  app.get(
    '/api/schools/:schoolId/post-registration-truancy',
    {
      schema: {
        summary: 'Pupils present at registration but missing from a later lesson that day',
        tags,
        security,
        params: SchoolParams,
        querystring: LessonDateQuery,
        response: { 200: TruancyResponse, 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
      preHandler: requireCapability('record-absence-reason', inPath.school()),
    },
    async (request) => {
      const suspected = await findPostRegistrationTruancy(request.server.rollcall.db, {
        schoolId: request.params.schoolId,
        date: request.query.date,
      });
      return {
        schoolId: request.params.schoolId,
        date: request.query.date,
        suspected: suspected.map(
          ({ pupilId, session, sessionCode, lessonId, period, lessonCode }) => ({
            pupilId,
            session,
            sessionCode,
            lessonId,
            period,
            lessonCode,
          }),
        ),
      };
    },
  );
}
