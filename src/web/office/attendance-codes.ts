import type { SessionName } from '../../contracts/common.contract.ts';

/** A code the office can record, with the words on the form. */
export interface CodeOption {
  readonly code: string;
  readonly label: string;
}

/**
 * Reasons a family gives for an absence, as codes that mean the same in England (2006 and
 * 2024 tables) and Wales (2010), so the list needs no jurisdiction lookup.
 */
export const absenceReasonCodes: readonly CodeOption[] = [
  { code: 'I', label: 'I – Illness (not medical or dental appointment)' },
  { code: 'M', label: 'M – Medical or dental appointment' },
  { code: 'R', label: 'R – Religious observance' },
  { code: 'C', label: 'C – Leave of absence for exceptional circumstances' },
  { code: 'G', label: 'G – Holiday not agreed by the school' },
  { code: 'O', label: 'O – Absent in other or unknown circumstances (unauthorised)' },
];

/** Every code a mark is commonly changed to, for the session the mark is in. */
export function listAmendmentCodes(session: SessionName): readonly CodeOption[] {
  return [
    session === 'AM'
      ? { code: '/', label: '/ – Present (morning)' }
      : { code: '\\', label: '\\ – Present (afternoon)' },
    { code: 'L', label: 'L – Late, before the register closed' },
    { code: 'U', label: 'U – Late, after the register closed' },
    { code: 'N', label: 'N – Absent, no reason yet' },
    ...absenceReasonCodes,
  ];
}

/** Codes for the afternoon when a pupil leaves in the morning. */
export const afternoonCodes: readonly CodeOption[] = [
  { code: 'M', label: 'M – Medical or dental appointment' },
  { code: 'I', label: 'I – Illness' },
  { code: 'C', label: 'C – Leave for exceptional circumstances' },
  { code: 'O', label: 'O – Other reason (unauthorised)' },
];

const lateCodes: Readonly<Record<string, string>> = {
  L: 'L: late, arrived before the register closed. It counts as present.',
  U: 'U: arrived after the register closed. It counts as an unauthorised absence for the session.',
};

/** Why the server chose a late code, in the words the office can repeat to a parent. */
export function explainLateCode(code: string): string {
  return lateCodes[code] ?? `${code}: the code the register now holds.`;
}

const meanings: Readonly<Record<string, string>> = {
  '/': 'present (morning)',
  '\\': 'present (afternoon)',
  L: 'late, before the register closed',
  U: 'late, after the register closed',
  N: 'absent, no reason yet',
  I: 'illness',
  M: 'medical or dental appointment',
  R: 'religious observance',
  C: 'leave for exceptional circumstances',
  G: 'holiday not agreed',
  O: 'unauthorised, other reason',
  B: 'educated off site',
  '#': 'school closed',
};

/** "N (absent, no reason yet)" for a code, or the code alone when it is less common. */
export function describeCode(code: string): string {
  const meaning = meanings[code];
  return meaning === undefined ? code : `${code} (${meaning})`;
}
