import { describe, expect, it } from 'vitest';
import { fillPlaceholders, listLetterFieldsUsed, validateTemplateText } from './letter-template.ts';

const template = (body: string) => ({ title: 'Letter', emailSubject: 'Subject', body });

describe('letter templates', () => {
  it('accept known placeholders, with or without spaces inside the braces', () => {
    expect(validateTemplateText(template('{{pupil.firstName}} {{ attendance.rate }}')).ok).toBe(
      true,
    );
  });

  it('name each unknown placeholder with its field and line', () => {
    const checked = validateTemplateText({
      title: 'For {{pupil.nickname}}',
      emailSubject: 'Subject',
      body: 'Dear {{parent.name}},\n\n{{attendance.percentage}}',
    });
    expect(checked.ok ? [] : checked.error.map((problem) => [problem.field, problem.line])).toEqual(
      [
        ['title', 1],
        ['body', 3],
      ],
    );
    expect(checked.ok ? '' : checked.error[1]?.message).toContain('{{attendance.percentage}}');
  });

  it('refuse a placeholder left open', () => {
    const checked = validateTemplateText(template('Dear {{parent.name},'));
    expect(checked.ok ? [] : checked.error.map((problem) => problem.message)).toEqual([
      'a placeholder is not closed: write it as {{name}} on one line',
    ]);
  });

  it('list the fields a sender must give, once each, in order of use', () => {
    expect(
      listLetterFieldsUsed(
        template('{{leave.to}} {{pupil.firstName}} {{leave.from}} {{leave.to}}'),
      ),
    ).toEqual(['leave.to', 'leave.from']);
  });

  it('fill placeholders with their values and leave text around them alone', () => {
    expect(
      fillPlaceholders('{{pupil.firstName}} attended {{ attendance.rate }}.', {
        'pupil.firstName': 'Ada',
        'attendance.rate': '95.0%',
      }),
    ).toBe('Ada attended 95.0%.');
  });
});
