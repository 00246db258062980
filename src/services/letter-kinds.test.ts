import { describe, expect, it } from 'vitest';
import { letterFieldNames, letterKindNames } from '../contracts/letter.contract.ts';
import { letterFieldPlaceholders, letterKinds } from '../documents/letter-template.ts';
import { formatRate } from './letter.service.ts';

describe('the letter contract', () => {
  it('names the same kinds and sender fields as the documents that render them', () => {
    expect(letterKindNames).toEqual(letterKinds);
    expect(letterFieldNames).toEqual(Object.keys(letterFieldPlaceholders));
  });

  it('writes rates to one decimal place, and says when there is nothing to measure', () => {
    expect(formatRate(16 / 20)).toBe('80.0%');
    expect(formatRate(2 / 3)).toBe('66.7%');
    expect(formatRate(null)).toBe('not yet measurable');
  });
});
