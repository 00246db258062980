import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { ClassRegisterResponse } from '../../contracts/register.contract.ts';
import {
  describeReportedReason,
  findChoiceForKey,
  recordedChoice,
  suggestedChoice,
  type CodeChoice,
} from './register-codes.ts';

export type RegisterRow = ClassRegisterResponse['pupils'][number];

/** What the sheet reads of a row; a lesson register's rows carry no mark ids or reports. */
export interface SheetRow {
  readonly pupilId: number;
  readonly firstName: string;
  readonly lastName: string;
  readonly mark: { readonly code: string } | null;
  readonly absenceReport?: RegisterRow['absenceReport'];
}

/** The choices on one pupil's row: the teacher's codes plus a reported or recorded code. */
export function listRowChoices(
  row: SheetRow,
  teacherChoices: readonly CodeChoice[],
): readonly CodeChoice[] {
  const choices = [...teacherChoices];
  const suggested = row.absenceReport?.suggestedCode ?? null;
  if (suggested !== null && !choices.some((choice) => choice.code === suggested)) {
    choices.push(suggestedChoice(suggested, row.absenceReport?.reason ?? 'other'));
  }
  const recorded = row.mark?.code ?? null;
  if (recorded !== null && !choices.some((choice) => choice.code === recorded)) {
    choices.push(recordedChoice(recorded));
  }
  return choices;
}

export function formatPupilName(row: Pick<SheetRow, 'firstName' | 'lastName'>): string {
  return `${row.lastName}, ${row.firstName}`;
}

/**
 * The list of pupils in register order, built for the keyboard: one Tab stop for the whole
 * list, arrows or j/k between pupils, and a single key per mark that moves on to the next
 * pupil, so a register is a run of keystrokes.
 */
export function RegisterSheet<Row extends SheetRow>(props: {
  rows: readonly Row[];
  teacherChoices: readonly CodeChoice[];
  choices: ReadonlyMap<number, string | null>;
  focusIndex: number;
  /** Set when focus should follow focusIndex (keyboard moves), not on every render. */
  focusRequest: number;
  onChoose: (pupilId: number, code: string) => void;
  onFocusRow: (index: number, moveFocus: boolean) => void;
  /** More to say under a pupil's name, e.g. the lesson register's registration mark. */
  describeRow?: (row: Row) => ComponentChildren;
}) {
  const listRef = useRef<HTMLOListElement>(null);
  const { rows, focusIndex } = props;

  // A layout effect, not an effect: focus must move before the next key is handled, or a
  // fast typist's next mark would land on the pupil just marked.
  useLayoutEffect(() => {
    if (props.focusRequest === 0) return;
    listRef.current?.querySelector<HTMLButtonElement>('button[tabindex="0"]')?.focus();
  }, [props.focusRequest]);

  const handleKeyDown = (event: KeyboardEvent): void => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (!(target instanceof HTMLButtonElement) || target.dataset['row'] === undefined) return;
    const index = Number(target.dataset['row']);
    const row = rows[index];
    if (row === undefined) return;
    const rowIndex = moveTarget(event.key, index, rows.length);
    if (rowIndex !== null) {
      event.preventDefault();
      props.onFocusRow(rowIndex, true);
      return;
    }
    if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      event.preventDefault();
      const sibling =
        event.key === 'ArrowRight' ? target.nextElementSibling : target.previousElementSibling;
      if (sibling instanceof HTMLButtonElement) sibling.focus();
      return;
    }
    const choice = findChoiceForKey(listRowChoices(row, props.teacherChoices), event.key);
    if (choice === undefined) return;
    event.preventDefault();
    props.onChoose(row.pupilId, choice.code);
    if (index < rows.length - 1) props.onFocusRow(index + 1, true);
  };

  return (
    <ol
      class="register-list"
      ref={listRef}
      aria-label="Pupils in register order"
      aria-describedby="register-keys"
      onKeyDown={handleKeyDown}
    >
      {rows.map((row, index) => {
        const chosen = props.choices.get(row.pupilId) ?? null;
        const choices = listRowChoices(row, props.teacherChoices);
        const tabStopCode =
          choices.find((choice) => choice.code === chosen)?.code ?? choices[0]?.code;
        const nameId = `pupil-${String(row.pupilId)}`;
        return (
          <li
            key={row.pupilId}
            class={`register-row${chosen === null ? ' register-row-unmarked' : ''}`}
            data-code={chosen ?? ''}
          >
            <div role="group" aria-labelledby={nameId} class="register-row-inner">
              <div class="pupil">
                <span class="pupil-name" id={nameId}>
                  {formatPupilName(row)}
                </span>
                {props.describeRow?.(row)}
                {row.absenceReport != null && (
                  <span class="report-note">
                    Reported absent by a parent: {describeReportedReason(row.absenceReport.reason)}
                  </span>
                )}
              </div>
              <div class="code-choices">
                {choices.map((choice) => (
                  <button
                    key={choice.code}
                    type="button"
                    class="code-button"
                    data-row={index}
                    data-code={choice.code}
                    aria-pressed={choice.code === chosen}
                    tabIndex={index === focusIndex && choice.code === tabStopCode ? 0 : -1}
                    title={choice.meaning}
                    onFocus={() => {
                      if (index !== focusIndex) props.onFocusRow(index, false);
                    }}
                    onClick={() => {
                      props.onChoose(row.pupilId, choice.code);
                    }}
                  >
                    <span class="code-symbol" aria-hidden="true">
                      {choice.code}
                    </span>
                    <span class="code-label">{choice.label}</span>
                  </button>
                ))}
              </div>
            </div>
          </li>
        );
      })}
    </ol>
  );
}

/** The row a movement key goes to, or null for a key that does not move. */
function moveTarget(key: string, index: number, count: number): number | null {
  const clamp = (next: number): number => Math.max(0, Math.min(count - 1, next));
  switch (key) {
    case 'ArrowDown':
    case 'j':
      return clamp(index + 1);
    case 'ArrowUp':
    case 'k':
      return clamp(index - 1);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}
