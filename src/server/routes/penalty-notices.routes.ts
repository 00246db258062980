import { PupilParams } from '../../contracts/common.contract.ts';
import { PenaltyNoticeBody, PenaltyNoticeResponse } from '../../contracts/follow-up.contract.ts';
import { Problem } from '../../contracts/problem.contract.ts';
import { issuePenaltyNotice } from '../../services/penalty-notice.service.ts';
import type { RollcallApp } from '../app.ts';
import { getSignedIn, inPath, requireCapability } from '../auth.hooks.ts';
import { canActOnPupilAt } from '../follow-up-access.ts';
import { createProblem, createProblemWith, sendProblem } from '../problem.ts';
import { describeSetupProblem } from '../service-problems.ts';

const tags = ['penalty notices'];
const security = [{ session: [] }];
const errors = {
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
  409: Problem,
  422: Problem,
};

export function registerPenaltyNoticeRoutes(app: RollcallApp): void {
  app.post(
    '/api/pupils/:pupilId/penalty-notices',
    {
      schema: {
        summary: 'Issue a penalty notice to one parent for this pupil',
        description:
          'England: £80 within 21 days or £160 within 28 for a first notice, £160 within 28 ' +
          'for a second; a third within 3 years of the first is refused with alternatives. ' +
          'Wales: £60 within 28 days or £120 within 42. Needs manage-follow-up.',
        tags,
        security,
        params: PupilParams,
        body: PenaltyNoticeBody,
        response: { 201: PenaltyNoticeResponse, ...errors },
      },
      preHandler: requireCapability('manage-follow-up', inPath.pupil()),
    },
    async (request, reply) => {
      const { db, clock } = request.server.rollcall;
      const { pupilId } = request.params;
      const body = request.body;
      if (!(await canActOnPupilAt(request, 'manage-follow-up', pupilId, body.schoolId)))
        return sendProblem(
          reply,
          createProblem('forbidden', 'You cannot act for this pupil at that school.'),
        );
      const issued = await issuePenaltyNotice(
        { db, clock },
        {
          schoolId: body.schoolId,
          pupilId,
          contactId: body.contactId,
          caseId: body.caseId ?? null,
          issuedOn: body.issuedOn,
          receivedOn: body.receivedOn ?? body.issuedOn,
          issuedBy: getSignedIn(request).session.actor.userId,
        },
      );
      if (issued.ok) {
        const notice = issued.value;
        return reply.code(201).send({
          id: notice.id,
          pupilId: notice.pupilId,
          contactId: notice.contactId,
          ordinal: notice.ordinal,
          issuedOn: notice.issuedOn,
          receivedOn: notice.receivedOn,
          reduced: notice.reduced,
          amountPence: notice.amountPence,
          dueOn: notice.dueOn,
        });
      }
      const error = issued.error;
      switch (error.kind) {
        case 'limit-reached':
          return sendProblem(
            reply,
            createProblemWith('penalty-notice-refused', `No further notice: ${error.message}.`, {
              alternatives: [...error.alternatives],
              allowedAgainOn: error.allowedAgainOn,
            }),
          );
        case 'before-framework':
        case 'received-before-issued':
          return sendProblem(
            reply,
            createProblem('penalty-notice-refused', `${error.message}.`, {
              errors: [{ field: 'body.issuedOn', message: error.message }],
            }),
          );
        case 'contact-not-a-parent':
          return sendProblem(
            reply,
            createProblem(
              'validation',
              'A notice goes to a parent with parental responsibility for this pupil.',
              {
                errors: [
                  {
                    field: 'body.contactId',
                    message: `contact ${error.contactId} is not such a parent`,
                  },
                ],
              },
            ),
          );
        case 'case-not-found':
          return sendProblem(
            reply,
            createProblem('validation', 'The case named is not this pupil’s.', {
              errors: [
                { field: 'body.caseId', message: `case ${error.caseId} is not this pupil's` },
              ],
            }),
          );
        default:
          return sendProblem(reply, describeSetupProblem(error));
      }
    },
  );
}
