import type { Problem } from '../../contracts/problem.contract.ts';
import { ApiProblem, NetworkFailure } from '../api-client.ts';

/**
 * POSTs to an endpoint that answers with a PDF (a letter preview) and returns the document;
 * a refusal comes back as the server's problem, as callApi does for JSON.
 */
export async function postForPdf(path: string, body: unknown, csrfToken: string): Promise<Blob> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        accept: 'application/pdf, application/problem+json',
        'content-type': 'application/json',
        'x-csrf-token': csrfToken,
      },
      body: JSON.stringify(body),
    });
  } catch (error) {
    throw new NetworkFailure(error);
  }
  if (response.ok) return response.blob();
  let problem: unknown;
  try {
    problem = await response.json();
  } catch {
    problem = undefined;
  }
  if (typeof problem === 'object' && problem !== null && 'detail' in problem)
    throw new ApiProblem(problem as Problem & Record<string, unknown>);
  throw new ApiProblem({
    type: 'about:blank',
    title: 'Error',
    status: response.status,
    detail: `The server could not produce the PDF (status ${String(response.status)}).`,
  });
}
