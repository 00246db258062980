import { SchoolParams } from '../../contracts/common.contract.ts';
import { exportSchoolScenario } from '../../services/school-statistics.service.ts';
import type { RollcallApp } from '../app.ts';
import { inPath, requireCapability } from '../auth.hooks.ts';
import { problemResponses, sendProblem } from '../problem.ts';
import { describeSetupProblem } from '../service-problems.ts';

// A plain JSON schema, not zod: the body is YAML text, sent as it is.
const ScenarioYaml = {
  description: 'The scenario file (rollcall scenario format), as YAML',
  content: { 'application/yaml': { schema: { type: 'string' } } },
} as const;

export function registerSchoolRoutes(app: RollcallApp): void {
  app.get(
    '/api/schools/:schoolId/export/scenario',
    {
      schema: {
        summary: "The school's stored register as a scenario file",
        description:
          '`rollcall evaluate` on this file gives the same answers as the statistics endpoint. ' +
          'It names every pupil, so it needs export-register (admin, headteacher, attendance lead).',
        tags: ['schools'],
        security: [{ session: [] }],
        params: SchoolParams,
        response: { 200: ScenarioYaml, ...problemResponses(400, 401, 403, 404, 409) },
      },
      preHandler: requireCapability('export-register', inPath.school()),
    },
    async (request, reply) => {
      const exported = await exportSchoolScenario(
        request.server.rollcall.db,
        request.params.schoolId,
      );
      if (!exported.ok) return sendProblem(reply, describeSetupProblem(exported.error));
      return reply
        .type('application/yaml; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="school-${request.params.schoolId}.yaml"`,
        )
        .send(exported.value.scenario);
    },
  );
}
