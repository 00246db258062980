import {
  addDays,
  dayNumberFromParts,
  fromDayNumber,
  partsFromDayNumber,
  toDayNumber,
  type IsoDate,
} from '../calendar/plain-date.ts';
import type { Jurisdiction } from '../codes/code-table.ts';
import { err, ok, type Result } from '../result.ts';

/** The day the 2024 national framework (SI 2024/210) took effect in England. */
export const ENGLAND_FRAMEWORK_START: IsoDate = '2024-08-19';

/** A notice already issued to the same parent for the same child. */
export interface PriorPenaltyNotice {
  readonly issuedOn: IsoDate;
  /** Withdrawn notices do not count towards the limit; unpaid ones do. */
  readonly withdrawn: boolean;
}

/** One rate a notice can be paid at: the amount if paid by the end of the day named. */
export interface PenaltyPayment {
  readonly amountPence: number;
  readonly payBy: IsoDate;
}

export interface PenaltyNoticeTerms {
  /** 1 or 2 within the current 3-year period (England); 1 in Wales, where no limit is applied. */
  readonly ordinal: number;
  /** Cheapest first; the last one is the full amount. */
  readonly payments: readonly PenaltyPayment[];
  /** The last day the current 3-year period covers (England), after which the count restarts. */
  readonly periodEnds: IsoDate | null;
  readonly note: string | null;
}

/** What staff can consider when the law allows no further penalty notice. */
export const ALTERNATIVE_ACTIONS = [
  'consider-prosecution',
  'parenting-order',
  'education-supervision-order',
  'attendance-contract',
] as const;
export type AlternativeAction = (typeof ALTERNATIVE_ACTIONS)[number];

export type PenaltyNoticeRefusal =
  | {
      readonly kind: 'limit-reached';
      readonly firstIssuedOn: IsoDate;
      readonly allowedAgainOn: IsoDate;
      readonly alternatives: readonly AlternativeAction[];
      readonly message: string;
    }
  | { readonly kind: 'before-framework'; readonly message: string }
  | { readonly kind: 'received-before-issued'; readonly message: string };

export interface PenaltyNoticeRequest {
  readonly jurisdiction: Jurisdiction;
  /** Earlier notices to this parent for this child (any order). */
  readonly history: readonly PriorPenaltyNotice[];
  readonly issuedOn: IsoDate;
  /** When the parent receives it; payment periods count this day as day 1 (PNREG24 reg. 4). */
  readonly receivedOn: IsoDate;
}

/** The same day `years` years later; 29 February moves to 1 March in a common year. */
export function addYears(date: IsoDate, years: number): IsoDate {
  const { year, month, day } = partsFromDayNumber(toDayNumber(date));
  if (month === 2 && day === 29) return fromDayNumber(dayNumberFromParts(year + years, 3, 1));
  return fromDayNumber(dayNumberFromParts(year + years, month, day));
}

/**
 * The last day of the period of three years beginning with `first`. "Beginning with" includes
 * the first day, so the period ends the day before the third anniversary (an assumption: the
 * guidance's own examples do not settle the anniversary itself).
 */
export function findThreeYearPeriodEnd(first: IsoDate): IsoDate {
  return addDays(addYears(first, 3), -1);
}

/**
 * Decide whether a penalty notice may be issued to a parent for a child, and on what terms:
 * England (from 19 Aug 2024) £80 within 21 days or £160 within 28 for a first notice, £160
 * within 28 for a second, and no third within 3 years of the first; Wales £60 within 28 days
 * or £120 within 42.
 */
export function decidePenaltyNotice(
  request: PenaltyNoticeRequest,
): Result<PenaltyNoticeTerms, PenaltyNoticeRefusal> {
  const { issuedOn, receivedOn } = request;
  if (receivedOn < issuedOn)
    return err({
      kind: 'received-before-issued',
      message: `the notice cannot be received (${receivedOn}) before it is issued (${issuedOn})`,
    });
  const dayOf = (n: number) => addDays(receivedOn, n - 1);
  if (request.jurisdiction === 'wales')
    return ok({
      ordinal: 1,
      payments: [
        { amountPence: 6_000, payBy: dayOf(28) },
        { amountPence: 12_000, payBy: dayOf(42) },
      ],
      periodEnds: null,
      // Welsh regulations (2013) leave thresholds to each LA's code of conduct; a repeat limit
      // was not verified, so none is applied and the LA's code decides.
      note: "Wales: the local authority's code of conduct sets the threshold and any repeat limit.",
    });
  if (issuedOn < ENGLAND_FRAMEWORK_START)
    return err({
      kind: 'before-framework',
      message: `notices dated before ${ENGLAND_FRAMEWORK_START} followed the old £60/£120 local codes; this one is dated ${issuedOn}`,
    });
  const { periodStart, count } = countInCurrentPeriod(request.history, issuedOn);
  if (periodStart !== null && count >= 2) {
    const allowedAgainOn = addDays(findThreeYearPeriodEnd(periodStart), 1);
    return err({
      kind: 'limit-reached',
      firstIssuedOn: periodStart,
      allowedAgainOn,
      alternatives: ALTERNATIVE_ACTIONS,
      message: `this parent already had two notices for this child within 3 years of ${periodStart}; no further notice before ${allowedAgainOn}: consider prosecution or another legal intervention`,
    });
  }
  const periodEnds = findThreeYearPeriodEnd(periodStart ?? issuedOn);
  if (periodStart === null || count === 0)
    return ok({
      ordinal: 1,
      payments: [
        { amountPence: 8_000, payBy: dayOf(21) },
        { amountPence: 16_000, payBy: dayOf(28) },
      ],
      periodEnds,
      note: null,
    });
  return ok({
    ordinal: 2,
    payments: [{ amountPence: 16_000, payBy: dayOf(28) }],
    periodEnds,
    note: null,
  });
}

/**
 * Counted notices fall into 3-year periods: the first opens a period, the ones inside it count
 * against it, and the first one after it opens the next. Returns the period holding `date`.
 */
function countInCurrentPeriod(
  history: readonly PriorPenaltyNotice[],
  date: IsoDate,
): { periodStart: IsoDate | null; count: number } {
  const counted = history
    .filter((notice) => !notice.withdrawn && notice.issuedOn >= ENGLAND_FRAMEWORK_START)
    .map((notice) => notice.issuedOn)
    .filter((issued) => issued <= date)
    .sort();
  let periodStart: IsoDate | null = null;
  let count = 0;
  for (const issued of counted) {
    if (periodStart === null || issued > findThreeYearPeriodEnd(periodStart)) {
      periodStart = issued;
      count = 0;
    }
    count += 1;
  }
  if (periodStart !== null && date > findThreeYearPeriodEnd(periodStart))
    return { periodStart: null, count: 0 };
  return { periodStart, count };
}

/** A notice to improve: the period the parent has to improve and when it is reviewed. */
export interface NoticeToImprovePlan {
  readonly issuedOn: IsoDate;
  readonly weeks: number;
  readonly periodEnds: IsoDate;
  readonly reviewOn: IsoDate;
}

/** Plan a notice to improve; the period must be 3 to 6 weeks (whole weeks). */
export function planNoticeToImprove(
  issuedOn: IsoDate,
  weeks: number,
): Result<
  NoticeToImprovePlan,
  { readonly kind: 'invalid-improvement-period'; readonly message: string }
> {
  if (!Number.isInteger(weeks) || weeks < 3 || weeks > 6)
    return err({
      kind: 'invalid-improvement-period',
      message: `an improvement period is 3 to 6 whole weeks; ${weeks} was given`,
    });
  const periodEnds = addDays(issuedOn, weeks * 7 - 1);
  // Reviewed at the end of the period: the last day is when improvement is judged.
  return ok({ issuedOn, weeks, periodEnds, reviewOn: periodEnds });
}

/** Where a notice stands: awaiting payment, paid, or withdrawn by the local authority. */
export type PenaltyNoticeStatus = 'issued' | 'paid' | 'withdrawn';

/** What the outcome rules need to know of an issued notice. */
export interface IssuedPenaltyNotice {
  readonly issuedOn: IsoDate;
  readonly receivedOn: IsoDate;
  readonly reduced: { readonly amountPence: number; readonly dueOn: IsoDate } | null;
  readonly amountPence: number;
  readonly dueOn: IsoDate;
  readonly paidOn: IsoDate | null;
  readonly withdrawnOn: IsoDate | null;
}

/** The status a notice's recorded outcome gives it. */
export function findPenaltyNoticeStatus(notice: IssuedPenaltyNotice): PenaltyNoticeStatus {
  if (notice.paidOn !== null) return 'paid';
  if (notice.withdrawnOn !== null) return 'withdrawn';
  return 'issued';
}

export type PenaltyOutcomeProblem =
  | { readonly kind: 'notice-already-settled'; readonly status: PenaltyNoticeStatus }
  | { readonly kind: 'invalid-outcome'; readonly field: string; readonly message: string };

/** A payment as the notice's terms allow it: the amount due on the day it was paid. */
export interface PenaltyPaymentRecord {
  readonly paidOn: IsoDate;
  readonly amountPence: number;
  readonly rate: 'reduced' | 'full';
}

function formatPounds(pence: number): string {
  return pence % 100 === 0 ? `£${pence / 100}` : `£${(pence / 100).toFixed(2)}`;
}

/**
 * Record a notice paid: the reduced amount if paid by the end of its period (21 days from
 * receipt in England), the full amount by the end of the full period (28 days). After that no
 * payment discharges the notice: the local authority prosecutes or withdraws it.
 */
export function decidePenaltyPayment(
  notice: IssuedPenaltyNotice,
  paidOn: IsoDate,
  amountPence: number | null,
): Result<PenaltyPaymentRecord, PenaltyOutcomeProblem> {
  const status = findPenaltyNoticeStatus(notice);
  if (status !== 'issued') return err({ kind: 'notice-already-settled', status });
  if (paidOn < notice.receivedOn)
    return err({
      kind: 'invalid-outcome',
      field: 'paidOn',
      message: `the notice cannot be paid (${paidOn}) before the parent received it (${notice.receivedOn})`,
    });
  if (paidOn > notice.dueOn)
    return err({
      kind: 'invalid-outcome',
      field: 'paidOn',
      message: `the payment period ended on ${notice.dueOn}; a notice unpaid by then is prosecuted or withdrawn, not paid late`,
    });
  const rate =
    notice.reduced !== null && paidOn <= notice.reduced.dueOn
      ? { name: 'reduced' as const, ...notice.reduced }
      : { name: 'full' as const, amountPence: notice.amountPence, dueOn: notice.dueOn };
  if (amountPence !== null && amountPence !== rate.amountPence)
    return err({
      kind: 'invalid-outcome',
      field: 'amountPence',
      message: `paid on ${paidOn}, the amount due was ${formatPounds(rate.amountPence)} (the ${rate.name} rate, by ${rate.dueOn}), not ${formatPounds(amountPence)}`,
    });
  return ok({ paidOn, amountPence: rate.amountPence, rate: rate.name });
}

/**
 * Record a notice withdrawn, with the reason. A withdrawn notice no longer counts towards the
 * limit of two per parent per child in 3 years; a paid one cannot be withdrawn.
 */
export function decidePenaltyWithdrawal(
  notice: IssuedPenaltyNotice,
  withdrawnOn: IsoDate,
  reason: string,
): Result<{ readonly withdrawnOn: IsoDate; readonly reason: string }, PenaltyOutcomeProblem> {
  const status = findPenaltyNoticeStatus(notice);
  if (status !== 'issued') return err({ kind: 'notice-already-settled', status });
  if (reason.trim() === '')
    return err({ kind: 'invalid-outcome', field: 'reason', message: 'say why it was withdrawn' });
  if (withdrawnOn < notice.issuedOn)
    return err({
      kind: 'invalid-outcome',
      field: 'withdrawnOn',
      message: `a notice cannot be withdrawn (${withdrawnOn}) before it was issued (${notice.issuedOn})`,
    });
  return ok({ withdrawnOn, reason: reason.trim() });
}
