import { useEffect, useRef, useState } from 'preact/hooks';
import type { PupilProfileResponse } from '../../contracts/pupil.contract.ts';
import { getJson } from '../api-client.ts';

export type PupilLookup =
  | { readonly kind: 'loaded'; readonly profile: PupilProfileResponse }
  | { readonly kind: 'failed'; readonly error: unknown };

/**
 * The profiles (name, class, contacts) of the pupils a work list names, each fetched once
 * however many of its tasks name the pupil and however often the list reloads; a pupil with no
 * entry yet is still loading.
 */
export function usePupilProfiles(pupilIds: readonly number[]): ReadonlyMap<number, PupilLookup> {
  const [lookups, setLookups] = useState<ReadonlyMap<number, PupilLookup>>(new Map());
  const requested = useRef(new Set<number>());
  const mounted = useRef(true);
  const wanted = [...new Set(pupilIds)].sort((a, b) => a - b).join(',');
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );
  useEffect(() => {
    const store = (pupilId: number, lookup: PupilLookup): void => {
      if (mounted.current) setLookups((known) => new Map(known).set(pupilId, lookup));
    };
    for (const pupilId of wanted === '' ? [] : wanted.split(',').map(Number)) {
      if (requested.current.has(pupilId)) continue;
      requested.current.add(pupilId);
      getJson<PupilProfileResponse>(`/api/pupils/${String(pupilId)}`).then(
        (profile) => {
          store(pupilId, { kind: 'loaded', profile });
        },
        (error: unknown) => {
          store(pupilId, { kind: 'failed', error });
        },
      );
    }
  }, [wanted]);
  return lookups;
}
