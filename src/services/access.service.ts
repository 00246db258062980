import type { AccessTarget, Actor, Capability } from '../domain/access/access-policy.ts';
import { can } from '../domain/access/access-policy.ts';
import { err, ok, type Result } from '../domain/result.ts';
import { listClassesTaughtBy } from '../store/class.repository.ts';
import { listPupilsOfParent } from '../store/pupil.repository.ts';
import type { Executor } from '../store/transaction.ts';
import type { User } from '../store/user.repository.ts';

/** What a route acts on, as named in its path: a school, a class or a pupil. */
export type TargetRef =
  | { readonly kind: 'school'; readonly schoolId: number }
  | { readonly kind: 'class'; readonly classId: number }
  | { readonly kind: 'pupil'; readonly pupilId: number };

export type AccessRefusal =
  | { readonly kind: 'target-not-found'; readonly target: TargetRef }
  | { readonly kind: 'forbidden'; readonly capability: Capability };

/** The signed-in user as the permission model sees them, with their classes or children. */
export async function resolveActor(db: Executor, user: User): Promise<Actor> {
  const classIds =
    user.role === 'teacher'
      ? (await listClassesTaughtBy(db, user.id)).map((schoolClass) => schoolClass.id)
      : [];
  const pupilIds =
    user.role === 'parent' ? (await listPupilsOfParent(db, user.id)).map((pupil) => pupil.id) : [];
  return { userId: user.id, role: user.role, reach: user.scope, classIds, pupilIds };
}

/** Whether an actor may act on what a route names; a missing target is its own answer. */
export async function authorise(
  db: Executor,
  request: { actor: Actor; capability: Capability; target: TargetRef },
): Promise<Result<void, AccessRefusal>> {
  return decideAccess(await findAccessTargets(db, request.target), request);
}

/** The same decision as `authorise`, on targets the caller has already found. */
export function decideAccess(
  targets: readonly AccessTarget[],
  request: { actor: Actor; capability: Capability; target: TargetRef },
): Result<void, AccessRefusal> {
  if (targets.length === 0) return err({ kind: 'target-not-found', target: request.target });
  // A pupil on two rolls (dual registration) or who has moved schools is visible to each.
  const isAllowed = targets.some((target) => can(request.actor, request.capability, target));
  return isAllowed ? ok(undefined) : err({ kind: 'forbidden', capability: request.capability });
}

/**
 * The targets of several references at once, in their order: schools and classes are read in
 * one query each, so requests arriving together share them.
 */
export async function findManyAccessTargets(
  db: Executor,
  refs: readonly TargetRef[],
): Promise<AccessTarget[][]> {
  const schoolIds = refs.flatMap((ref) => (ref.kind === 'school' ? [ref.schoolId] : []));
  const classIds = refs.flatMap((ref) => (ref.kind === 'class' ? [ref.classId] : []));
  const schools =
    schoolIds.length === 0
      ? []
      : await db
          .selectFrom('schools')
          .select(['id', 'trust_id', 'local_authority_id'])
          .where('id', 'in', schoolIds)
          .execute();
  const classes =
    classIds.length === 0
      ? []
      : await db
          .selectFrom('classes')
          .innerJoin('schools', 'schools.id', 'classes.school_id')
          .select([
            'classes.id as class_id',
            'schools.id',
            'schools.trust_id',
            'schools.local_authority_id',
          ])
          .where('classes.id', 'in', classIds)
          .execute();
  const schoolsById = new Map(schools.map((school) => [school.id, toSchoolRef(school)]));
  const schoolsByClass = new Map(classes.map((row) => [row.class_id, toSchoolRef(row)]));
  return Promise.all(
    refs.map(async (ref): Promise<AccessTarget[]> => {
      switch (ref.kind) {
        case 'school': {
          const school = schoolsById.get(ref.schoolId);
          return school === undefined ? [] : [{ school }];
        }
        case 'class': {
          const school = schoolsByClass.get(ref.classId);
          return school === undefined ? [] : [{ school, classIds: [ref.classId] }];
        }
        case 'pupil':
          return findPupilTargets(db, ref.pupilId);
      }
    }),
  );
}

/** The schools (and classes) a target belongs to; empty when it does not exist. */
export async function findAccessTargets(db: Executor, ref: TargetRef): Promise<AccessTarget[]> {
  const [targets] = await findManyAccessTargets(db, [ref]);
  return targets ?? [];
}

async function findPupilTargets(db: Executor, pupilId: number): Promise<AccessTarget[]> {
  const enrolments = await db
    .selectFrom('enrolments')
    .innerJoin('schools', 'schools.id', 'enrolments.school_id')
    .select([
      'enrolments.id as enrolment_id',
      'enrolments.class_id',
      'schools.id',
      'schools.trust_id',
      'schools.local_authority_id',
    ])
    .where('enrolments.pupil_id', '=', pupilId)
    .execute();
  // Staff reach pupils through enrolments, so a pupil never enrolled is found by nobody.
  if (enrolments.length === 0) return [];
  const memberships = await db
    .selectFrom('class_members')
    .select(['enrolment_id', 'class_id'])
    .where(
      'enrolment_id',
      'in',
      enrolments.map((enrolment) => enrolment.enrolment_id),
    )
    .execute();
  return enrolments.map((enrolment) => ({
    school: toSchoolRef(enrolment),
    pupilId,
    classIds: [
      ...(enrolment.class_id === null ? [] : [enrolment.class_id]),
      ...memberships
        .filter((membership) => membership.enrolment_id === enrolment.enrolment_id)
        .map((membership) => membership.class_id),
    ],
  }));
}

function toSchoolRef(row: { id: number; trust_id: number | null; local_authority_id: number }) {
  return { id: row.id, trustId: row.trust_id, localAuthorityId: row.local_authority_id };
}
