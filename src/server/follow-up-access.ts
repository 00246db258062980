import type { FastifyRequest } from 'fastify';
import { can, type Capability } from '../domain/access/access-policy.ts';
import { findAccessTargetsOnce, getSignedIn } from './auth.hooks.ts';

/**
 * Whether the signed-in actor may exercise a capability on a pupil at one school in particular:
 * a pupil on two rolls is followed up by each school for its own sessions.
 */
export async function canActOnPupilAt(
  request: FastifyRequest,
  capability: Capability,
  pupilId: number,
  schoolId: number,
): Promise<boolean> {
  const actor = getSignedIn(request).session.actor;
  const targets = await findAccessTargetsOnce(request, { kind: 'pupil', pupilId });
  return targets.some((target) => target.school.id === schoolId && can(actor, capability, target));
}
