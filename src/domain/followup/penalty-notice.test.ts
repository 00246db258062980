import { describe, expect, it } from 'vitest';
import {
  decidePenaltyNotice,
  decidePenaltyPayment,
  decidePenaltyWithdrawal,
  findPenaltyNoticeStatus,
  planNoticeToImprove,
} from './penalty-notice.ts';

const england = (history: { issuedOn: string; withdrawn?: boolean }[], issuedOn: string) =>
  decidePenaltyNotice({
    jurisdiction: 'england',
    history: history.map((notice) => ({ withdrawn: false, ...notice })),
    issuedOn,
    receivedOn: issuedOn,
  });

describe('penalty notices in England', () => {
  it('charges £80 within 21 days or £160 within 28, counting the day received as day 1', () => {
    const terms = decidePenaltyNotice({
      jurisdiction: 'england',
      history: [],
      issuedOn: '2025-01-31',
      receivedOn: '2025-02-03',
    });
    expect(terms).toEqual({
      ok: true,
      value: {
        ordinal: 1,
        payments: [
          { amountPence: 8000, payBy: '2025-02-23' },
          { amountPence: 16000, payBy: '2025-03-02' },
        ],
        periodEnds: '2028-01-30',
        note: null,
      },
    });
  });

  it('charges a second notice £160 within 28 days with no reduced rate', () => {
    const terms = england([{ issuedOn: '2024-10-10' }], '2025-03-05');
    expect(terms.ok && terms.value.ordinal).toBe(2);
    expect(terms.ok && terms.value.payments).toEqual([{ amountPence: 16000, payBy: '2025-04-01' }]);
  });

  it('refuses a third notice within 3 years of the first and proposes alternative action', () => {
    const refused = england([{ issuedOn: '2024-10-10' }, { issuedOn: '2025-03-05' }], '2027-09-01');
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error).toMatchObject({
      kind: 'limit-reached',
      firstIssuedOn: '2024-10-10',
      allowedAgainOn: '2027-10-10',
    });
    if (refused.error.kind === 'limit-reached')
      expect(refused.error.alternatives).toContain('consider-prosecution');
  });

  it('still refuses on the last day of the three years and allows a new first notice on the anniversary', () => {
    const history = [{ issuedOn: '2024-10-10' }, { issuedOn: '2025-03-05' }];
    expect(england(history, '2027-10-09').ok).toBe(false);
    const anniversary = england(history, '2027-10-10');
    expect(anniversary.ok && anniversary.value.ordinal).toBe(1);
    expect(anniversary.ok && anniversary.value.payments[0]?.amountPence).toBe(8000);
  });

  it('does not count withdrawn notices, nor notices before the 2024 framework', () => {
    const terms = england(
      [
        { issuedOn: '2024-10-10', withdrawn: true },
        { issuedOn: '2024-06-01' },
        { issuedOn: '2025-01-10' },
      ],
      '2025-03-05',
    );
    expect(terms.ok && terms.value.ordinal).toBe(2);
  });

  it('refuses a notice dated before 19 August 2024 and one received before it was issued', () => {
    expect(england([], '2024-08-18')).toMatchObject({
      ok: false,
      error: { kind: 'before-framework' },
    });
    expect(
      decidePenaltyNotice({
        jurisdiction: 'england',
        history: [],
        issuedOn: '2025-01-10',
        receivedOn: '2025-01-09',
      }),
    ).toMatchObject({ ok: false, error: { kind: 'received-before-issued' } });
  });
});

describe('penalty notices in Wales', () => {
  it('charges £60 within 28 days or £120 within 42 and leaves the limit to the LA code', () => {
    const terms = decidePenaltyNotice({
      jurisdiction: 'wales',
      history: [
        { issuedOn: '2024-10-10', withdrawn: false },
        { issuedOn: '2025-01-10', withdrawn: false },
      ],
      issuedOn: '2025-02-03',
      receivedOn: '2025-02-03',
    });
    expect(terms.ok && terms.value.payments).toEqual([
      { amountPence: 6000, payBy: '2025-03-02' },
      { amountPence: 12000, payBy: '2025-03-16' },
    ]);
  });
});

describe('notices to improve', () => {
  it('reviews at the end of an improvement period of 3 to 6 weeks', () => {
    expect(planNoticeToImprove('2025-01-06', 3)).toEqual({
      ok: true,
      value: { issuedOn: '2025-01-06', weeks: 3, periodEnds: '2025-01-26', reviewOn: '2025-01-26' },
    });
    expect(planNoticeToImprove('2025-01-06', 6).ok).toBe(true);
  });

  it('refuses a period shorter than 3 weeks, longer than 6 or not whole', () => {
    for (const weeks of [2, 7, 4.5])
      expect(planNoticeToImprove('2025-01-06', weeks)).toMatchObject({
        ok: false,
        error: { kind: 'invalid-improvement-period' },
      });
  });
});

describe('what becomes of a penalty notice', () => {
  // Received Mon 3 Feb 2025: £80 by Sun 23 Feb (day 21), £160 by Sun 2 Mar (day 28).
  const first = {
    issuedOn: '2025-01-31',
    receivedOn: '2025-02-03',
    reduced: { amountPence: 8000, dueOn: '2025-02-23' },
    amountPence: 16000,
    dueOn: '2025-03-02',
    paidOn: null,
    withdrawnOn: null,
  };

  it('is paid at £80 up to day 21 and at £160 from day 22 to day 28', () => {
    expect(decidePenaltyPayment(first, '2025-02-23', null)).toEqual({
      ok: true,
      value: { paidOn: '2025-02-23', amountPence: 8000, rate: 'reduced' },
    });
    expect(decidePenaltyPayment(first, '2025-02-24', 16000)).toEqual({
      ok: true,
      value: { paidOn: '2025-02-24', amountPence: 16000, rate: 'full' },
    });
  });

  it('refuses the wrong amount for the day paid, saying what was due', () => {
    const paid = decidePenaltyPayment(first, '2025-02-24', 8000);
    expect(paid.ok).toBe(false);
    expect(!paid.ok && paid.error.kind === 'invalid-outcome' && paid.error.message).toBe(
      'paid on 2025-02-24, the amount due was £160 (the full rate, by 2025-03-02), not £80',
    );
  });

  it('cannot be paid before it is received or after the payment period', () => {
    expect(decidePenaltyPayment(first, '2025-02-02', null).ok).toBe(false);
    expect(decidePenaltyPayment(first, '2025-03-03', null).ok).toBe(false);
  });

  it('is settled once: a paid notice is neither paid again nor withdrawn', () => {
    const paid = { ...first, paidOn: '2025-02-10' };
    expect(findPenaltyNoticeStatus(paid)).toBe('paid');
    expect(decidePenaltyPayment(paid, '2025-02-11', null)).toMatchObject({
      ok: false,
      error: { kind: 'notice-already-settled', status: 'paid' },
    });
    expect(decidePenaltyWithdrawal(paid, '2025-02-11', 'issued in error')).toMatchObject({
      ok: false,
      error: { kind: 'notice-already-settled', status: 'paid' },
    });
  });

  it('is withdrawn with a reason, and a withdrawn notice cannot then be paid', () => {
    expect(decidePenaltyWithdrawal(first, '2025-02-10', '  ').ok).toBe(false);
    expect(decidePenaltyWithdrawal(first, '2025-01-30', 'issued in error').ok).toBe(false);
    expect(decidePenaltyWithdrawal(first, '2025-02-10', 'issued in error')).toEqual({
      ok: true,
      value: { withdrawnOn: '2025-02-10', reason: 'issued in error' },
    });
    const withdrawn = { ...first, withdrawnOn: '2025-02-10' };
    expect(findPenaltyNoticeStatus(withdrawn)).toBe('withdrawn');
    expect(decidePenaltyPayment(withdrawn, '2025-02-11', null).ok).toBe(false);
  });

  it('no longer counts a withdrawn notice towards the limit of two in 3 years', () => {
    const terms = england(
      [{ issuedOn: '2024-10-10', withdrawn: true }, { issuedOn: '2025-03-05' }],
      '2025-09-01',
    );
    expect(terms.ok && terms.value.ordinal).toBe(2);
    expect(terms.ok && terms.value.periodEnds).toBe('2028-03-04');
  });
});
