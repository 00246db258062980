import type { FastifyRequest } from 'fastify';
import { MarkParams, PupilParams } from '../../contracts/common.contract.ts';
import {
  AmendMarkRequest,
  MarkConflictProblem,
  MarkHistoryResponse,
  MarkResponse,
  MarksConflictProblem,
  ReplacePupilMarksRequest,
  ReplacePupilMarksResponse,
} from '../../contracts/mark.contract.ts';
import type { Problem } from '../../contracts/problem.contract.ts';
import type { TargetRef } from '../../services/access.service.ts';
import {
  amendRegisterMark,
  replacePupilMarks,
  type MarkChangeRefusal,
} from '../../services/mark-amendment.service.ts';
import { findMarkById, listMarkHistory, type Mark } from '../../store/mark.repository.ts';
import type { RollcallApp } from '../app.ts';
import { getSignedIn, inPath, readPathId, requireCapability } from '../auth.hooks.ts';
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

/** A change refused for the mark it names: a role that may only replace N, or a bad code. */
function describeRefusal(
  request: FastifyRequest,
  refusal: MarkChangeRefusal,
  field: { markId?: string } = {},
): Problem {
  const { mark } = refusal;
  if (refusal.kind === 'not-unexplained') {
    const role = getSignedIn(request).session.user.role;
    return createProblem(
      'forbidden',
      `Your role (${role}) may only replace N (no reason yet) with a reason; the ${mark.date} ${mark.session} mark (id ${String(mark.id)}) is "${mark.code}". Ask the attendance officer to amend it.`,
      field.markId === undefined
        ? {}
        : { errors: [{ field: field.markId, message: `this mark is "${mark.code}", not N` }] },
    );
  }
  return createProblem(
    'invalid-codes',
    `Pupil ${String(mark.pupilId)}, ${mark.date} ${mark.session}: ${refusal.message}.`,
    { errors: [{ field: 'body.code', message: refusal.message }] },
  );
}

function describeReasonMissing(what: 'mark is' | 'marks are'): Problem {
  return createProblem('reason-required', `Say why the ${what} changing.`, {
    errors: [{ field: 'body.reason', message: `say why the ${what} changing` }],
  });
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
      const outcome = await amendRegisterMark(
        { db, clock },
        {
          markId: current.id,
          expectedVersion: request.body.expectedVersion,
          code: request.body.code,
          reason: request.body.reason,
          changedBy: signedIn.session.user.id,
          teacherCodesOnly: false,
          unexplainedOnly: !mayAmendAny,
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
        case 'not-unexplained':
        case 'invalid-code':
          return sendProblem(reply, describeRefusal(request, error));
        case 'reason-missing':
        case 'reason-required':
          return sendProblem(reply, describeReasonMissing('mark is'));
        case 'unknown-user':
          return sendProblem(reply, describeUnexpected(request, 'mark amended by an unknown user'));
      }
    },
  );

  app.patch(
    '/api/pupils/:pupilId/marks',
    {
      schema: {
        summary: "Replace several of a pupil's marks with one code and reason, all or none",
        description:
          'For a reason given for several sessions at once, e.g. by phone. Each mark names the ' +
          'version you saw; any stale one answers 409 listing every mark changed meanwhile as it ' +
          "is now, and nothing changes. A mark that is not this pupil's answers 404. The history " +
          'gets one entry per mark changed, as PATCH /api/marks/:markId writes it. Needs ' +
          'record-absence-reason on the pupil; without amend-mark only N may be replaced.',
        tags,
        security,
        params: PupilParams,
        body: ReplacePupilMarksRequest,
        response: {
          200: ReplacePupilMarksResponse,
          409: MarksConflictProblem,
          ...problemResponses(400, 401, 403, 404, 422),
        },
      },
      preHandler: requireCapability('record-absence-reason', inPath.pupil()),
    },
    async (request, reply) => {
      const { db, clock } = request.server.rollcall;
      const { pupilId } = request.params;
      const body = request.body;
      const fieldOf = (markId: number) =>
        `body.marks.${String(body.marks.findIndex((mark) => mark.markId === markId))}.markId`;
      const outcome = await replacePupilMarks(
        { db, clock },
        {
          pupilId,
          marks: body.marks,
          code: body.code,
          reason: body.reason,
          changedBy: getSignedIn(request).session.user.id,
          unexplainedOnly: !(await canAlso(request, 'amend-mark', { kind: 'pupil', pupilId })),
          source: 'office',
        },
      );
      if (outcome.ok)
        return {
          marks: outcome.value.map(({ mark, changed }) => ({ ...describeMark(mark), changed })),
        };
      const error = outcome.error;
      switch (error.kind) {
        case 'mark-not-found':
          return sendProblem(
            reply,
            createProblem('not-found', 'There is no mark with that id.', {
              errors: [
                { field: fieldOf(error.markId), message: 'no mark of this pupil has this id' },
              ],
            }),
          );
        case 'duplicate-mark':
          return sendProblem(
            reply,
            createProblem('validation', 'Name each mark once.', {
              errors: error.markIds.map((markId) => ({
                field: `body.marks.${String(body.marks.map((mark) => mark.markId).lastIndexOf(markId))}.markId`,
                message: `mark ${String(markId)} appears more than once`,
              })),
            }),
          );
        case 'version-conflict':
          return sendProblem(
            reply,
            createProblemWith(
              'version-conflict',
              `Someone changed ${error.stale
                .map(
                  ({ current }) =>
                    `the ${current.date} ${current.session} mark to "${current.code}" (version ${String(current.version)})`,
                )
                .join(
                  ', ',
                )} since you saw it. Nothing was changed: review the current marks and try again.`,
              {
                conflicts: error.stale.map(({ expectedVersion, current }) => ({
                  expectedVersion,
                  current: describeMark(current),
                })),
              },
            ),
          );
        case 'not-unexplained':
        case 'invalid-code':
          return sendProblem(
            reply,
            describeRefusal(request, error, { markId: fieldOf(error.mark.id) }),
          );
        case 'reason-missing':
          return sendProblem(reply, describeReasonMissing('marks are'));
        case 'unknown-user':
          return sendProblem(
            reply,
            describeUnexpected(request, 'marks replaced by an unknown user'),
          );
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
