import {
  ClassAdminParams,
  ClassChangeBody,
  ClassPupilsBody,
  ClassSetup,
  ClassSetupQuery,
  ClassSetupResponse,
  ClassTeachersBody,
  NewClassBody,
  RollResponse,
} from '../../contracts/admin-people.contract.ts';
import { SchoolParams } from '../../contracts/common.contract.ts';
import {
  changeSchoolClass,
  createSchoolClass,
  loadClassSetup,
  loadRoll,
  setClassPupils,
  setClassTeachers,
  type ClassAdminError,
} from '../../services/class-admin.service.ts';
import type { RollcallApp } from '../app.ts';
import { createProblem, sendProblem } from '../problem.ts';
import {
  editorOf,
  manageSchool,
  needs,
  problems,
  security,
  sendInputProblems,
} from '../school-admin-parts.ts';
import type { FastifyReply } from 'fastify';
import { registerAccountRoutes } from './admin-accounts.routes.ts';
import { registerImportRoutes } from './admin-imports.routes.ts';

/** Classes, accounts and imports: the people side of setting a school up. */
export function registerAdminPeopleRoutes(app: RollcallApp): void {
  registerClassRoutes(app);
  registerAccountRoutes(app);
  registerImportRoutes(app);
}

function sendClassError(reply: FastifyReply, error: ClassAdminError): FastifyReply {
  if (error.kind === 'not-found')
    return sendProblem(
      reply,
      createProblem('not-found', `There is no ${error.what} with that id.`),
    );
  return sendInputProblems(reply, 'class-change-invalid', 'Nothing was changed', error.problems);
}

function registerClassRoutes(app: RollcallApp): void {
  const tags = ['classes'];
  app.get(
    '/api/schools/:schoolId/classes',
    {
      schema: {
        summary: "A year's classes with their teachers and pupil counts, for setting them up",
        description: `Also lists the school's academic years, year groups and teachers to choose from.${needs}`,
        tags,
        security,
        params: SchoolParams,
        querystring: ClassSetupQuery,
        response: { 200: ClassSetupResponse, ...problems },
      },
      preHandler: manageSchool,
    },
    async (request, reply) => {
      const { db, clock } = request.server.rollcall;
      const view = await loadClassSetup(
        { db, clock },
        { schoolId: request.params.schoolId, academicYearId: request.query.academicYearId ?? null },
      );
      if (!view.ok) return sendClassError(reply, view.error);
      const { academicYears, academicYearId, yearGroups, teachers, classes } = view.value;
      return {
        academicYears: academicYears.map((year) => ({ id: year.id, name: year.name })),
        academicYearId,
        yearGroups: yearGroups.map((group) => ({
          id: group.id,
          name: group.name,
          nationalCurriculumYear: group.nationalCurriculumYear,
        })),
        teachers: teachers.map((teacher) => ({
          userId: teacher.userId,
          displayName: teacher.displayName,
        })),
        classes,
      };
    },
  );

  app.post(
    '/api/schools/:schoolId/classes',
    {
      schema: {
        summary: 'Create a class',
        description:
          'A registration (form) class, or a teaching group for lessons. Names are unique ' +
          `within an academic year. Written to the audit log.${needs}`,
        tags,
        security,
        params: SchoolParams,
        body: NewClassBody,
        response: { 201: ClassSetup, ...problems },
      },
      preHandler: manageSchool,
    },
    async (request, reply) => {
      const { db, clock } = request.server.rollcall;
      const created = await createSchoolClass(
        { db, clock },
        { ...editorOf(request, request.params.schoolId), ...request.body },
      );
      if (!created.ok) return sendClassError(reply, created.error);
      return reply.code(201).send(created.value);
    },
  );

  app.put(
    '/api/schools/:schoolId/classes/:classId',
    {
      schema: {
        summary: 'Rename a class or change its year group',
        description: `Written to the audit log with the name before and after.${needs}`,
        tags,
        security,
        params: ClassAdminParams,
        body: ClassChangeBody,
        response: { 200: ClassSetup, ...problems },
      },
      preHandler: manageSchool,
    },
    async (request, reply) => {
      const { db, clock } = request.server.rollcall;
      const changed = await changeSchoolClass(
        { db, clock },
        {
          ...editorOf(request, request.params.schoolId),
          classId: request.params.classId,
          ...request.body,
        },
      );
      if (!changed.ok) return sendClassError(reply, changed.error);
      return changed.value;
    },
  );

  app.put(
    '/api/schools/:schoolId/classes/:classId/teachers',
    {
      schema: {
        summary: "Set a class's teachers",
        description:
          'Each must be an active teacher account of the school; the class then appears among ' +
          `their registers at their next request. An empty list leaves the class without one.${needs}`,
        tags,
        security,
        params: ClassAdminParams,
        body: ClassTeachersBody,
        response: { 200: ClassSetup, ...problems },
      },
      preHandler: manageSchool,
    },
    async (request, reply) => {
      const { db, clock } = request.server.rollcall;
      const changed = await setClassTeachers(
        { db, clock },
        {
          ...editorOf(request, request.params.schoolId),
          classId: request.params.classId,
          userIds: request.body.userIds,
        },
      );
      if (!changed.ok) return sendClassError(reply, changed.error);
      return changed.value;
    },
  );

  app.put(
    '/api/schools/:schoolId/classes/:classId/pupils',
    {
      schema: {
        summary: "Set a class's pupils, moving them from their old class",
        description:
          'Lists every pupil (on roll today) the class should hold. For a registration class a ' +
          'pupil listed moves in from their old class, and one left out has no registration ' +
          'class until placed in another; a teaching group gains and loses members. Marks ' +
          `already taken stay as they were.${needs}`,
        tags,
        security,
        params: ClassAdminParams,
        body: ClassPupilsBody,
        response: { 200: ClassSetup, ...problems },
      },
      preHandler: manageSchool,
    },
    async (request, reply) => {
      const { db, clock } = request.server.rollcall;
      const changed = await setClassPupils(
        { db, clock },
        {
          ...editorOf(request, request.params.schoolId),
          classId: request.params.classId,
          pupilIds: request.body.pupilIds,
        },
      );
      if (!changed.ok) return sendClassError(reply, changed.error);
      return changed.value;
    },
  );

  app.get(
    '/api/schools/:schoolId/roll',
    {
      schema: {
        summary: "The pupils on the school's roll today, with their classes",
        description: `For placing pupils in classes.${needs}`,
        tags,
        security,
        params: SchoolParams,
        response: { 200: RollResponse, ...problems },
      },
      preHandler: manageSchool,
    },
    async (request) => {
      const { db, clock } = request.server.rollcall;
      const roll = await loadRoll({ db, clock }, request.params.schoolId);
      return {
        pupils: roll.map((pupil) => ({
          pupilId: pupil.pupilId,
          firstName: pupil.firstName,
          lastName: pupil.lastName,
          yearGroupId: pupil.yearGroupId,
          registrationClassId: pupil.registrationClassId,
          teachingClassIds: pupil.teachingClassIds,
        })),
      };
    },
  );
}
