import { describe, expect, it } from 'vitest';
import { describeRecordedContact } from './contact-words.ts';

describe('the line a recorded contact leaves on the work list', () => {
  it('says who was called, how it went and which steps it completed', () => {
    expect(
      describeRecordedContact({
        pupilName: 'Noah Bennett',
        contactName: 'Sarah Bennett',
        outcome: 'no-answer',
        reason: null,
        answer: { contactAttemptId: 1, completedTaskIds: [4], resolvedMarks: 0 },
      }),
    ).toBe('Noah Bennett: Sarah Bennett, no answer. 1 calling step done.');
  });

  it('counts the marks a reason explained', () => {
    expect(
      describeRecordedContact({
        pupilName: 'Noah Bennett',
        contactName: null,
        outcome: 'reason-given',
        reason: 'medical',
        answer: { contactAttemptId: 2, completedTaskIds: [], resolvedMarks: 3 },
      }),
    ).toBe(
      'Noah Bennett: someone not on file, spoke to them: reason given. 3 unexplained marks now recorded as medical or dental appointment.',
    );
  });
});
