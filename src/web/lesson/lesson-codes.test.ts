import { describe, expect, it } from 'vitest';
import { findChoiceForKey } from '../register/register-codes.ts';
import {
  describeLessonMark,
  describeRegistrationMark,
  listLessonChoices,
  wasInAtRegistration,
} from './lesson-codes.ts';

describe('lesson register codes', () => {
  it('offers the three marks the lesson API accepts, on the session register’s keys', () => {
    const choices = listLessonChoices();
    expect(choices.map((choice) => choice.code)).toEqual(['/', 'L', 'N']);
    expect(findChoiceForKey(choices, 'p')?.code).toBe('/');
    expect(findChoiceForKey(choices, '/')?.code).toBe('/');
    expect(findChoiceForKey(choices, 'L')?.code).toBe('L');
    expect(findChoiceForKey(choices, 'a')?.code).toBe('N');
    expect(findChoiceForKey(choices, 'u')).toBeUndefined();
  });

  it('says what the registration mark was, in words', () => {
    expect(describeRegistrationMark('AM', '/')).toBe('Morning register: present (/)');
    expect(describeRegistrationMark('PM', 'N')).toBe(
      'Afternoon register: absent, no reason yet (N)',
    );
    expect(describeRegistrationMark('AM', 'I')).toBe('Morning register: I (illness)');
    expect(describeRegistrationMark('AM', null)).toBe('Morning register: not marked yet');
    expect(describeLessonMark('N')).toBe('absent (N)');
  });

  it('counts present and late at registration as in school', () => {
    expect(['/', '\\', 'L'].map(wasInAtRegistration)).toEqual([true, true, true]);
    expect(['U', 'N', 'I', null].map(wasInAtRegistration)).toEqual([false, false, false, false]);
  });
});
