import type { Selectable, Updateable } from 'kysely';
import type { IsoDate } from '../domain/calendar/plain-date.ts';
import type { PenaltyNoticesTable } from './schema.ts';
import type { Executor } from './transaction.ts';

/** A penalty notice issued to one parent for one child. */
export interface PenaltyNotice {
  readonly id: number;
  readonly schoolId: number;
  readonly pupilId: number;
  readonly contactId: number;
  readonly caseId: number | null;
  readonly ordinal: number;
  readonly issuedOn: IsoDate;
  readonly receivedOn: IsoDate;
  /** The reduced rate and its deadline, when the notice has one (a first notice). */
  readonly reduced: { readonly amountPence: number; readonly dueOn: IsoDate } | null;
  readonly amountPence: number;
  readonly dueOn: IsoDate;
  readonly paidOn: IsoDate | null;
  readonly paidAmountPence: number | null;
  readonly withdrawnOn: IsoDate | null;
  readonly withdrawalReason: string | null;
  readonly issuedBy: number;
}

export type NewPenaltyNotice = Omit<
  PenaltyNotice,
  'id' | 'paidOn' | 'paidAmountPence' | 'withdrawnOn' | 'withdrawalReason'
>;

export async function findPenaltyNotice(
  db: Executor,
  id: number,
): Promise<PenaltyNotice | undefined> {
  const row = await db
    .selectFrom('penalty_notices')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row === undefined ? undefined : toPenaltyNotice(row);
}

/** One notice, locked for the rest of the transaction so its outcome is recorded once. */
export async function findPenaltyNoticeForUpdate(
  db: Executor,
  id: number,
): Promise<PenaltyNotice | undefined> {
  const row = await db
    .selectFrom('penalty_notices')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row === undefined ? undefined : toPenaltyNotice(row);
}

/** Records a payment on a notice still open; undefined when it was settled meanwhile. */
export async function recordPenaltyPayment(
  db: Executor,
  payment: {
    readonly id: number;
    readonly paidOn: IsoDate;
    readonly amountPence: number;
    readonly recordedBy: number;
  },
): Promise<PenaltyNotice | undefined> {
  return settlePenaltyNotice(db, payment.id, {
    paid_on: payment.paidOn,
    paid_amount_pence: payment.amountPence,
    outcome_recorded_by: payment.recordedBy,
  });
}

/** Records a notice withdrawn; undefined when it was settled meanwhile. */
export async function recordPenaltyWithdrawal(
  db: Executor,
  withdrawal: {
    readonly id: number;
    readonly withdrawnOn: IsoDate;
    readonly reason: string;
    readonly recordedBy: number;
  },
): Promise<PenaltyNotice | undefined> {
  return settlePenaltyNotice(db, withdrawal.id, {
    withdrawn_on: withdrawal.withdrawnOn,
    withdrawal_reason: withdrawal.reason,
    outcome_recorded_by: withdrawal.recordedBy,
  });
}

/** A notice is paid or withdrawn once: the update touches it only while neither is recorded. */
async function settlePenaltyNotice(
  db: Executor,
  id: number,
  outcome: Pick<
    Updateable<PenaltyNoticesTable>,
    'paid_on' | 'paid_amount_pence' | 'withdrawn_on' | 'withdrawal_reason' | 'outcome_recorded_by'
  >,
): Promise<PenaltyNotice | undefined> {
  const row = await db
    .updateTable('penalty_notices')
    .set(outcome)
    .where('id', '=', id)
    .where('paid_on', 'is', null)
    .where('withdrawn_on', 'is', null)
    .returningAll()
    .executeTakeFirst();
  return row === undefined ? undefined : toPenaltyNotice(row);
}

/** Every notice to a parent for a child, earliest first: the history the limit is judged on. */
export async function listParentPenaltyNotices(
  db: Executor,
  query: { readonly contactId: number; readonly pupilId: number },
): Promise<PenaltyNotice[]> {
  const rows = await db
    .selectFrom('penalty_notices')
    .selectAll()
    .where('contact_id', '=', query.contactId)
    .where('pupil_id', '=', query.pupilId)
    .orderBy('issued_on')
    .orderBy('id')
    .forUpdate()
    .execute();
  return rows.map(toPenaltyNotice);
}

export async function listPupilPenaltyNotices(
  db: Executor,
  pupilId: number,
): Promise<PenaltyNotice[]> {
  const rows = await db
    .selectFrom('penalty_notices')
    .selectAll()
    .where('pupil_id', '=', pupilId)
    .orderBy('issued_on')
    .orderBy('id')
    .execute();
  return rows.map(toPenaltyNotice);
}

export async function recordPenaltyNotice(
  db: Executor,
  notice: NewPenaltyNotice,
): Promise<PenaltyNotice> {
  const row = await db
    .insertInto('penalty_notices')
    .values({
      school_id: notice.schoolId,
      pupil_id: notice.pupilId,
      contact_id: notice.contactId,
      case_id: notice.caseId,
      ordinal: notice.ordinal,
      issued_on: notice.issuedOn,
      received_on: notice.receivedOn,
      reduced_amount_pence: notice.reduced?.amountPence ?? null,
      reduced_due_on: notice.reduced?.dueOn ?? null,
      amount_pence: notice.amountPence,
      due_on: notice.dueOn,
      issued_by: notice.issuedBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toPenaltyNotice(row);
}

function toPenaltyNotice(row: Selectable<PenaltyNoticesTable>): PenaltyNotice {
  return {
    id: row.id,
    schoolId: row.school_id,
    pupilId: row.pupil_id,
    contactId: row.contact_id,
    caseId: row.case_id,
    ordinal: row.ordinal,
    issuedOn: row.issued_on,
    receivedOn: row.received_on,
    reduced:
      row.reduced_amount_pence === null || row.reduced_due_on === null
        ? null
        : { amountPence: row.reduced_amount_pence, dueOn: row.reduced_due_on },
    amountPence: row.amount_pence,
    dueOn: row.due_on,
    paidOn: row.paid_on,
    paidAmountPence: row.paid_amount_pence,
    withdrawnOn: row.withdrawn_on,
    withdrawalReason: row.withdrawal_reason,
    issuedBy: row.issued_by,
  };
}
