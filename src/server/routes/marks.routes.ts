import type { FastifyRequest } from 'fastify';
import { MarkParams } from '../../contracts/common.contract.ts';
import {
  AmendMarkRequest,
  MarkConflictProblem,
  MarkHistoryResponse,
  MarkResponse,
} from '../../contracts/mark.contract.ts';
import type { TargetRef } from '../../services/access.service.ts';
import { amendRegisterMark } from '../../services/mark-amendment.service.ts';
import { findMarkById, listMarkHistory, type Mark } from '../../store/mark.repository.ts';
import type { RollcallApp } from '../app.ts';
import { getSignedIn, readPathId, requireCapability } from '../auth.hooks.ts';
import { createProblem, createProblemWith, problemResponses, sendProblem } from '../problem.ts';
import { canAlso, describeUnexpected } from '../service-problems.ts';

const tags = ['marks'];
const security = [{ session: [] }];

/** A mark is reached through its pupil: whoever may act on the pupil may act on the mark. */
async function locateMarkPupil(request: FastifyRequest): Promise<TargetRef | undefined> {
  const mark = await findMarkById(request.server.rollcall.db, readPathId(request, 'markId'));
  return mark === undefined ? undefined : { kind: 'pupil', pupilId: mark.pupilId };
}

function describeMark(mark: Mark) {
  return {
    markId: mark.id,
    pupilId: mark.pupilId,
    schoolId: mark.schoolId,
    date: mark.date,
    session: mark.session,
    code: mark.code,
    version: mark.version,
    recordedAt: mark.recordedAt.toISOString(),
  };
}

export function registerMarkRoutes(app: RollcallApp): void {
  app.patch(
    '/api/marks/:markId',
    {
      schema: {
        summary: 'Amend one mark, naming the version you saw and why it changes',
        description:
          'A stale expectedVersion answers 409 with the mark as it is now, and nothing changes. ' +
          'The history keeps the original and every amendment. Needs amend-mark; office staff ' +
          '(record-absence-reason) may only replace N with the reason once known.',
        tags,
        security,
        params: MarkParams,
        body: AmendMarkRequest,
        response: {
          200: MarkResponse,
          409: MarkConflictProblem,
          ...problemResponses(400, 401, 403, 404, 422),
        },
      },
      preHandler: requireCapability('record-absence-reason', locateMarkPupil),
    },
    async (request, reply) => {
      const { db, clock } = request.server.rollcall;
      const signedIn = getSignedIn(request);
      const current = await findMarkById(db, request.params.markId);
      if (current === undefined)
        return sendProblem(reply, createProblem('not-found', 'There is no mark with that id.'));
      const mayAmendAny = await canAlso(request, 'amend-mark', {
        kind: 'pupil',
        pupilId: current.pupilId,
      });
      // A stale version is answered by the amendment itself (409), whatever the code was.
      if (!mayAmendAny && current.version === request.body.expectedVersion && current.code !== 'N')
        return sendProblem(
          reply,
          createProblem(
            'forbidden',
            `Your role (${signedIn.session.user.role}) may only replace N (no reason yet) with a reason; this mark is "${current.code}". Ask the attendance officer to amend it.`,
          ),
        );
      const outcome = await amendRegisterMark(
        { db, clock },
        {
          markId: current.id,
          expectedVersion: request.body.expectedVersion,
          code: request.body.code,
          reason: request.body.reason,
          changedBy: signedIn.session.user.id,
          teacherCodesOnly: false,
          source: 'office',
        },
      );
      if (outcome.ok)
        return { ...describeMark(outcome.value.mark), changed: outcome.value.changed };
      const error = outcome.error;
      switch (error.kind) {
        case 'mark-not-found':
          return sendProblem(reply, createProblem('not-found', 'There is no mark with that id.'));
        case 'version-conflict':
          return sendProblem(
            reply,
            createProblemWith(
              'version-conflict',
              `Someone changed this mark to "${error.current.code}" (version ${error.actualVersion ?? '?'}) since you saw version ${error.expectedVersion ?? '?'}. Nothing was changed: review the current mark and try again.`,
              {
                expectedVersion: request.body.expectedVersion,
                current: describeMark(error.current),
              },
            ),
          );
        case 'invalid-code':
          return sendProblem(
            reply,
            createProblem(
              'invalid-codes',
              `Pupil ${current.pupilId}, ${current.date} ${current.session}: ${error.message}.`,
              { errors: [{ field: 'body.code', message: error.message }] },
            ),
          );
        case 'reason-missing':
        case 'reason-required':
          return sendProblem(
            reply,
            createProblem('reason-required', 'Say why the mark is changing.', {
              errors: [{ field: 'body.reason', message: 'say why the mark is changing' }],
            }),
          );
        case 'unknown-user':
          return sendProblem(reply, describeUnexpected(request, 'mark amended by an unknown user'));
      }
    },
  );

  app.get(
    '/api/marks/:markId/history',
    {
      schema: {
        summary: "A mark's history: the original entry and every amendment, oldest first",
        description: 'Needs view-pupil on the pupil the mark belongs to.',
        tags,
        security,
        params: MarkParams,
        response: { 200: MarkHistoryResponse, ...problemResponses(400, 401, 403, 404) },
      },
      preHandler: requireCapability('view-pupil', locateMarkPupil),
    },
    async (request) => {
      const history = await listMarkHistory(request.server.rollcall.db, request.params.markId);
      return {
        markId: request.params.markId,
        entries: history.map((entry) => ({
          version: entry.markVersion,
          previousCode: entry.previousCode,
          newCode: entry.newCode,
          reason: entry.reason,
          source: entry.source,
          changedAt: entry.changedAt.toISOString(),
          changedBy: entry.changedBy,
        })),
      };
    },
  );
}
