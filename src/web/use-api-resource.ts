import { useEffect, useState } from 'preact/hooks';
import { getJson } from './api-client.ts';

export type Resource<T> =
  | { readonly kind: 'loading' }
  | { readonly kind: 'loaded'; readonly value: T }
  | { readonly kind: 'failed'; readonly error: unknown };

/**
 * Loads a GET endpoint; reloads when the path changes (or `reloadKey`, after a change the page
 * made) and ignores answers that come too late.
 */
export function useApiResource<T>(path: string | null, reloadKey = 0): Resource<T> {
  const [resource, setResource] = useState<Resource<T>>({ kind: 'loading' });
  useEffect(() => {
    if (path === null) return undefined;
    let current = true;
    setResource({ kind: 'loading' });
    getJson<T>(path).then(
      (value) => {
        if (current) setResource({ kind: 'loaded', value });
      },
      (error: unknown) => {
        if (current) setResource({ kind: 'failed', error });
      },
    );
    return () => {
      current = false;
    };
  }, [path, reloadKey]);
  return resource;
}
