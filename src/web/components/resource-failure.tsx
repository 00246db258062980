import { ApiProblem } from '../api-client.ts';
import { NotAllowedPage } from '../pages/not-allowed.page.tsx';
import { NotFoundPage } from '../pages/not-found.page.tsx';
import { ProblemAlert, describeError } from './problem-alert.tsx';

/** What a page shows instead of itself when its data could not be loaded. */
export function ResourceFailure(props: { error: unknown; heading: string }) {
  const { error } = props;
  if (error instanceof ApiProblem && error.status === 403) {
    return <NotAllowedPage detail={error.problem.detail} />;
  }
  if (error instanceof ApiProblem && error.status === 404) {
    return <NotFoundPage detail={error.problem.detail} />;
  }
  return (
    <div class="narrow">
      <h1>{props.heading}</h1>
      <ProblemAlert error={describeError(error)} title="This page could not be loaded" />
    </div>
  );
}

export function Loading(props: { what: string }) {
  return (
    <p class="loading" aria-busy="true">
      Loading {props.what}…
    </p>
  );
}
