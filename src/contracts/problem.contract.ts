import { z } from 'zod';

/** Where problem type URIs live; each type is stable once published. */
export const problemTypeBase = 'https://rollcall.example/problems/';

export const FieldError = z.object({
  field: z.string().describe('Where the fault is: "body.email", "query.date", "params.pupilId"'),
  message: z.string(),
});
export type FieldError = z.infer<typeof FieldError>;

/** An RFC 9457 problem response body (application/problem+json). */
export const Problem = z.object({
  type: z.string().describe('A stable URI naming the kind of problem'),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  requestId: z.string().optional().describe('Quote this when reporting a fault'),
  errors: z.array(FieldError).optional(),
});
export type Problem = z.infer<typeof Problem>;
