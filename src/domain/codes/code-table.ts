import type { IsoDate } from '../calendar/plain-date.ts';

export type Jurisdiction = 'england' | 'wales';

/** How national statistics treat a session carrying the code. */
export type CodeCategory =
  'present' | 'approvedActivity' | 'authorised' | 'unauthorised' | 'notPossible';

export interface AttendanceCode {
  readonly code: string;
  readonly meaning: string;
  readonly category: CodeCategory;
  /** The statutory grouping the code sits in (present, leave of absence, ...). */
  readonly group: string;
}

export type CodeTableId = 'england-2024' | 'england-2006' | 'wales-2010';

export interface CodeTable {
  readonly id: CodeTableId;
  readonly title: string;
  readonly jurisdiction: Jurisdiction;
  /** First session date the table applies to (inclusive); null for "since records began". */
  readonly validFrom: IsoDate | null;
  /** Last session date the table applies to (inclusive); null while in force. */
  readonly validTo: IsoDate | null;
  readonly codes: readonly AttendanceCode[];
}

/** Whether sessions with codes of this category are possible sessions. */
export function isPossibleCategory(category: CodeCategory): boolean {
  return category !== 'notPossible';
}

/** Whether the category counts as attendance (present or approved educational activity). */
export function isAttendanceCategory(category: CodeCategory): boolean {
  return category === 'present' || category === 'approvedActivity';
}

/** Whether the category is an absence (authorised or unauthorised). */
export function isAbsenceCategory(category: CodeCategory): boolean {
  return category === 'authorised' || category === 'unauthorised';
}
