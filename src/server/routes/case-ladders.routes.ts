import { CaseLadderList } from '../../contracts/casework.contract.ts';
import { SchoolParams } from '../../contracts/common.contract.ts';
import { listSchoolCaseLadders } from '../../services/case-ladder.service.ts';
import type { RollcallApp } from '../app.ts';
import { inPath, requireCapability } from '../auth.hooks.ts';
import { problemResponses, sendProblem } from '../problem.ts';
import { describeSetupProblem } from '../service-problems.ts';

export function registerCaseLadderRoutes(app: RollcallApp): void {
  app.get(
    '/api/schools/:schoolId/case-ladders',
    {
      schema: {
        summary: 'The escalation ladders a case can follow, and the one the school’s policy uses',
        description:
          "Wigston's six stages and Roch's five steps, each stage with its title. Needs " +
          'manage-follow-up.',
        tags: ['cases'],
        security: [{ session: [] }],
        params: SchoolParams,
        response: { 200: CaseLadderList, ...problemResponses(400, 401, 403, 404) },
      },
      preHandler: requireCapability('manage-follow-up', inPath.school()),
    },
    async (request, reply) => {
      const listed = await listSchoolCaseLadders(
        request.server.rollcall.db,
        request.params.schoolId,
      );
      if (!listed.ok) return sendProblem(reply, describeSetupProblem(listed.error));
      return {
        ladders: listed.value.ladders.map((ladder) => ({
          id: ladder.id,
          title: ladder.title,
          stages: ladder.stages.map((stage) => ({ stage: stage.stage, title: stage.title })),
        })),
        schoolLadder: listed.value.schoolLadder,
      };
    },
  );
}
