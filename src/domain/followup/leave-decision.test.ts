import { describe, expect, it } from 'vitest';
import {
  checkAgreedReturn,
  decideLeaveSessions,
  needsWalesExceptionalTest,
  type LeaveSession,
} from './leave-decision.ts';

const days = (dates: string[]): LeaveSession[] =>
  dates.flatMap((date) => [
    { date, session: 'AM' as const },
    { date, session: 'PM' as const },
  ]);

const request = days(['2025-01-13', '2025-01-14', '2025-01-15']);

describe('leave decisions', () => {
  it('codes a part grant in England 2024: granted days C, refused days G if taken', () => {
    const decided = decideLeaveSessions('england', 'holiday', request, {
      kind: 'grant-part',
      granted: days(['2025-01-13']),
    });
    expect(decided.ok && decided.value.map((s) => `${s.date} ${s.session} ${s.code}`)).toEqual([
      '2025-01-13 AM C',
      '2025-01-13 PM C',
      '2025-01-14 AM G',
      '2025-01-14 PM G',
      '2025-01-15 AM G',
      '2025-01-15 PM G',
    ]);
  });

  it('codes a part grant in Wales: agreed holiday H, extended F, refused G', () => {
    const holiday = decideLeaveSessions('wales', 'holiday', request, {
      kind: 'grant-part',
      granted: days(['2025-01-14']),
    });
    expect(holiday.ok && holiday.value.map((s) => s.code)).toEqual(['G', 'G', 'H', 'H', 'G', 'G']);
    const extended = decideLeaveSessions('wales', 'extended-holiday', request, {
      kind: 'grant-all',
    });
    expect(extended.ok && extended.value.every((s) => s.code === 'F' && s.granted)).toBe(true);
  });

  it('uses H in England before 19 August 2024 and O for refused non-holiday leave', () => {
    const old = decideLeaveSessions('england', 'holiday', days(['2024-07-01']), {
      kind: 'grant-all',
    });
    expect(old.ok && old.value.map((s) => s.code)).toEqual(['H', 'H']);
    const refused = decideLeaveSessions('england', 'exceptional', request, { kind: 'refuse' });
    expect(refused.ok && refused.value.every((s) => s.code === 'O' && !s.granted)).toBe(true);
  });

  it('refuses a part grant naming a session not requested, or covering the whole request', () => {
    expect(
      decideLeaveSessions('england', 'holiday', request, {
        kind: 'grant-part',
        granted: days(['2025-01-20']),
      }),
    ).toMatchObject({ ok: false, error: { kind: 'not-requested' } });
    expect(
      decideLeaveSessions('england', 'holiday', request, { kind: 'grant-part', granted: request }),
    ).toMatchObject({ ok: false, error: { kind: 'grant-part-covers-all' } });
  });

  it('flags a Welsh holiday that takes the year beyond 10 days for the exceptional test', () => {
    expect(needsWalesExceptionalTest('wales', 'holiday', 14, 6)).toBe(false);
    expect(needsWalesExceptionalTest('wales', 'holiday', 14, 8)).toBe(true);
    expect(needsWalesExceptionalTest('england', 'holiday', 14, 8)).toBe(false);
  });

  it('needs an agreed return after the last day for extended leave', () => {
    expect(checkAgreedReturn('extended-holiday', '2025-01-15', null)).toMatch(/agreed return/);
    expect(checkAgreedReturn('extended-holiday', '2025-01-15', '2025-01-15')).toMatch(/after/);
    expect(checkAgreedReturn('extended-holiday', '2025-01-15', '2025-01-16')).toBeNull();
    expect(checkAgreedReturn('holiday', '2025-01-15', null)).toBeNull();
  });
});
