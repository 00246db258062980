import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, FastifySchema } from 'fastify';
import { z } from 'zod';
import { sessionCookieName } from '../contracts/auth.contract.ts';
import { Problem } from '../contracts/problem.contract.ts';

/**
 * Generates the OpenAPI document from the routes' own zod schemas, so the documentation is
 * the validation. Register before any route: the generator collects routes as they are added.
 */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Rollcall API',
        version: '0.1.0',
        description:
          'The attendance register over HTTP. Sign in with POST /api/auth/login; send the ' +
          'csrfToken it returns as X-CSRF-Token on every POST, PUT, PATCH and DELETE. ' +
          'Errors are RFC 9457 problem documents.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: sessionCookieName },
        },
      },
    },
    transform: ({ schema, url }) => ({ schema: toJsonSchemas(schema), url }),
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());
}

type SchemaPart = 'body' | 'querystring' | 'params' | 'headers';
const requestParts: readonly SchemaPart[] = ['body', 'querystring', 'params', 'headers'];

function toJsonSchemas(schema: FastifySchema | undefined): FastifySchema {
  if (schema === undefined) return {};
  const converted: FastifySchema = { ...schema };
  for (const part of requestParts) {
    const value = schema[part];
    if (value instanceof z.ZodType) converted[part] = toJsonSchema(value, 'input');
  }
  if (typeof schema.response === 'object' && schema.response !== null) {
    converted.response = Object.fromEntries(
      Object.entries(schema.response).map(([status, value]) => [
        status,
        value instanceof z.ZodType ? toResponse(value) : value,
      ]),
    );
  }
  return converted;
}

function toResponse(schema: z.ZodType): unknown {
  const json = toJsonSchema(schema, 'output');
  return schema === Problem
    ? { description: 'A problem', content: { 'application/problem+json': { schema: json } } }
    : json;
}

function toJsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  return z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' });
}
