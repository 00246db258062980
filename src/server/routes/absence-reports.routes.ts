import { PupilParams, SchoolParams } from '../../contracts/common.contract.ts';
import {
  AbsenceBoardQuery,
  AbsenceBoardResponse,
  AbsenceReportCreated,
  AbsenceReportList,
  AbsenceReportRequest,
} from '../../contracts/absence-report.contract.ts';
import { reportAbsence } from '../../services/absence-report.service.ts';
import { listAbsenceBoard } from '../../services/register-overview.service.ts';
import {
  listPupilAbsenceReports,
  type AbsenceReport,
} from '../../store/absence-report.repository.ts';
import { listContacts } from '../../store/pupil.repository.ts';
import type { RollcallApp } from '../app.ts';
import { findActor, getSignedIn, inPath, requireCapability } from '../auth.hooks.ts';
import { findPupilSchoolsAllowing, findReportingSchools } from '../follow-up-access.ts';
import { createProblem, problemResponses, sendProblem } from '../problem.ts';
import { describeContact } from '../contact-view.ts';
import { describeSetupProblem } from '../service-problems.ts';

const tags = ['absence reports'];
const security = [{ session: [] }];

function describeReport(report: AbsenceReport) {
  return {
    id: report.id,
    schoolId: report.schoolId,
    pupilId: report.pupilId,
    source: report.source,
    reason: report.reason,
    suggestedCode: report.suggestedCode,
    from: report.from,
    to: report.to,
    expectedReturn: report.expectedReturn,
    createdAt: report.createdAt.toISOString(),
  };
}

export function registerAbsenceReportRoutes(app: RollcallApp): void {
  app.post(
    '/api/pupils/:pupilId/absence-reports',
    {
      schema: {
        summary: 'Report that a pupil is or will be absent, with the reason and expected return',
        description:
          'The reason pre-fills the code (illness I, medical M, religious R) and replaces N on ' +
          'sessions already marked. Parents report for their own children; office staff for ' +
          'calls they take. Needs record-absence-report on the pupil.',
        tags,
        security,
        params: PupilParams,
        body: AbsenceReportRequest,
        response: { 201: AbsenceReportCreated, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
      preHandler: requireCapability('record-absence-report', inPath.pupil()),
    },
    async (request, reply) => {
      const { db, clock } = request.server.rollcall;
      const actor = await findActor(request, getSignedIn(request));
      const { pupilId } = request.params;
      const body = request.body;
      // The school: one the reporter may report to, where the pupil is on roll at the start.
      const schoolIds = await findReportingSchools(request, pupilId, {
        schoolId: body.schoolId,
        from: body.from.date,
      });
      const [schoolId] = schoolIds;
      if (schoolId === undefined)
        return sendProblem(
          reply,
          createProblem(
            'not-on-roll',
            `The pupil is not on the roll of ${body.schoolId === undefined ? 'a school you can report to' : 'that school'} on ${body.from.date}.`,
            { errors: [{ field: 'body.from.date', message: 'the pupil is not on roll that day' }] },
          ),
        );
      if (schoolIds.length > 1)
        return sendProblem(
          reply,
          createProblem('validation', 'The pupil is on two rolls; say which school in schoolId.', {
            errors: [{ field: 'body.schoolId', message: `one of ${schoolIds.join(', ')}` }],
          }),
        );
      const isParent = actor.role === 'parent';
      const contact = isParent
        ? (await listContacts(db, pupilId)).find((candidate) => candidate.userId === actor.userId)
        : undefined;
      const outcome = await reportAbsence(
        { db, clock },
        {
          schoolId,
          pupilId,
          reportedBy: actor.userId,
          contactId: contact?.id ?? null,
          source: isParent ? 'parent' : 'office',
          reason: body.reason,
          details: body.details ?? null,
          from: body.from,
          to: body.to,
          expectedReturn: body.expectedReturn ?? null,
        },
      );
      if (outcome.ok)
        return reply.code(201).send({
          report: describeReport(outcome.value.report),
          resolvedMarks: outcome.value.resolvedMarks,
        });
      const error = outcome.error;
      if (error.kind === 'invalid-span')
        return sendProblem(
          reply,
          createProblem('invalid-span', `${error.message}; correct the dates.`, {
            errors: [{ field: 'body.to', message: error.message }],
          }),
        );
      return sendProblem(reply, describeSetupProblem(error));
    },
  );

  app.get(
    '/api/pupils/:pupilId/absence-reports',
    {
      schema: {
        summary: "A pupil's reported absences, earliest first",
        description: 'Needs view-pupil on the pupil.',
        tags,
        security,
        params: PupilParams,
        response: { 200: AbsenceReportList, ...problemResponses(400, 401, 403, 404) },
      },
      preHandler: requireCapability('view-pupil', inPath.pupil()),
    },
    async (request) => {
      const { db } = request.server.rollcall;
      // Only reports made to schools the reader can see (a pupil may have moved schools).
      const visible = await findPupilSchoolsAllowing(request, request.params.pupilId, 'view-pupil');
      const reports = await listPupilAbsenceReports(db, request.params.pupilId);
      return {
        reports: reports.filter((report) => visible.includes(report.schoolId)).map(describeReport),
      };
    },
  );

  app.get(
    '/api/schools/:schoolId/absence-board',
    {
      schema: {
        summary: 'Pupils still unexplained (N) on a day once registers have closed, with contacts',
        description:
          "The office's first-day calling list: contacts in the order to call them. Needs " +
          'record-absence-reason.',
        tags,
        security,
        params: SchoolParams,
        querystring: AbsenceBoardQuery,
        response: { 200: AbsenceBoardResponse, ...problemResponses(400, 401, 403, 404) },
      },
      preHandler: requireCapability('record-absence-reason', inPath.school()),
    },
    async (request, reply) => {
      const { db, clock } = request.server.rollcall;
      const board = await listAbsenceBoard(
        { db, clock },
        { schoolId: request.params.schoolId, date: request.query.date },
      );
      if (!board.ok) return sendProblem(reply, describeSetupProblem(board.error));
      return {
        schoolId: request.params.schoolId,
        date: request.query.date,
        sessionsClosed: board.value.sessionsClosed,
        pupils: board.value.pupils.map((pupil) => ({
          pupilId: pupil.pupilId,
          firstName: pupil.firstName,
          lastName: pupil.lastName,
          className: pupil.className,
          unexplained: pupil.unexplained.map((mark) => ({
            markId: mark.markId,
            code: mark.code,
            version: mark.version,
            session: mark.session,
          })),
          contacts: pupil.contacts.map(describeContact),
        })),
      };
    },
  );
}
