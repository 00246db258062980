import type { IsoDate } from '../domain/calendar/plain-date.ts';
import {
  decidePenaltyNotice,
  type PenaltyNoticeRefusal,
} from '../domain/followup/penalty-notice.ts';
import { err, ok, type Result } from '../domain/result.ts';
import { recordAuditEvent } from '../store/audit.repository.ts';
import { appendCaseEvent, findCase } from '../store/case.repository.ts';
import {
  listParentPenaltyNotices,
  recordPenaltyNotice,
  type PenaltyNotice,
} from '../store/penalty-notice.repository.ts';
import { listContacts } from '../store/pupil.repository.ts';
import { runAtomically } from '../store/transaction.ts';
import type { CaseworkDeps } from './casework.service.ts';
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
