import type {
  FastifySchemaCompiler,
  FastifySerializerCompiler,
  FastifyTypeProvider,
} from 'fastify';
import type { z } from 'zod';
import type { FieldError } from '../contracts/problem.contract.ts';

/** Lets route handlers see the parsed types of the zod schemas their routes declare. */
export interface ZodTypeProvider extends FastifyTypeProvider {
  readonly validator: this['schema'] extends z.ZodType ? z.output<this['schema']> : unknown;
  readonly serializer: this['schema'] extends z.ZodType ? z.input<this['schema']> : unknown;
}

/** A request part that failed its schema, one entry per faulty field. */
export class RequestValidationError extends Error {
  readonly statusCode = 400;
  constructor(readonly errors: readonly FieldError[]) {
    super('request validation failed');
  }
}

// Fastify names the query string "querystring"; clients know it as the query.
const partNames: Readonly<Record<string, string>> = { querystring: 'query' };

/**
 * Validates body, query, params and headers with the route's zod schemas before the handler
 * runs; a failure reaches the error handler, which answers with a validation problem.
 */
export const validateWithZod: FastifySchemaCompiler<z.ZodType> = ({ schema, httpPart }) => {
  const part = partNames[httpPart ?? ''] ?? httpPart ?? 'request';
  return (data: unknown) => {
    const result = schema.safeParse(data);
    if (result.success) return { value: result.data };
    return {
      error: new RequestValidationError(
        result.error.issues.map((issue) => ({
          field: [part, ...issue.path.map(String)].join('.'),
          message: issue.message,
        })),
      ),
    };
  };
};

// Response schemas document the API; handlers are typed against them, so they are not
// re-validated on the way out.
export const serialiseAsJson: FastifySerializerCompiler<z.ZodType> = () => (data) =>
  JSON.stringify(data);
