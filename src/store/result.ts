// One error model across the project: repositories use the domain's Result, under the names
// they were written with.
export type { Result } from '../domain/result.ts';
export { err as fail, ok as succeed } from '../domain/result.ts';
