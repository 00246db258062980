import type { IsoDate } from '../domain/calendar/plain-date.ts';
import {
  decidePenaltyNotice,
  decidePenaltyPayment,
  decidePenaltyWithdrawal,
  type PenaltyNoticeRefusal,
  type PenaltyOutcomeProblem,
} from '../domain/followup/penalty-notice.ts';
import { err, ok, type Result } from '../domain/result.ts';
import { recordAuditEvent } from '../store/audit.repository.ts';
import { appendCaseEvent, findCase } from '../store/case.repository.ts';
import {
  findPenaltyNoticeForUpdate,
  listParentPenaltyNotices,
  recordPenaltyNotice,
  recordPenaltyPayment,
  recordPenaltyWithdrawal,
  type PenaltyNotice,
} from '../store/penalty-notice.repository.ts';
import { listContacts } from '../store/pupil.repository.ts';
import { runAtomically, type Executor } from '../store/transaction.ts';
import type { CaseworkDeps } from './casework.service.ts';
import { londonWallClock } from './london-time.ts';
import { loadSchoolCalendar, type SchoolCalendarError } from './school-calendar.service.ts';

export type PenaltyNoticeError =
  | PenaltyNoticeRefusal
  | SchoolCalendarError
  | { readonly kind: 'contact-not-a-parent'; readonly contactId: number }
  | { readonly kind: 'case-not-found'; readonly caseId: number };

/**
 * Issue a penalty notice to one parent for one child, on the terms the law allows; a notice
 * the limit forbids is refused with the alternatives to consider.
 */
export async function issuePenaltyNotice(
  deps: CaseworkDeps,
  input: {
    readonly schoolId: number;
    readonly pupilId: number;
    readonly contactId: number;
    readonly caseId: number | null;
    readonly issuedOn: IsoDate;
    readonly receivedOn: IsoDate;
    readonly issuedBy: number;
  },
): Promise<Result<PenaltyNotice, PenaltyNoticeError>> {
  const loaded = await loadSchoolCalendar(deps.db, input.schoolId);
  if (!loaded.ok) return loaded;
  const contact = (await listContacts(deps.db, input.pupilId)).find(
    (candidate) => candidate.id === input.contactId,
  );
  // A notice is addressed to a parent: someone with parental responsibility for the child.
  if (!contact?.parentalResponsibility)
    return err({ kind: 'contact-not-a-parent', contactId: input.contactId });
  if (input.caseId !== null) {
    const found = await findCase(deps.db, input.caseId);
    if (found?.pupilId !== input.pupilId)
      return err({ kind: 'case-not-found', caseId: input.caseId });
  }
  const at = deps.clock.now();
  const issued = await runAtomically<PenaltyNotice, PenaltyNoticeError>(deps.db, async (trx) => {
    // Read under a row lock so two notices issued at once cannot both be "the second".
    const history = await listParentPenaltyNotices(trx, {
      contactId: input.contactId,
      pupilId: input.pupilId,
    });
    const decided = decidePenaltyNotice({
      jurisdiction: loaded.value.school.jurisdiction,
      history: history.map((notice) => ({
        issuedOn: notice.issuedOn,
        withdrawn: notice.withdrawnOn !== null,
      })),
      issuedOn: input.issuedOn,
      receivedOn: input.receivedOn,
    });
    if (!decided.ok) return decided;
    const payments = decided.value.payments;
    const full = payments.at(-1)!;
    const reduced = payments.length > 1 ? payments[0]! : null;
    const notice = await recordPenaltyNotice(trx, {
      schoolId: input.schoolId,
      pupilId: input.pupilId,
      contactId: input.contactId,
      caseId: input.caseId,
      ordinal: decided.value.ordinal,
      issuedOn: input.issuedOn,
      receivedOn: input.receivedOn,
      reduced: reduced && { amountPence: reduced.amountPence, dueOn: reduced.payBy },
      amountPence: full.amountPence,
      dueOn: full.payBy,
      issuedBy: input.issuedBy,
    });
    if (input.caseId !== null)
      await appendCaseEvent(trx, {
        caseId: input.caseId,
        kind: 'penalty-notice',
        occurredOn: input.issuedOn,
        summary: `Penalty notice ${decided.value.ordinal} issued to ${contact.relationship}`,
        details: { penaltyNoticeId: notice.id, amountPence: full.amountPence },
        reviewOn: null,
        dueOn: full.payBy,
        recordedBy: input.issuedBy,
        recordedAt: at,
      });
    await recordAuditEvent(trx, {
      actorUserId: input.issuedBy,
      action: 'penalty-notice.issued',
      subjectPupilId: input.pupilId,
      details: {
        penaltyNoticeId: notice.id,
        contactId: input.contactId,
        ordinal: notice.ordinal,
        amountPence: notice.amountPence,
      },
      occurredAt: at,
    });
    return ok(notice);
  });
  // A refusal rolls the transaction back, so it is audited after: the attempt is evidence too.
  if (!issued.ok && issued.error.kind === 'limit-reached')
    await recordAuditEvent(deps.db, {
      actorUserId: input.issuedBy,
      action: 'penalty-notice.refused',
      subjectPupilId: input.pupilId,
      details: { contactId: input.contactId, reason: issued.error.kind },
      occurredAt: at,
    });
  return issued;
}

export type PenaltyOutcomeError =
  | PenaltyOutcomeProblem
  | { readonly kind: 'penalty-notice-not-found'; readonly penaltyNoticeId: number };

/**
 * The notice an outcome is recorded on, locked for the rest of the transaction. An outcome is
 * recorded once it has happened, so one dated after today at the school is refused.
 */
async function lockNoticeForOutcome(
  trx: Executor,
  penaltyNoticeId: number,
  outcome: { readonly field: string; readonly dated: IsoDate; readonly what: string },
  at: Date,
): Promise<Result<PenaltyNotice, PenaltyOutcomeError>> {
  const notice = await findPenaltyNoticeForUpdate(trx, penaltyNoticeId);
  if (!notice) return err({ kind: 'penalty-notice-not-found', penaltyNoticeId });
  if (outcome.dated > londonWallClock(at).date)
    return err({
      kind: 'invalid-outcome',
      field: outcome.field,
      message: `${outcome.what} dated ${outcome.dated} has not happened yet`,
    });
  return ok(notice);
}

/**
 * What follows every recorded outcome: evidence in the notice's case, when it has one, and an
 * audit event naming the notice.
 */
async function recordOutcome(
  trx: Executor,
  notice: PenaltyNotice,
  outcome: {
    readonly occurredOn: IsoDate;
    readonly summary: string;
    readonly by: number;
    readonly action: 'penalty-notice.paid' | 'penalty-notice.withdrawn';
    readonly details: Readonly<Record<string, unknown>>;
  },
  at: Date,
): Promise<void> {
  if (notice.caseId !== null)
    await appendCaseEvent(trx, {
      caseId: notice.caseId,
      kind: 'penalty-notice',
      occurredOn: outcome.occurredOn,
      summary: outcome.summary,
      details: {
        penaltyNoticeId: notice.id,
        paidAmountPence: notice.paidAmountPence,
        withdrawalReason: notice.withdrawalReason,
      },
      reviewOn: null,
      dueOn: null,
      recordedBy: outcome.by,
      recordedAt: at,
    });
  await recordAuditEvent(trx, {
    actorUserId: outcome.by,
    action: outcome.action,
    subjectPupilId: notice.pupilId,
    details: { penaltyNoticeId: notice.id, ...outcome.details },
    occurredAt: at,
  });
}

/**
 * Record a notice paid on a day: the amount is the one its terms set for that day (the
 * reduced rate within its period, else the full rate); an amount given must match it.
 */
export async function recordPenaltyNoticePaid(
  deps: CaseworkDeps,
  input: {
    readonly penaltyNoticeId: number;
    readonly paidOn: IsoDate;
    readonly amountPence: number | null;
    readonly recordedBy: number;
  },
): Promise<Result<PenaltyNotice, PenaltyOutcomeError>> {
  const at = deps.clock.now();
  return runAtomically<PenaltyNotice, PenaltyOutcomeError>(deps.db, async (trx) => {
    const locked = await lockNoticeForOutcome(
      trx,
      input.penaltyNoticeId,
      { field: 'paidOn', dated: input.paidOn, what: 'a payment' },
      at,
    );
    if (!locked.ok) return locked;
    const notice = locked.value;
    const payment = decidePenaltyPayment(notice, input.paidOn, input.amountPence);
    if (!payment.ok) return payment;
    const paid = await recordPenaltyPayment(trx, {
      id: notice.id,
      paidOn: payment.value.paidOn,
      amountPence: payment.value.amountPence,
      recordedBy: input.recordedBy,
    });
    if (!paid) return err({ kind: 'notice-already-settled', status: 'paid' });
    await recordOutcome(
      trx,
      paid,
      {
        occurredOn: payment.value.paidOn,
        summary: `Penalty notice ${paid.ordinal} paid at the ${payment.value.rate} rate`,
        by: input.recordedBy,
        action: 'penalty-notice.paid',
        details: {
          paidOn: payment.value.paidOn,
          amountPence: payment.value.amountPence,
          rate: payment.value.rate,
        },
      },
      at,
    );
    return ok(paid);
  });
}

/**
 * Record a notice withdrawn, with the reason. It then no longer counts towards the limit of
 * two notices per parent per child in 3 years (withdrawn notices are not "previous notices").
 */
export async function withdrawPenaltyNotice(
  deps: CaseworkDeps,
  input: {
    readonly penaltyNoticeId: number;
    readonly withdrawnOn: IsoDate;
    readonly reason: string;
    readonly recordedBy: number;
  },
): Promise<Result<PenaltyNotice, PenaltyOutcomeError>> {
  const at = deps.clock.now();
  return runAtomically<PenaltyNotice, PenaltyOutcomeError>(deps.db, async (trx) => {
    const locked = await lockNoticeForOutcome(
      trx,
      input.penaltyNoticeId,
      { field: 'withdrawnOn', dated: input.withdrawnOn, what: 'a withdrawal' },
      at,
    );
    if (!locked.ok) return locked;
    const notice = locked.value;
    const withdrawal = decidePenaltyWithdrawal(notice, input.withdrawnOn, input.reason);
    if (!withdrawal.ok) return withdrawal;
    const withdrawn = await recordPenaltyWithdrawal(trx, {
      id: notice.id,
      withdrawnOn: withdrawal.value.withdrawnOn,
      reason: withdrawal.value.reason,
      recordedBy: input.recordedBy,
    });
    if (!withdrawn) return err({ kind: 'notice-already-settled', status: 'withdrawn' });
    await recordOutcome(
      trx,
      withdrawn,
      {
        occurredOn: withdrawal.value.withdrawnOn,
        summary: `Penalty notice ${withdrawn.ordinal} withdrawn: ${withdrawal.value.reason}`,
        by: input.recordedBy,
        action: 'penalty-notice.withdrawn',
        details: { withdrawnOn: withdrawal.value.withdrawnOn },
      },
      at,
    );
    return ok(withdrawn);
  });
}
