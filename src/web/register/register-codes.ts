import type { SessionName } from '../../contracts/common.contract.ts';

/** One button on a register row: the code it records and what it means. */
export interface CodeChoice {
  readonly code: string;
  /** Short, shown on the button. */
  readonly label: string;
  /** The official meaning, read out with the button. */
  readonly meaning: string;
  /** The keys that choose it, as shown in the keyboard help. */
  readonly keys: readonly string[];
}

/**
 * What a class teacher records, identical in England (2006 and 2024 tables) and Wales (2010):
 * presence, lateness and N. Reasons for absence are the office's to record, except a code a
 * parent's report suggests, which the server accepts from the class register too.
 */
export function listTeacherChoices(session: SessionName): readonly CodeChoice[] {
  return [
    session === 'AM'
      ? { code: '/', label: 'Present', meaning: 'Present (morning)', keys: ['/', 'p'] }
      : { code: '\\', label: 'Present', meaning: 'Present (afternoon)', keys: ['/', 'p'] },
    {
      code: 'L',
      label: 'Late',
      meaning: 'Late, arrived before the register closed',
      keys: ['l'],
    },
    { code: 'N', label: 'Absent', meaning: 'Absent, no reason yet provided', keys: ['n', 'a'] },
    {
      code: 'U',
      label: 'After close',
      meaning: 'Arrived after the register closed',
      keys: ['u'],
    },
  ];
}

const reportedReasons: Readonly<Record<string, string>> = {
  illness: 'Illness',
  medical: 'Medical or dental appointment',
  religious: 'Religious observance',
  other: 'Other reason',
};

/** A parent's reason as the school's absence reporting form words it. */
export function describeReportedReason(reason: string): string {
  return reportedReasons[reason] ?? reason;
}

/** The choice a parent's report suggests, e.g. I for illness; the key is "r" (reported). */
export function suggestedChoice(code: string, reason: string): CodeChoice {
  return {
    code,
    // Short for a phone's width; the row already says a parent reported it.
    label: describeReportedReason(reason),
    meaning: `${code}, ${describeReportedReason(reason)}, as reported by a parent`,
    keys: ['r'],
  };
}

/** A code already on the register that a teacher would not choose (the office recorded it). */
export function recordedChoice(code: string): CodeChoice {
  return { code, label: `Recorded: ${code}`, meaning: `${code}, recorded by the office`, keys: [] };
}

/** Finds the choice a key stands for; keys are compared without case. */
export function findChoiceForKey(
  choices: readonly CodeChoice[],
  key: string,
): CodeChoice | undefined {
  const wanted = key.toLowerCase();
  return choices.find((choice) => choice.keys.includes(wanted));
}
