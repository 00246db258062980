import type { absenceReasons } from '../../contracts/absence-report.contract.ts';
import type { ContactOutcome } from '../../contracts/contact-attempt.contract.ts';
import type { FollowUpContactResponse } from '../../contracts/follow-up.contract.ts';
import { describeReportedReason } from '../register/register-codes.ts';

export type FollowUpReason = (typeof absenceReasons)[number];

// Typed against the contract's list, so a reason the server does not know cannot be offered.
export const followUpReasons: readonly FollowUpReason[] = [
  'illness',
  'medical',
  'religious',
  'other',
];

export const contactOutcomeChoices: readonly { value: ContactOutcome; label: string }[] = [
  { value: 'reached', label: 'Spoke to them' },
  { value: 'reason-given', label: 'Spoke to them: reason given' },
  { value: 'no-answer', label: 'No answer' },
  { value: 'message-left', label: 'Message left' },
];

/** What a recorded contact did, in a sentence for the work list's status line. */
export function describeRecordedContact(input: {
  pupilName: string;
  contactName: string | null;
  outcome: ContactOutcome;
  reason: FollowUpReason | null;
  answer: FollowUpContactResponse;
}): string {
  const who = input.contactName ?? 'someone not on file';
  const outcome =
    contactOutcomeChoices.find((choice) => choice.value === input.outcome)?.label ?? '';
  const parts = [`${input.pupilName}: ${who}, ${outcome.toLowerCase()}.`];
  const steps = input.answer.completedTaskIds.length;
  if (steps > 0) parts.push(`${String(steps)} calling ${steps === 1 ? 'step' : 'steps'} done.`);
  const marks = input.answer.resolvedMarks;
  if (input.reason !== null && marks > 0)
    parts.push(
      `${String(marks)} unexplained ${marks === 1 ? 'mark' : 'marks'} now recorded as ${describeReportedReason(input.reason).toLowerCase()}.`,
    );
  return parts.join(' ');
}
