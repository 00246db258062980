import { useRef } from 'preact/hooks';
import { useApiResource, type Resource } from '../use-api-resource.ts';

/**
 * Like useApiResource, but a reload after a change keeps showing the last answer until the
 * new one arrives, so forms beside it keep their state and focus.
 */
export function useKeptResource<T>(path: string | null, reloadKey: number): Resource<T> {
  const resource = useApiResource<T>(path, reloadKey);
  const last = useRef<{ path: string | null; value: T } | null>(null);
  if (resource.kind === 'loaded') last.current = { path, value: resource.value };
  if (resource.kind === 'loading' && last.current !== null && last.current.path === path)
    return { kind: 'loaded', value: last.current.value };
  return resource;
}
