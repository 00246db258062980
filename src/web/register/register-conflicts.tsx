import { formatPupilName, type SheetRow } from './register-sheet.tsx';

/** A mark someone else recorded after the register was opened, as it is now (null: none). */
export interface MarkConflict {
  readonly pupilId: number;
  readonly current: { readonly code: string } | null;
}

/**
 * Someone else changed marks after this register (a session's or a lesson's) was opened. Each
 * is shown with both values; the teacher keeps theirs or puts their own back, then sends again.
 */
export function RegisterConflicts(props: {
  conflicts: readonly MarkConflict[];
  rows: readonly SheetRow[];
  choices: ReadonlyMap<number, string | null>;
  onChoose: (pupilId: number, code: string) => void;
}) {
  const rowOf = new Map(props.rows.map((row) => [row.pupilId, row]));
  return (
    <section class="alert alert-warning conflicts" aria-labelledby="conflicts-heading">
      <h2 id="conflicts-heading">Someone else changed these marks</h2>
      <p>
        While you had this register open, these marks were recorded by someone else. Choose the mark
        to keep for each pupil, then send the register again.
      </p>
      <ul class="conflict-list">
        {props.conflicts.map((conflict) => {
          const row = rowOf.get(conflict.pupilId);
          const name =
            row === undefined ? `Pupil ${String(conflict.pupilId)}` : formatPupilName(row);
          const theirs = conflict.current?.code ?? null;
          const yours = props.choices.get(conflict.pupilId) ?? null;
          return (
            <li key={conflict.pupilId} class="conflict">
              <p>
                <strong>{name}</strong>: now <strong>{theirs ?? 'no mark'}</strong>; you marked{' '}
                <strong>{yours ?? 'nothing'}</strong>.
              </p>
              <div class="conflict-actions">
                {theirs !== null && (
                  <button
                    type="button"
                    class="button"
                    aria-pressed={yours === theirs}
                    onClick={() => {
                      props.onChoose(conflict.pupilId, theirs);
                    }}
                  >
                    Keep {theirs}
                    <span class="visually-hidden"> for {name}</span>
                  </button>
                )}
                {yours !== null && yours !== theirs && (
                  <span class="hint">Sending the register again records your {yours}.</span>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
