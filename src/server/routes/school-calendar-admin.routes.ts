import type { FastifyReply, FastifyRequest } from 'fastify';
import { SchoolParams } from '../../contracts/common.contract.ts';
import {
  AcademicYearBody,
  AcademicYearParams,
  AcademicYearResponse,
  ClosureBody,
  ClosureParams,
  ClosureResponse,
  SchoolCalendarResponse,
  TermBody,
  TermChangeBody,
  TermParams,
  TermResponse,
} from '../../contracts/school-admin.contract.ts';
import {
  addAcademicYear,
  addClosure,
  addTerm,
  changeAcademicYear,
  changeClosure,
  changeTerm,
  loadEditableCalendar,
  removeAcademicYear,
  removeClosure,
  removeTerm,
  type CalendarEditError,
} from '../../services/school-calendar-admin.service.ts';
import type { AcademicYear, Closure } from '../../store/school.repository.ts';
import type { RollcallApp } from '../app.ts';
import { createProblem, sendProblem } from '../problem.ts';
import {
  editorOf,
  manageSchool,
  needs,
  noSuchSchool,
  problems,
  security,
  sendInputProblems,
} from '../school-admin-parts.ts';

// A plain JSON schema, not zod: the reply has no body to type.
const removed = { type: 'null', description: 'Removed' } as const;

function describeYear(year: AcademicYear) {
  const { id, name, startsOn, endsOn } = year;
  return { id, name, startsOn, endsOn, terms: year.terms.map((term) => ({ ...term })) };
}

function describeClosure(closure: Closure) {
  const { id, startsOn, startsSession, endsOn, endsSession, reason } = closure;
  return { id, startsOn, startsSession, endsOn, endsSession, reason };
}

function sendCalendarProblem(reply: FastifyReply, error: CalendarEditError): FastifyReply {
  switch (error.kind) {
    case 'school-not-found':
      return sendProblem(reply, noSuchSchool);
    case 'not-found':
      return sendProblem(
        reply,
        createProblem('not-found', `This school has no ${error.what} with that id.`),
      );
    case 'calendar-change-invalid':
      return sendInputProblems(
        reply,
        'calendar-change-invalid',
        'The calendar was not changed',
        error.problems,
      );
    case 'register-marks-recorded':
      return sendProblem(reply, createProblem('register-marks-recorded', error.detail));
  }
}

/** The school calendar as an administrator edits it: years, terms and closures. */
export function registerSchoolCalendarRoutes(app: RollcallApp): void {
  const tags = ['school calendar'];
  const rules =
    ' A term lies inside its academic year and overlaps no other term; a closure lies inside ' +
    'one term and overlaps no other closure. Days that already hold register marks cannot ' +
    `be taken out of the calendar (409, naming how many).${needs}`;
  const dbOf = (request: FastifyRequest) => {
    const { db, clock } = request.server.rollcall;
    return { db, clock };
  };

  app.get(
    '/api/schools/:schoolId/calendar',
    {
      schema: {
        summary: "The school's academic years with their terms, and its closures",
        description: needs.trim(),
        tags,
        security,
        params: SchoolParams,
        response: { 200: SchoolCalendarResponse, ...problems },
      },
      preHandler: manageSchool,
    },
    async (request) => {
      const { schoolId } = request.params;
      const calendar = await loadEditableCalendar(request.server.rollcall.db, schoolId);
      return {
        schoolId,
        academicYears: calendar.academicYears.map(describeYear),
        closures: calendar.closures.map(describeClosure),
      };
    },
  );

  app.post(
    '/api/schools/:schoolId/academic-years',
    {
      schema: {
        summary: 'Add an academic year (its terms are added after)',
        description: `Years of a school do not overlap.${rules}`,
        tags,
        security,
        params: SchoolParams,
        body: AcademicYearBody,
        response: { 201: AcademicYearResponse, ...problems },
      },
      preHandler: manageSchool,
    },
    async (request, reply) => {
      const added = await addAcademicYear(
        dbOf(request),
        editorOf(request, request.params.schoolId),
        request.body,
      );
      if (!added.ok) return sendCalendarProblem(reply, added.error);
      return reply.code(201).send(describeYear(added.value));
    },
  );

  app.put(
    '/api/schools/:schoolId/academic-years/:academicYearId',
    {
      schema: {
        summary: 'Rename an academic year or change its dates',
        description: `Its terms must stay inside it.${rules}`,
        tags,
        security,
        params: AcademicYearParams,
        body: AcademicYearBody,
        response: { 200: AcademicYearResponse, ...problems },
      },
      preHandler: manageSchool,
    },
    async (request, reply) => {
      const changed = await changeAcademicYear(
        dbOf(request),
        editorOf(request, request.params.schoolId),
        {
          yearId: request.params.academicYearId,
          ...request.body,
        },
      );
      if (!changed.ok) return sendCalendarProblem(reply, changed.error);
      return describeYear(changed.value);
    },
  );

  app.delete(
    '/api/schools/:schoolId/academic-years/:academicYearId',
    {
      schema: {
        summary: 'Remove an academic year and its terms',
        description: `Refused while it has register marks, classes or closures.${rules}`,
        tags,
        security,
        params: AcademicYearParams,
        response: { 204: removed, ...problems },
      },
      preHandler: manageSchool,
    },
    async (request, reply) => {
      const removed = await removeAcademicYear(
        dbOf(request),
        editorOf(request, request.params.schoolId),
        request.params.academicYearId,
      );
      if (!removed.ok) return sendCalendarProblem(reply, removed.error);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/schools/:schoolId/terms',
    {
      schema: {
        summary: 'Add a term to an academic year',
        description: rules.trim(),
        tags,
        security,
        params: SchoolParams,
        body: TermBody,
        response: { 201: TermResponse, ...problems },
      },
      preHandler: manageSchool,
    },
    async (request, reply) => {
      const added = await addTerm(
        dbOf(request),
        editorOf(request, request.params.schoolId),
        request.body,
      );
      if (!added.ok) return sendCalendarProblem(reply, added.error);
      return reply.code(201).send(added.value);
    },
  );

  app.put(
    '/api/schools/:schoolId/terms/:termId',
    {
      schema: {
        summary: 'Rename a term or change its dates',
        description: `Its closures must stay inside a term.${rules}`,
        tags,
        security,
        params: TermParams,
        body: TermChangeBody,
        response: { 200: TermResponse, ...problems },
      },
      preHandler: manageSchool,
    },
    async (request, reply) => {
      const changed = await changeTerm(dbOf(request), editorOf(request, request.params.schoolId), {
        termId: request.params.termId,
        ...request.body,
      });
      if (!changed.ok) return sendCalendarProblem(reply, changed.error);
      return changed.value;
    },
  );

  app.delete(
    '/api/schools/:schoolId/terms/:termId',
    {
      schema: {
        summary: 'Remove a term',
        description: `Refused while it has register marks or closures.${rules}`,
        tags,
        security,
        params: TermParams,
        response: { 204: removed, ...problems },
      },
      preHandler: manageSchool,
    },
    async (request, reply) => {
      const removed = await removeTerm(
        dbOf(request),
        editorOf(request, request.params.schoolId),
        request.params.termId,
      );
      if (!removed.ok) return sendCalendarProblem(reply, removed.error);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/schools/:schoolId/closures',
    {
      schema: {
        summary: 'Close the school for days or sessions (INSET, bank holiday, polling day)',
        description: `Refused over sessions that already hold register marks.${rules}`,
        tags,
        security,
        params: SchoolParams,
        body: ClosureBody,
        response: { 201: ClosureResponse, ...problems },
      },
      preHandler: manageSchool,
    },
    async (request, reply) => {
      const added = await addClosure(
        dbOf(request),
        editorOf(request, request.params.schoolId),
        request.body,
      );
      if (!added.ok) return sendCalendarProblem(reply, added.error);
      return reply.code(201).send(describeClosure(added.value));
    },
  );

  app.put(
    '/api/schools/:schoolId/closures/:closureId',
    {
      schema: {
        summary: 'Change a closure',
        description: rules.trim(),
        tags,
        security,
        params: ClosureParams,
        body: ClosureBody,
        response: { 200: ClosureResponse, ...problems },
      },
      preHandler: manageSchool,
    },
    async (request, reply) => {
      const changed = await changeClosure(
        dbOf(request),
        editorOf(request, request.params.schoolId),
        { closureId: request.params.closureId, ...request.body },
      );
      if (!changed.ok) return sendCalendarProblem(reply, changed.error);
      return describeClosure(changed.value);
    },
  );

  app.delete(
    '/api/schools/:schoolId/closures/:closureId',
    {
      schema: {
        summary: 'Remove a closure: its days become school days again',
        description: `Refused while register marks are recorded on its sessions.${rules}`,
        tags,
        security,
        params: ClosureParams,
        response: { 204: removed, ...problems },
      },
      preHandler: manageSchool,
    },
    async (request, reply) => {
      const removed = await removeClosure(
        dbOf(request),
        editorOf(request, request.params.schoolId),
        request.params.closureId,
      );
      if (!removed.ok) return sendCalendarProblem(reply, removed.error);
      return reply.code(204).send();
    },
  );
}
