import { useEffect, useState } from 'preact/hooks';
import type { ClassRegisterResponse } from '../../contracts/register.contract.ts';
import { getJson } from '../api-client.ts';

export type ClassRoll =
  | { readonly kind: 'loaded'; readonly register: ClassRegisterResponse }
  | { readonly kind: 'failed'; readonly error: unknown };

/**
 * The rolls of some classes on a day, one request per class: a lesson's pupils are on its
 * class's roll, so this names every pupil a list of lessons mentions. A class with no entry yet
 * is still loading.
 */
export function useClassRolls(
  classIds: readonly number[],
  date: string,
): ReadonlyMap<number, ClassRoll> {
  const [rolls, setRolls] = useState<ReadonlyMap<number, ClassRoll>>(new Map());
  const wanted = [...new Set(classIds)].sort((a, b) => a - b).join(',');
  useEffect(() => {
    let current = true;
    setRolls(new Map());
    for (const classId of wanted === '' ? [] : wanted.split(',').map(Number)) {
      const store = (roll: ClassRoll): void => {
        if (current) setRolls((known) => new Map(known).set(classId, roll));
      };
      getJson<ClassRegisterResponse>(
        `/api/classes/${String(classId)}/register?date=${date}&session=AM`,
      ).then(
        (register) => {
          store({ kind: 'loaded', register });
        },
        (error: unknown) => {
          store({ kind: 'failed', error });
        },
      );
    }
    return () => {
      current = false;
    };
  }, [wanted, date]);
  return rolls;
}
