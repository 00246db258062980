import type { SchoolStatisticsResponse } from '../../contracts/statistics.contract.ts';

/**
 * Says which threshold is the legal basis for a penalty notice when a school's policy also has
 * local triggers (a Hertfordshire two-term count, holiday fines), which predate the national
 * framework of August 2024 and may only prompt a review.
 */
export function PenaltyNoticeBasis(props: { policy: SchoolStatisticsResponse['policy'] }) {
  const basis = props.policy.penaltyNotice;
  if (basis === null || basis.localTriggers.length === 0) return null;
  return (
    <div class="alert alert-warning penalty-basis" role="note">
      <p class="alert-title">Which threshold is the legal basis for a penalty notice</p>
      <p>
        In England the legal basis for a penalty notice is the national threshold:{' '}
        <strong>{basis.national}</strong>
        {basis.nationalRuleId === null
          ? '. This school’s policy does not watch it as a rule, so check it before any notice.'
          : ` (rule ${basis.nationalRuleId}).`}
      </p>
      <p>
        This school’s policy also has its own triggers for considering action. They may prompt a
        review, but are not a legal basis for a penalty notice:
      </p>
      <ul>
        {basis.localTriggers.map((trigger) => (
          <li key={trigger.ruleId}>
            {trigger.title} (<code>{trigger.ruleId}</code>)
          </li>
        ))}
      </ul>
    </div>
  );
}
