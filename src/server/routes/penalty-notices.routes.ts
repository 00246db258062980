import type { FastifyReply, FastifyRequest } from 'fastify';
import { PupilParams } from '../../contracts/common.contract.ts';
import { PenaltyNoticeBody, PenaltyNoticeResponse } from '../../contracts/follow-up.contract.ts';
import {
  PenaltyNoticeList,
  PenaltyNoticeParams,
  PenaltyNoticeRecord,
  PenaltyPaymentBody,
  PenaltyWithdrawalBody,
} from '../../contracts/penalty-notice.contract.ts';
import { findPenaltyNoticeStatus } from '../../domain/followup/penalty-notice.ts';
import {
  issuePenaltyNotice,
  recordPenaltyNoticePaid,
  withdrawPenaltyNotice,
  type PenaltyOutcomeError,
} from '../../services/penalty-notice.service.ts';
import {
  findPenaltyNotice,
  listPupilPenaltyNotices,
  type PenaltyNotice,
} from '../../store/penalty-notice.repository.ts';
import type { RollcallApp } from '../app.ts';
import { getSignedIn, inPath, readPathId, requireCapability } from '../auth.hooks.ts';
import { canActOnPupilAt, keepIfManaged } from '../follow-up-access.ts';
import { createProblem, createProblemWith, problemResponses, sendProblem } from '../problem.ts';
import { describeSetupProblem } from '../service-problems.ts';

const tags = ['penalty notices'];
const security = [{ session: [] }];
const errors = problemResponses(400, 401, 403, 404, 409, 422);

function describeNotice(notice: PenaltyNotice): PenaltyNoticeRecord {
  const status = findPenaltyNoticeStatus(notice);
  return {
    id: notice.id,
    schoolId: notice.schoolId,
    pupilId: notice.pupilId,
    contactId: notice.contactId,
    caseId: notice.caseId,
    ordinal: notice.ordinal,
    issuedOn: notice.issuedOn,
    receivedOn: notice.receivedOn,
    reduced: notice.reduced,
    amountPence: notice.amountPence,
    dueOn: notice.dueOn,
    status,
    paidOn: notice.paidOn,
    paidAmountPence: notice.paidAmountPence,
    withdrawnOn: notice.withdrawnOn,
    withdrawalReason: notice.withdrawalReason,
    countsTowardsLimit: status !== 'withdrawn',
  };
}

const noticeInPath = async (request: FastifyRequest) => {
  const found = await findPenaltyNotice(
    request.server.rollcall.db,
    readPathId(request, 'penaltyNoticeId'),
  );
  return found && ({ kind: 'pupil', pupilId: found.pupilId } as const);
};

/** The notice a route names, if the actor may manage follow-up at the school that issued it. */
async function findManagedNotice(request: FastifyRequest): Promise<PenaltyNotice | undefined> {
  return keepIfManaged(
    request,
    await findPenaltyNotice(request.server.rollcall.db, readPathId(request, 'penaltyNoticeId')),
  );
}

const noticeNotFound = createProblem('not-found', 'There is no penalty notice with that id.');

function sendOutcomeProblem(reply: FastifyReply, error: PenaltyOutcomeError): FastifyReply {
  switch (error.kind) {
    case 'penalty-notice-not-found':
      return sendProblem(reply, noticeNotFound);
    case 'notice-already-settled':
      return sendProblem(
        reply,
        createProblem(
          'penalty-notice-settled',
          `The notice is already ${error.status}; its outcome is recorded once.`,
        ),
      );
    case 'invalid-outcome':
      return sendProblem(
        reply,
        createProblem('penalty-outcome-invalid', `${error.field}: ${error.message}.`, {
          errors: [{ field: `body.${error.field}`, message: error.message }],
        }),
      );
  }
}

/** Paid and withdrawn: what became of a notice, recorded once each. */
function registerPenaltyOutcomeRoutes(app: RollcallApp): void {
  app.post(
    '/api/penalty-notices/:penaltyNoticeId/payment',
    {
      schema: {
        summary: 'Record a penalty notice paid, on a day and at the amount due that day',
        description:
          'England: the reduced £80 up to day 21 from receipt, £160 to day 28; a second notice ' +
          '£160 to day 28. A payment after the period, or of the wrong amount, is refused. ' +
          'Needs manage-follow-up.',
        tags,
        security,
        params: PenaltyNoticeParams,
        body: PenaltyPaymentBody,
        response: { 200: PenaltyNoticeRecord, ...errors },
      },
      preHandler: requireCapability('manage-follow-up', noticeInPath),
    },
    async (request, reply) => {
      const { db, clock } = request.server.rollcall;
      const notice = await findManagedNotice(request);
      if (!notice) return sendProblem(reply, noticeNotFound);
      const paid = await recordPenaltyNoticePaid(
        { db, clock },
        {
          penaltyNoticeId: notice.id,
          paidOn: request.body.paidOn,
          amountPence: request.body.amountPence ?? null,
          recordedBy: getSignedIn(request).session.actor.userId,
        },
      );
      if (!paid.ok) return sendOutcomeProblem(reply, paid.error);
      return describeNotice(paid.value);
    },
  );

  app.post(
    '/api/penalty-notices/:penaltyNoticeId/withdrawal',
    {
      schema: {
        summary: 'Record a penalty notice withdrawn, with the reason',
        description:
          'A withdrawn notice no longer counts towards the limit of two notices per parent per ' +
          'child in 3 years; a paid notice cannot be withdrawn. Needs manage-follow-up.',
        tags,
        security,
        params: PenaltyNoticeParams,
        body: PenaltyWithdrawalBody,
        response: { 200: PenaltyNoticeRecord, ...errors },
      },
      preHandler: requireCapability('manage-follow-up', noticeInPath),
    },
    async (request, reply) => {
      const { db, clock } = request.server.rollcall;
      const notice = await findManagedNotice(request);
      if (!notice) return sendProblem(reply, noticeNotFound);
      const withdrawn = await withdrawPenaltyNotice(
        { db, clock },
        {
          penaltyNoticeId: notice.id,
          withdrawnOn: request.body.withdrawnOn,
          reason: request.body.reason,
          recordedBy: getSignedIn(request).session.actor.userId,
        },
      );
      if (!withdrawn.ok) return sendOutcomeProblem(reply, withdrawn.error);
      return describeNotice(withdrawn.value);
    },
  );
}

export function registerPenaltyNoticeRoutes(app: RollcallApp): void {
  registerPenaltyOutcomeRoutes(app);
  app.get(
    '/api/pupils/:pupilId/penalty-notices',
    {
      schema: {
        summary: "A pupil's penalty notices, to every parent, earliest first",
        description:
          'With the amounts and dates due, its status, the amount paid or the reason it was ' +
          'withdrawn, and whether it counts towards the limit of two in 3 years. Only notices ' +
          'of schools where the reader manages follow-up. Needs manage-follow-up.',
        tags,
        security,
        params: PupilParams,
        response: { 200: PenaltyNoticeList, ...problemResponses(400, 401, 403, 404) },
      },
      preHandler: requireCapability('manage-follow-up', inPath.pupil()),
    },
    async (request) => {
      const { pupilId } = request.params;
      const notices: PenaltyNoticeRecord[] = [];
      for (const notice of await listPupilPenaltyNotices(request.server.rollcall.db, pupilId))
        if (await canActOnPupilAt(request, 'manage-follow-up', pupilId, notice.schoolId))
          notices.push(describeNotice(notice));
      return { notices };
    },
  );

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
