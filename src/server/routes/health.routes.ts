import { HealthResponse } from '../../contracts/health.contract.ts';
import { Problem } from '../../contracts/problem.contract.ts';
import { checkDatabase } from '../../services/health.service.ts';
import type { RollcallApp } from '../app.ts';
import { createProblem, sendProblem } from '../problem.ts';

export function registerHealthRoutes(app: RollcallApp): void {
  app.get(
    '/api/health',
    {
      schema: {
        summary: 'Whether the server and its database are answering',
        tags: ['health'],
        response: { 200: HealthResponse, 503: Problem },
      },
    },
    async (request, reply) => {
      if (!(await checkDatabase(request.server.rollcall.db))) {
        return sendProblem(
          reply,
          createProblem('unavailable', 'The database is not answering; try again shortly.'),
        );
      }
      return { status: 'ok', database: 'ok' } as const;
    },
  );
}
