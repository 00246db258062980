/** Session totals as the DfE and Welsh Government count them. */
export interface SessionCounts {
  possible: number;
  attended: number;
  present: number;
  late: number;
  approvedActivity: number;
  authorisedAbsence: number;
  unauthorisedAbsence: number;
  notPossible: number;
  unmarked: number;
}

export function emptySessionCounts(): SessionCounts {
  return {
    possible: 0,
    attended: 0,
    present: 0,
    late: 0,
    approvedActivity: 0,
    authorisedAbsence: 0,
    unauthorisedAbsence: 0,
    notPossible: 0,
    unmarked: 0,
  };
}

/** Add `more` into `total`, field by field. */
export function addSessionCounts(total: SessionCounts, more: SessionCounts): SessionCounts {
  total.possible += more.possible;
  total.attended += more.attended;
  total.present += more.present;
  total.late += more.late;
  total.approvedActivity += more.approvedActivity;
  total.authorisedAbsence += more.authorisedAbsence;
  total.unauthorisedAbsence += more.unauthorisedAbsence;
  total.notPossible += more.notPossible;
  total.unmarked += more.unmarked;
  return total;
}

/** Absence sessions (authorised + unauthorised). */
export function absenceOf(counts: SessionCounts): number {
  return counts.authorisedAbsence + counts.unauthorisedAbsence;
}

/** Attended / possible, or null when there are no possible sessions. */
export function attendanceRateOf(counts: SessionCounts): number | null {
  return counts.possible === 0 ? null : counts.attended / counts.possible;
}

/** Absence / possible, or null when there are no possible sessions. */
export function absenceRateOf(counts: SessionCounts): number | null {
  return counts.possible === 0 ? null : absenceOf(counts) / counts.possible;
}

/** Persistent absence: 10% or more of possible sessions missed (exact integer test). */
export function isPersistentAbsence(counts: SessionCounts): boolean {
  return counts.possible > 0 && absenceOf(counts) * 10 >= counts.possible;
}

/** Severe absence: 50% or more of possible sessions missed (exact integer test). */
export function isSevereAbsence(counts: SessionCounts): boolean {
  return counts.possible > 0 && absenceOf(counts) * 2 >= counts.possible;
}
