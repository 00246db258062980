import { useState } from 'preact/hooks';
import { announce } from '../status-announcer.ts';
import { formatPupilName, type SheetRow } from './register-sheet.tsx';

/**
 * The marking state of a register sheet, shared by session and lesson registers: the code
 * chosen for each pupil, the row with the keyboard focus, and the form's problem line.
 */
export function useRegisterMarking(
  rows: readonly SheetRow[],
  initialChoices: () => Map<number, string | null>,
  presentCode: string,
) {
  const [choices, setChoices] = useState(initialChoices);
  const [focusIndex, setFocusIndex] = useState(0);
  const [focusRequest, setFocusRequest] = useState(0);
  const [formProblem, setFormProblem] = useState<string | null>(null);

  const choose = (pupilId: number, code: string): void => {
    setChoices((previous) => new Map(previous).set(pupilId, code));
    setFormProblem(null);
  };

  const markAllPresent = (): void => {
    const next = new Map(choices);
    let marked = 0;
    for (const row of rows) {
      if ((next.get(row.pupilId) ?? null) === null) {
        next.set(row.pupilId, presentCode);
        marked += 1;
      }
    }
    setChoices(next);
    announce(
      marked === 0
        ? 'Every pupil already has a mark.'
        : `Marked ${String(marked)} ${marked === 1 ? 'pupil' : 'pupils'} present.`,
    );
  };

  const focusRow = (index: number, moveFocus: boolean): void => {
    setFocusIndex(index);
    if (moveFocus) setFocusRequest((request) => request + 1);
  };

  /** Whether pupils are still unmarked; if so, names the first few and moves to the first. */
  const refuseUnmarked = (): boolean => {
    const pending = rows.filter((row) => (choices.get(row.pupilId) ?? null) === null);
    const firstUnmarked = pending[0];
    if (firstUnmarked === undefined) return false;
    const names = pending.slice(0, 3).map(formatPupilName).join('; ');
    const more = pending.length > 3 ? ` and ${String(pending.length - 3)} more` : '';
    setFormProblem(`Give every pupil a mark before sending. Not marked yet: ${names}${more}.`);
    focusRow(rows.indexOf(firstUnmarked), true);
    return true;
  };

  return {
    choices,
    choose,
    markAllPresent,
    focusIndex,
    focusRequest,
    focusRow,
    formProblem,
    setFormProblem,
    refuseUnmarked,
  };
}
