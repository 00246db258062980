import { describe, expect, it } from 'vitest';
import { composeUpn, explainInvalidUpn, upnCheckLetter } from './upn.ts';

describe('unique pupil numbers', () => {
  it('computes the check letter from the weighted sum of the other twelve characters modulo 23', () => {
    // 8*2+0*3+1*4+2*5+0*6+0*7+1*8+2*9+3*10+0*11+0*12+1*13 = 99; 99 mod 23 = 7 -> H
    expect(upnCheckLetter('801200123001')).toBe('H');
  });

  it('accepts a UPN it composed and rejects one with the wrong check letter', () => {
    const upn = composeUpn(801, 2001, 24, 17);
    expect(upn).toMatch(/^[A-Z]801200124017$/);
    expect(explainInvalidUpn(upn)).toBeNull();
    const wrong = `${upn[0] === 'A' ? 'B' : 'A'}${upn.slice(1)}`;
    expect(explainInvalidUpn(wrong)).toContain('check letter should be');
  });

  it('rejects a UPN of the wrong shape with a message saying what a UPN looks like', () => {
    expect(explainInvalidUpn('12345')).toContain('13 characters');
  });
});
