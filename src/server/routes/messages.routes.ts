import { SchoolParams } from '../../contracts/common.contract.ts';
import {
  MessageList,
  MessageListQuery,
  WeeklyUpdateRequest,
  WeeklyUpdateResponse,
} from '../../contracts/message.contract.ts';
import { queueWeeklyAttendanceUpdates } from '../../services/messages/weekly-update.service.ts';
import { listSchoolMessages, type OutboundMessage } from '../../store/message.repository.ts';
import { listRoll } from '../../store/pupil.repository.ts';
import type { RollcallApp } from '../app.ts';
import { getSignedIn, inPath, requireCapability } from '../auth.hooks.ts';
import { createProblem, problemResponses, sendProblem } from '../problem.ts';
import { describeSetupProblem } from '../service-problems.ts';

const tags = ['messages'];
const security = [{ session: [] }];

function describeMessage(message: OutboundMessage) {
  return {
    id: message.id,
    pupilId: message.pupilId,
    channel: message.channel,
    recipient: message.recipient,
    subject: message.subject,
    letterId: message.letterId,
    status: message.status,
    attempts: message.attempts,
    lastError: message.lastError,
    nextAttemptAt: message.nextAttemptAt?.toISOString() ?? null,
    createdAt: message.createdAt.toISOString(),
    sentAt: message.sentAt?.toISOString() ?? null,
  };
}

export function registerMessageRoutes(app: RollcallApp): void {
  app.get(
    '/api/schools/:schoolId/messages',
    {
      schema: {
        summary: "The school's outgoing emails and texts with how delivery is going, newest first",
        description:
          'Failed messages show the last error and when they will be retried (none after the ' +
          'last retry). Needs manage-follow-up.',
        tags,
        security,
        params: SchoolParams,
        querystring: MessageListQuery,
        response: { 200: MessageList, ...problemResponses(400, 401, 403, 404) },
      },
      preHandler: requireCapability('manage-follow-up', inPath.school()),
    },
    async (request) => {
      const messages = await listSchoolMessages(request.server.rollcall.db, {
        schoolId: request.params.schoolId,
        limit: request.query.limit,
        ...(request.query.status === undefined ? {} : { status: request.query.status }),
      });
      return { messages: messages.map(describeMessage) };
    },
  );

  app.post(
    '/api/schools/:schoolId/messages/weekly-updates',
    {
      schema: {
        summary: "Queue this week's attendance, up or down on last week, to pupils' parents",
        description:
          'For pupils in a monitored stage: by email where a parent has an address, otherwise ' +
          'by text. Queuing the same week again sends nothing twice. Needs manage-follow-up.',
        tags,
        security,
        params: SchoolParams,
        body: WeeklyUpdateRequest,
        response: { 200: WeeklyUpdateResponse, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
      preHandler: requireCapability('manage-follow-up', inPath.school()),
    },
    async (request, reply) => {
      const { db, clock } = request.server.rollcall;
      const { schoolId } = request.params;
      const { weekEnding, pupilIds } = request.body;
      // Only pupils on this school's roll that week: an id from elsewhere names nobody here.
      const onRoll = new Set(
        (await listRoll(db, { schoolId, date: weekEnding })).map((entry) => entry.pupilId),
      );
      const strangers = pupilIds.filter((pupilId) => !onRoll.has(pupilId));
      if (strangers.length > 0)
        return sendProblem(
          reply,
          createProblem(
            'not-on-roll',
            `${String(strangers.length)} of the pupils are not on this school's roll on ${weekEnding}.`,
            {
              errors: strangers.map((pupilId) => ({
                field: 'body.pupilIds',
                message: `pupil ${String(pupilId)} is not on roll`,
              })),
            },
          ),
        );
      const queued = await queueWeeklyAttendanceUpdates(
        { db, clock },
        {
          schoolId,
          weekEnding,
          pupilIds,
          actorUserId: getSignedIn(request).session.actor.userId,
        },
      );
      if (!queued.ok) return sendProblem(reply, describeSetupProblem(queued.error));
      return {
        queued: queued.value.queued,
        unreachablePupilIds: [...queued.value.unreachablePupilIds],
        pupils: queued.value.figures.map((figures) => ({
          pupilId: figures.pupilId,
          trend: figures.trend,
          thisWeek: { attended: figures.thisWeek.attended, possible: figures.thisWeek.possible },
          lastWeek: { attended: figures.lastWeek.attended, possible: figures.lastWeek.possible },
        })),
      };
    },
  );
}
