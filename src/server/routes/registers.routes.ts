import type { FastifyReply, FastifyRequest } from 'fastify';
import { ClassParams, SchoolParams } from '../../contracts/common.contract.ts';
import type { FieldError } from '../../contracts/problem.contract.ts';
import {
  ClassRegisterResponse,
  idempotencyHeaderName,
  RegisterConflictProblem,
  RegisterQuery,
  SchoolRegistersResponse,
  TakeRegisterHeaders,
  TakeRegisterRequest,
  TakeRegisterResponse,
} from '../../contracts/register.contract.ts';
import { can, listCapabilities } from '../../domain/access/access-policy.ts';
import { takeRegister, type TakeRegisterError } from '../../services/register.service.ts';
import {
  listSchoolRegisters,
  loadClassRegister,
} from '../../services/register-overview.service.ts';
import { listRoll } from '../../store/pupil.repository.ts';
import { listSessionMarks } from '../../store/register-view.repository.ts';
import type { RollcallApp } from '../app.ts';
import {
  findAccessTargetsOnce,
  findActor,
  getSignedIn,
  inPath,
  requireCapability,
} from '../auth.hooks.ts';
import { createProblem, createProblemWith, problemResponses, sendProblem } from '../problem.ts';
import { canAlso, describeSetupProblem, describeUnexpected } from '../service-problems.ts';

const tags = ['registers'];
const security = [{ session: [] }];

export function registerRegisterRoutes(app: RollcallApp): void {
  app.get(
    '/api/schools/:schoolId/registers',
    {
      schema: {
        summary: 'The session registers to take on a day, each with whether it is taken',
        description:
          'Lists registration classes of the academic year holding the date. A teacher sees only ' +
          'their own classes. Needs view-school, and view-pupil-list for the classes listed.',
        tags,
        security,
        params: SchoolParams,
        querystring: RegisterQuery,
        response: { 200: SchoolRegistersResponse, ...problemResponses(400, 401, 403, 404) },
      },
      preHandler: requireCapability('view-school', inPath.school()),
    },
    async (request, reply) => {
      const { db } = request.server.rollcall;
      const actor = await findActor(request, getSignedIn(request));
      // Governors see figures, never the registers of named children.
      if (!listCapabilities(actor.role).includes('view-pupil-list'))
        return sendProblem(
          reply,
          createProblem('forbidden', `Your role (${actor.role}) does not allow view-pupil-list.`),
        );
      const [target] = await findAccessTargetsOnce(request, inPath.school()(request));
      const registers = (
        await listSchoolRegisters(db, {
          schoolId: request.params.schoolId,
          date: request.query.date,
          session: request.query.session,
          onlyClassIds: null,
        })
      ).filter(
        (register) =>
          target !== undefined &&
          can(actor, 'view-pupil-list', { ...target, classIds: [register.classId] }),
      );
      return {
        schoolId: request.params.schoolId,
        date: request.query.date,
        session: request.query.session,
        registers,
      };
    },
  );

  app.get(
    '/api/classes/:classId/register',
    {
      schema: {
        summary: "A class's register for one session: pupils, current marks, reported absences",
        description:
          'Pupils on roll that day in register order. Needs view-pupil-list on the class.',
        tags,
        security,
        params: ClassParams,
        querystring: RegisterQuery,
        response: { 200: ClassRegisterResponse, ...problemResponses(400, 401, 403, 404) },
      },
      preHandler: requireCapability('view-pupil-list', inPath.class()),
    },
    async (request, reply) => {
      const loaded = await loadClassRegister(request.server.rollcall.db, {
        classId: request.params.classId,
        ...request.query,
      });
      if (!loaded.ok)
        return sendProblem(reply, createProblem('not-found', 'There is no class with that id.'));
      return loaded.value;
    },
  );

  app.put(
    '/api/classes/:classId/register',
    {
      schema: {
        summary: "Take (or retake) a class's register for one session",
        description:
          'Send a fresh Idempotency-Key per submission and the same key when retrying it: a ' +
          'retry answers as the first submission did and writes nothing more. Each entry may ' +
          'carry expectedVersion (null: no mark yet); a stale one answers 409 with the current ' +
          'marks and writes nothing. Teachers record / \\ L U N (or the code of a reported ' +
          'absence). Needs take-register on the class.',
        tags,
        security,
        params: ClassParams,
        headers: TakeRegisterHeaders,
        body: TakeRegisterRequest,
        response: {
          200: TakeRegisterResponse,
          409: RegisterConflictProblem,
          ...problemResponses(400, 401, 403, 404, 422),
        },
      },
      preHandler: requireCapability('take-register', inPath.class()),
    },
    async (request, reply) => {
      const { db, clock, calendars, registerWrites } = request.server.rollcall;
      const signedIn = getSignedIn(request);
      // The guard found the class's school already; this reuses its answer.
      const [target] = await findAccessTargetsOnce(request, inPath.class()(request));
      if (target === undefined)
        return sendProblem(reply, createProblem('not-found', 'There is no class with that id.'));
      const schoolClass = { id: request.params.classId, schoolId: target.school.id };
      const body = request.body;
      const key = request.headers[idempotencyHeaderName];
      const outcome = await takeRegister(
        { db, clock, calendars, registerWrites },
        {
          schoolId: schoolClass.schoolId,
          classId: schoolClass.id,
          date: body.date,
          session: body.session,
          entries: body.entries,
          recordedBy: signedIn.session.user.id,
          recorder: { name: signedIn.session.user.displayName, role: signedIn.session.user.role },
          // Those who may record reasons for absence may enter any code; class teachers may not.
          teacherCodesOnly: !(await canAlso(request, 'record-absence-reason', {
            kind: 'school',
            schoolId: schoolClass.schoolId,
          })),
          reason: body.reason ?? null,
          idempotencyKey: typeof key === 'string' ? key : null,
        },
      );
      if (outcome.ok) return { ...outcome.value, marks: [...outcome.value.marks] };
      return sendTakeRegisterProblem(request, reply, {
        error: outcome.error,
        schoolId: schoolClass.schoolId,
        classId: schoolClass.id,
        body,
      });
    },
  );
}

async function sendTakeRegisterProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  context: {
    error: TakeRegisterError;
    schoolId: number;
    classId: number;
    body: TakeRegisterRequest;
  },
): Promise<FastifyReply> {
  const { error, body } = context;
  const { db } = request.server.rollcall;
  const entryIndex = new Map(body.entries.map((entry, index) => [entry.pupilId, index]));
  // Names only of this class's pupils: an id from elsewhere must not reveal whose it is.
  const names = new Map(
    (
      await listRoll(db, { schoolId: context.schoolId, date: body.date, classId: context.classId })
    ).map((entry) => [entry.pupilId, `${entry.displayFirstName} ${entry.displayLastName}`]),
  );
  const describePupil = (pupilId: number) =>
    names.has(pupilId) ? `${names.get(pupilId) ?? ''} (pupil ${pupilId})` : `pupil ${pupilId}`;
  const entryField = (pupilId: number, field: string) =>
    `body.entries.${entryIndex.get(pupilId) ?? '?'}.${field}`;
  switch (error.kind) {
    case 'school-not-found':
    case 'calendar-invalid':
      return sendProblem(reply, describeSetupProblem(error));
    case 'not-a-school-day':
      return sendProblem(
        reply,
        createProblem(
          'not-a-school-day',
          `${error.date} is not a school day at this school (${error.why}); choose a school day.`,
          { errors: [{ field: 'body.date', message: error.why }] },
        ),
      );
    case 'future-date':
      return sendProblem(
        reply,
        createProblem(
          'future-date',
          `${error.date} is after today (${error.today}); a register is taken on the day or later.`,
          { errors: [{ field: 'body.date', message: `must be ${error.today} or earlier` }] },
        ),
      );
    case 'invalid-codes': {
      const errors: FieldError[] = error.problems.map((problem) => ({
        field: entryField(problem.pupilId, 'code'),
        message: `${describePupil(problem.pupilId)}: ${problem.message}`,
      }));
      return sendProblem(
        reply,
        createProblem(
          'invalid-codes',
          `Correct the codes and submit again; nothing was recorded. ${errors.map((e) => e.message).join('. ')}.`,
          { errors },
        ),
      );
    }
    case 'not-on-roll':
      return sendProblem(
        reply,
        createProblem(
          'not-on-roll',
          `Pupils ${error.pupilIds.join(', ')} are not on this class's roll on ${body.date}; remove them and submit again. Nothing was recorded.`,
          {
            errors: error.pupilIds.map((pupilId) => ({
              field: entryField(pupilId, 'pupilId'),
              message: `pupil ${pupilId} is not on this class's roll on ${body.date}`,
            })),
          },
        ),
      );
    case 'idempotency-key-reused':
      return sendProblem(
        reply,
        createProblem(
          'idempotency-key-reused',
          'This Idempotency-Key was already used for a different register submission. Send a new key for a new submission.',
        ),
      );
    case 'version-conflict': {
      const current = new Map(
        (
          await listSessionMarks(db, {
            schoolId: context.schoolId,
            date: body.date,
            session: body.session,
          })
        ).map((mark) => [mark.pupilId, mark]),
      );
      return sendProblem(
        reply,
        createProblemWith(
          'version-conflict',
          `Someone recorded marks for ${error.conflicts.map((c) => describePupil(c.pupilId)).join(', ')} since you loaded the register. Nothing was recorded: review the current marks and submit again.`,
          {
            conflicts: error.conflicts.map((conflict) => {
              const mark = current.get(conflict.pupilId);
              return {
                pupilId: conflict.pupilId,
                expectedVersion: conflict.expectedVersion,
                current:
                  mark === undefined
                    ? null
                    : { markId: mark.markId, code: mark.code, version: mark.version },
              };
            }),
          },
        ),
      );
    }
    case 'reason-required':
      return sendProblem(
        reply,
        createProblem(
          'reason-required',
          `The submission changes marks already recorded for ${error.pupilIds.map(describePupil).join(', ')}; say why in "reason". Nothing was recorded.`,
          { errors: [{ field: 'body.reason', message: 'say why recorded marks are changing' }] },
        ),
      );
    case 'duplicate-pupil':
      return sendProblem(
        reply,
        createProblem('validation', 'Send one mark per pupil.', {
          errors: error.pupilIds.map((pupilId) => ({
            field: entryField(pupilId, 'pupilId'),
            message: `pupil ${pupilId} appears more than once`,
          })),
        }),
      );
    case 'unknown-user':
      return sendProblem(
        reply,
        describeUnexpected(request, 'register recorded by an unknown user'),
      );
  }
}
