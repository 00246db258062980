import { PupilParams, SchoolParams } from '../../contracts/common.contract.ts';
import {
  FollowUpContactBody,
  FollowUpContactResponse,
  FollowUpTaskList,
  FollowUpTaskParams,
  FollowUpTasksQuery,
  TaskCompletionBody,
  TaskCompletionResponse,
} from '../../contracts/follow-up.contract.ts';
import {
  completeFirstDayTask,
  recordFollowUpContact,
  refreshFirstDayTasks,
} from '../../services/first-day-response.service.ts';
import { findFollowUpTask } from '../../store/follow-up-task.repository.ts';
import type { RollcallApp } from '../app.ts';
import { getSignedIn, inPath, readPathId, requireCapability } from '../auth.hooks.ts';
import { canActOnPupilAt } from '../follow-up-access.ts';
import { createProblem, problemResponses, sendProblem } from '../problem.ts';
import { describeSetupProblem } from '../service-problems.ts';

const tags = ['first-day response'];
const security = [{ session: [] }];

export function registerFollowUpTaskRoutes(app: RollcallApp): void {
  app.get(
    '/api/schools/:schoolId/follow-up-tasks',
    {
      schema: {
        summary: "The first-day response tasks due on a day, created from the day's N marks",
        description:
          "Each pupil still unexplained gets the steps of the school's workflow due by this day " +
          'of their absence; steps left undone past their day are escalated (overdue). Needs ' +
          'record-absence-reason.',
        tags,
        security,
        params: SchoolParams,
        querystring: FollowUpTasksQuery,
        response: { 200: FollowUpTaskList, ...problemResponses(400, 401, 403, 404, 409) },
      },
      preHandler: requireCapability('record-absence-reason', inPath.school()),
    },
    async (request, reply) => {
      const { db, clock } = request.server.rollcall;
      const { schoolId } = request.params;
      const tasks = await refreshFirstDayTasks(
        { db, clock },
        {
          schoolId,
          date: request.query.date,
          actorUserId: getSignedIn(request).session.actor.userId,
        },
      );
      if (!tasks.ok) return sendProblem(reply, describeSetupProblem(tasks.error));
      return {
        schoolId,
        date: request.query.date,
        tasks: tasks.value.map((view) => ({
          id: view.task.id,
          pupilId: view.task.pupilId,
          workflow: view.task.workflow,
          step: view.task.step,
          title: view.title,
          absenceDay: view.task.absenceDay,
          absenceDays: view.absenceDays,
          absenceStartedOn: view.task.absenceStartedOn,
          dueOn: view.task.dueOn,
          assignedRole: view.task.assignedRole,
          escalateToRole: view.task.escalateToRole,
          overdue: view.overdue,
          escalatedAt: view.task.escalatedAt?.toISOString() ?? null,
        })),
      };
    },
  );

  app.post(
    '/api/pupils/:pupilId/follow-up-contacts',
    {
      schema: {
        summary: 'Record a call or message for the first-day response, and what came of it',
        description:
          'Completes the calling tasks due today; a reached contact who gives a reason turns ' +
          "the run's N marks into that reason's code. Needs record-absence-reason.",
        tags,
        security,
        params: PupilParams,
        body: FollowUpContactBody,
        response: {
          201: FollowUpContactResponse,
          ...problemResponses(400, 401, 403, 404, 409, 422),
        },
      },
      preHandler: requireCapability('record-absence-reason', inPath.pupil()),
    },
    async (request, reply) => {
      const { db, clock } = request.server.rollcall;
      const { pupilId } = request.params;
      const body = request.body;
      if (!(await canActOnPupilAt(request, 'record-absence-reason', pupilId, body.schoolId)))
        return sendProblem(
          reply,
          createProblem('forbidden', 'You cannot follow up this pupil at that school.'),
        );
      const outcome = await recordFollowUpContact(
        { db, clock },
        {
          schoolId: body.schoolId,
          pupilId,
          contactId: body.contactId ?? null,
          outcome: body.outcome,
          note: body.note ?? null,
          reason: body.reason ?? null,
          madeBy: getSignedIn(request).session.actor.userId,
        },
      );
      if (outcome.ok)
        return reply.code(201).send({
          contactAttemptId: outcome.value.attempt.id,
          completedTaskIds: [...outcome.value.completedTaskIds],
          resolvedMarks: outcome.value.resolvedMarks,
        });
      const error = outcome.error;
      switch (error.kind) {
        case 'contact-not-of-pupil':
          return sendProblem(
            reply,
            createProblem('validation', 'That contact is not one of this pupil’s contacts.', {
              errors: [
                {
                  field: 'body.contactId',
                  message: `contact ${error.contactId} is not the pupil's`,
                },
              ],
            }),
          );
        case 'reason-needs-contact':
          return sendProblem(
            reply,
            createProblem('validation', `${error.message}.`, {
              errors: [{ field: 'body.reason', message: error.message }],
            }),
          );
        default:
          return sendProblem(reply, describeSetupProblem(error));
      }
    },
  );

  app.post(
    '/api/follow-up-tasks/:taskId/completion',
    {
      schema: {
        summary: 'Record a first-day step done (email home, home visit, referral) and its outcome',
        description: 'Needs record-absence-reason on the pupil at the task’s school.',
        tags,
        security,
        params: FollowUpTaskParams,
        body: TaskCompletionBody,
        response: { 200: TaskCompletionResponse, ...problemResponses(400, 401, 403, 404, 409) },
      },
      preHandler: requireCapability('record-absence-reason', async (request) => {
        const task = await findFollowUpTask(
          request.server.rollcall.db,
          readPathId(request, 'taskId'),
        );
        return task && { kind: 'pupil', pupilId: task.pupilId };
      }),
    },
    async (request, reply) => {
      const { db, clock } = request.server.rollcall;
      const task = await findFollowUpTask(db, request.params.taskId);
      if (
        !task ||
        !(await canActOnPupilAt(request, 'record-absence-reason', task.pupilId, task.schoolId))
      )
        return sendProblem(reply, createProblem('not-found', 'There is no task with that id.'));
      const outcome = await completeFirstDayTask(
        { db, clock },
        {
          taskId: task.id,
          doneBy: getSignedIn(request).session.actor.userId,
          outcome: request.body.outcome,
        },
      );
      if (!outcome.ok)
        return sendProblem(
          reply,
          outcome.error.kind === 'task-not-found'
            ? createProblem('not-found', 'There is no task with that id.')
            : createProblem('version-conflict', 'Someone has already recorded this task as done.'),
        );
      return {
        id: outcome.value.id,
        step: outcome.value.step,
        doneAt: (outcome.value.doneAt ?? clock.now()).toISOString(),
        outcome: outcome.value.outcome ?? '',
      };
    },
  );
}
