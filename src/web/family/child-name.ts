import type { PupilProfileResponse } from '../../contracts/pupil.contract.ts';

/** The name a child is known by at school: preferred names where the school has them. */
export function describeChildName(profile: PupilProfileResponse): {
  first: string;
  full: string;
} {
  const first = profile.preferredFirstName ?? profile.legalFirstName;
  const last = profile.preferredLastName ?? profile.legalLastName;
  return { first, full: `${first} ${last}` };
}
