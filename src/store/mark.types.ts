import type { IsoDate } from '../domain/calendar/plain-date.ts';
import type { MarkSource, SessionName, UserRole } from './schema.ts';

export interface Mark {
  readonly id: number;
  readonly schoolId: number;
  readonly pupilId: number;
  readonly enrolmentId: number;
  readonly date: IsoDate;
  readonly session: SessionName;
  readonly code: string;
  readonly version: number;
  readonly recordedAt: Date;
  readonly recordedBy: number;
}

/** One register cell, for statistics and grids over many pupils and days. */
export interface CompactMark {
  readonly pupilId: number;
  readonly date: IsoDate;
  readonly session: SessionName;
  readonly code: string;
}

export interface MarkHistoryEntry {
  readonly id: number;
  readonly markId: number;
  readonly markVersion: number;
  readonly previousCode: string | null;
  readonly newCode: string;
  readonly reason: string | null;
  readonly source: MarkSource;
  readonly changedAt: Date;
  readonly changedBy: { readonly userId: number; readonly name: string; readonly role: string };
}

export interface SessionMarkEntry {
  readonly pupilId: number;
  readonly enrolmentId: number;
  readonly code: string;
  /** The version the submitter saw: null for "no mark yet"; omit to overwrite whatever is there. */
  readonly expectedVersion?: number | null;
}

/** Who records marks, as their history entries name them. */
export interface Recorder {
  readonly name: string;
  readonly role: UserRole;
}

export interface SessionMarks {
  readonly schoolId: number;
  readonly date: IsoDate;
  readonly session: SessionName;
  readonly entries: readonly SessionMarkEntry[];
  readonly recordedBy: number;
  /**
   * recordedBy's name and role when the caller has just read them (the signed-in user);
   * without it they are read from users inside the transaction.
   */
  readonly recorder?: Recorder;
  readonly source: MarkSource;
  /** Required when the batch changes an existing mark. */
  readonly reason: string | null;
  readonly at: Date;
}

export interface VersionConflict {
  readonly pupilId: number;
  readonly markId: number | null;
  readonly expectedVersion: number | null;
  readonly actualVersion: number | null;
}

export type RecordSessionMarksError =
  | { readonly kind: 'version-conflict'; readonly conflicts: readonly VersionConflict[] }
  | { readonly kind: 'reason-required'; readonly pupilIds: readonly number[] }
  | { readonly kind: 'duplicate-pupil'; readonly pupilIds: readonly number[] }
  | { readonly kind: 'unknown-user'; readonly userId: number };

export interface RecordedSessionMarks {
  readonly created: number;
  readonly changed: number;
  readonly unchanged: number;
  readonly marks: readonly Mark[];
}

export interface MarkAmendment {
  readonly markId: number;
  readonly expectedVersion: number;
  readonly code: string;
  readonly reason: string;
  readonly changedBy: number;
  readonly source: MarkSource;
  readonly at: Date;
}

export type AmendMarkError =
  | ({ readonly kind: 'version-conflict'; readonly current: Mark } & VersionConflict)
  | { readonly kind: 'mark-not-found'; readonly markId: number }
  | { readonly kind: 'reason-required'; readonly pupilIds: readonly number[] }
  | { readonly kind: 'unknown-user'; readonly userId: number };
