import type { FastifyRequest } from 'fastify';
import { can, type Capability } from '../domain/access/access-policy.ts';
import type { IsoDate } from '../domain/calendar/plain-date.ts';
import { listPupilEnrolments } from '../store/pupil.repository.ts';
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

/**
 * A record a route names (a case, a penalty notice), if the actor may manage follow-up for its
 * pupil at the school it belongs to; otherwise undefined, which the route answers as not found.
 */
export async function keepIfManaged<Found extends { pupilId: number; schoolId: number }>(
  request: FastifyRequest,
  found: Found | undefined,
): Promise<Found | undefined> {
  if (!found) return undefined;
  return (await canActOnPupilAt(request, 'manage-follow-up', found.pupilId, found.schoolId))
    ? found
    : undefined;
}

/** The schools, of those a pupil belongs to, where the signed-in actor holds a capability. */
export async function findPupilSchoolsAllowing(
  request: FastifyRequest,
  pupilId: number,
  capability: Capability,
): Promise<number[]> {
  const actor = getSignedIn(request).session.actor;
  const targets = await findAccessTargetsOnce(request, { kind: 'pupil', pupilId });
  return [
    ...new Set(
      targets.filter((target) => can(actor, capability, target)).map((target) => target.school.id),
    ),
  ];
}

/**
 * The schools an absence report or leave request from a day can go to: those the actor may
 * report to where the pupil is on roll that day, only the one named if one is.
 */
export async function findReportingSchools(
  request: FastifyRequest,
  pupilId: number,
  report: { readonly schoolId?: number | undefined; readonly from: IsoDate },
): Promise<number[]> {
  const allowed = await findPupilSchoolsAllowing(request, pupilId, 'record-absence-report');
  const enrolments = await listPupilEnrolments(request.server.rollcall.db, pupilId);
  return [
    ...new Set(
      enrolments
        .filter(
          (enrolment) =>
            allowed.includes(enrolment.schoolId) &&
            (report.schoolId === undefined || enrolment.schoolId === report.schoolId) &&
            enrolment.onRollFrom <= report.from &&
            (enrolment.onRollTo === null || enrolment.onRollTo >= report.from),
        )
        .map((enrolment) => enrolment.schoolId),
    ),
  ];
}
