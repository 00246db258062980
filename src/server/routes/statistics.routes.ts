import type { FastifyReply, FastifyRequest } from 'fastify';
import { AsOfQuery, IdInPath, SchoolParams } from '../../contracts/common.contract.ts';
import {
  DashboardQuery,
  DashboardResponse,
  SchoolGroupStatisticsResponse,
  SchoolStatisticsResponse,
} from '../../contracts/statistics.contract.ts';
import { can, type Reach } from '../../domain/access/access-policy.ts';
import {
  describeDashboard,
  describeSchoolsStatistics,
  describeSchoolStatistics,
} from '../../services/statistics-view.service.ts';
import { findTrustName, findLocalAuthorityName } from '../../store/register-view.repository.ts';
import {
  listSchoolsInLocalAuthority,
  listSchoolsInTrust,
  type School,
} from '../../store/school.repository.ts';
import { z } from 'zod';
import type { RollcallApp } from '../app.ts';
import { findActor, getSignedIn, inPath, requireCapability, requireSignIn } from '../auth.hooks.ts';
import { createProblem, problemResponses, sendProblem } from '../problem.ts';
import { canAlso, describeSetupProblem, findToday } from '../service-problems.ts';

const tags = ['statistics'];
const security = [{ session: [] }];
const problems = problemResponses(400, 401, 403, 404, 409);

export function registerStatisticsRoutes(app: RollcallApp): void {
  app.get(
    '/api/schools/:schoolId/statistics',
    {
      schema: {
        summary: "A school's attendance figures and alerts as of a date",
        description:
          'Whole school, per class, per year group and per cohort, and alerts grouped by rule. ' +
          'Pupils are named under alerts only for those who follow pupils up (manage-follow-up); ' +
          'everyone else, governors included, gets counts only. Needs view-aggregates.',
        tags,
        security,
        params: SchoolParams,
        querystring: AsOfQuery,
        response: { 200: SchoolStatisticsResponse, ...problems },
      },
      preHandler: requireCapability('view-aggregates', inPath.school()),
    },
    async (request, reply) => {
      const { schoolId } = request.params;
      const includePupils = await canAlso(request, 'manage-follow-up', {
        kind: 'school',
        schoolId,
      });
      const statistics = await describeSchoolStatistics(request.server.rollcall.db, {
        schoolId,
        asOf: request.query.asOf ?? findToday(request),
        includePupils,
      });
      if (!statistics.ok) return sendProblem(reply, describeSetupProblem(statistics.error));
      return statistics.value;
    },
  );

  app.get(
    '/api/schools/:schoolId/dashboard',
    {
      schema: {
        summary: "A school's, class's or year group's dashboard as of a date",
        description:
          'Year-to-date figures against the target, attendance by school week, absence by code ' +
          'and by day of the week, by cohort, and persistent and severe absentees (named only ' +
          'for manage-follow-up). Give classId or yearGroupId for one group. Needs view-aggregates.',
        tags,
        security,
        params: SchoolParams,
        querystring: DashboardQuery,
        response: { 200: DashboardResponse, ...problems },
      },
      preHandler: requireCapability('view-aggregates', inPath.school()),
    },
    async (request, reply) => {
      const { schoolId } = request.params;
      const { classId, yearGroupId, asOf } = request.query;
      const includePupils = await canAlso(request, 'manage-follow-up', {
        kind: 'school',
        schoolId,
      });
      const dashboard = await describeDashboard(request.server.rollcall.db, {
        schoolId,
        asOf: asOf ?? findToday(request),
        scope:
          classId !== undefined
            ? { kind: 'class', classId }
            : yearGroupId !== undefined
              ? { kind: 'year-group', yearGroupId }
              : { kind: 'school' },
        includePupils,
      });
      if (!dashboard.ok) {
        if (dashboard.error.kind === 'group-not-found')
          return sendProblem(
            reply,
            createProblem('not-found', 'There is no such class or year group in this school.'),
          );
        return sendProblem(reply, describeSetupProblem(dashboard.error));
      }
      return dashboard.value;
    },
  );

  app.get(
    '/api/trusts/:trustId/statistics',
    {
      schema: {
        summary: "A trust's figures: each school and the trust as a whole",
        description: 'Needs view-aggregates on every school of the trust.',
        tags,
        security,
        params: z.object({ trustId: IdInPath }),
        querystring: AsOfQuery,
        response: { 200: SchoolGroupStatisticsResponse, ...problems },
      },
      preHandler: requireSignIn,
    },
    async (request, reply) => {
      const { db } = request.server.rollcall;
      const { trustId } = request.params;
      const name = await findTrustName(db, trustId);
      if (name === undefined)
        return sendProblem(reply, createProblem('not-found', 'There is no trust with that id.'));
      return sendGroupStatistics(request, reply, {
        id: trustId,
        name,
        schools: await listSchoolsInTrust(db, trustId),
        isWholeReach: (reach) => reach.kind === 'trust' && reach.trustId === trustId,
        asOf: request.query.asOf,
      });
    },
  );

  app.get(
    '/api/local-authorities/:localAuthorityId/statistics',
    {
      schema: {
        summary: "A local authority's figures: each of its schools and the authority as a whole",
        description: "For the authority's officers: needs view-aggregates on every school in it.",
        tags,
        security,
        params: z.object({ localAuthorityId: IdInPath }),
        querystring: AsOfQuery,
        response: { 200: SchoolGroupStatisticsResponse, ...problems },
      },
      preHandler: requireSignIn,
    },
    async (request, reply) => {
      const { db } = request.server.rollcall;
      const { localAuthorityId } = request.params;
      const name = await findLocalAuthorityName(db, localAuthorityId);
      if (name === undefined)
        return sendProblem(
          reply,
          createProblem('not-found', 'There is no local authority with that id.'),
        );
      return sendGroupStatistics(request, reply, {
        id: localAuthorityId,
        name,
        schools: await listSchoolsInLocalAuthority(db, localAuthorityId),
        isWholeReach: (reach) =>
          reach.kind === 'local-authority' && reach.localAuthorityId === localAuthorityId,
        asOf: request.query.asOf,
      });
    },
  );
}

/**
 * Figures across schools are shown only to those who may see every one of them: a school's
 * head must not learn a sister school's figures through the trust's page.
 */
async function sendGroupStatistics(
  request: FastifyRequest,
  reply: FastifyReply,
  group: {
    id: number;
    name: string;
    schools: readonly School[];
    isWholeReach: (reach: Reach) => boolean;
    asOf: string | undefined;
  },
) {
  const actor = await findActor(request, getSignedIn(request));
  const mayView =
    group.schools.length === 0
      ? group.isWholeReach(actor.reach) && actor.role !== 'parent'
      : group.schools.every((school) =>
          can(actor, 'view-aggregates', {
            school: {
              id: school.id,
              trustId: school.trustId,
              localAuthorityId: school.localAuthorityId,
            },
          }),
        );
  if (!mayView)
    return sendProblem(
      reply,
      createProblem(
        'forbidden',
        `Your role (${actor.role}) does not allow view-aggregates for every school here.`,
      ),
    );
  const asOf = group.asOf ?? findToday(request);
  const statistics = await describeSchoolsStatistics(request.server.rollcall.db, {
    schools: group.schools,
    asOf,
  });
  if (!statistics.ok) return sendProblem(reply, describeSetupProblem(statistics.error));
  return reply.send({ id: group.id, name: group.name, asOf, ...statistics.value });
}
