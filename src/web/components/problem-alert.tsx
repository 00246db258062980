import type { FieldError } from '../../contracts/problem.contract.ts';
import { ApiProblem, NetworkFailure } from '../api-client.ts';

/** What went wrong, in words a person can act on, with per-field errors when there are any. */
export interface ShownError {
  readonly detail: string;
  readonly fields: readonly FieldError[];
}

/** Turns anything a request can throw into a message for the person using the page. */
export function describeError(error: unknown): ShownError {
  if (error instanceof ApiProblem) {
    return { detail: error.problem.detail, fields: error.problem.errors ?? [] };
  }
  if (error instanceof NetworkFailure) return { detail: error.message, fields: [] };
  return { detail: 'Something went wrong in this page. Reload it and try again.', fields: [] };
}

/** The message for one field ("body.email" or just "email"), if the server named it. */
export function findFieldError(error: ShownError | null, field: string): string | undefined {
  return error?.fields.find((candidate) => candidate.field.split('.').at(-1) === field)?.message;
}

/** An alert box; role="alert" so it is announced as soon as it appears. */
export function ProblemAlert(props: { error: ShownError | null; title?: string }) {
  const { error } = props;
  if (error === null) return null;
  return (
    <div class="alert alert-error" role="alert">
      <p class="alert-title">{props.title ?? 'There is a problem'}</p>
      <p>{error.detail}</p>
      {error.fields.length > 0 && (
        <ul>
          {error.fields.map((field) => (
            <li key={field.field}>{describeField(field)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

const fieldNames: Readonly<Record<string, string>> = {
  email: 'Email address',
  password: 'Password',
  currentPassword: 'Current password',
  newPassword: 'New password',
  reason: 'Reason',
};

function describeField(field: FieldError): string {
  const name = field.field.split('.').at(-1) ?? field.field;
  return `${fieldNames[name] ?? name}: ${field.message}`;
}
