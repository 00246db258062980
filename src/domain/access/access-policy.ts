/** Every role a Rollcall user can hold. */
export const roles = [
  'admin',
  'headteacher',
  'attendance_lead',
  'attendance_officer',
  'office',
  'teacher',
  'governor',
  'parent',
  'la_officer',
] as const;

export type Role = (typeof roles)[number];

/** What an actor may do; each route asks for exactly one. */
export const capabilities = [
  /** See a school's name, calendar and settings. */
  'view-school',
  /** See counts and rates (school, year group, class) without naming pupils. */
  'view-aggregates',
  /** See the list of pupils on a roll or in a class. */
  'view-pupil-list',
  /** See one pupil's record and marks. */
  'view-pupil',
  /** Submit a session or lesson register. */
  'take-register',
  /** Change a mark already recorded (the history keeps the old one). */
  'amend-mark',
  /** Replace an unexplained absence (N) with a reason code once known. */
  'record-absence-reason',
  /** Record late arrivals, early leave and returns at reception. */
  'record-sign-in-out',
  /** Report that a pupil is or will be absent, with the reason and expected return. */
  'record-absence-report',
  /** Work follow-up cases: contact attempts, meetings, referrals, penalty notices. */
  'manage-follow-up',
  /** Change school settings, calendars, classes and user accounts. */
  'manage-school',
  /** Change the school's own wording of its letters (the letter templates). */
  'manage-letter-templates',
  /** Export the whole register with pupils' names (a scenario file) for checking or moving. */
  'export-register',
] as const;

export type Capability = (typeof capabilities)[number];

/** How far an actor's role reaches: one school, a trust's schools, an authority's, or none. */
export type Reach =
  | { readonly kind: 'school'; readonly schoolId: number }
  | { readonly kind: 'trust'; readonly trustId: number }
  | { readonly kind: 'local-authority'; readonly localAuthorityId: number }
  | { readonly kind: 'none' };

/** Someone acting: their role and reach, plus the classes they teach or children they parent. */
export interface Actor {
  readonly userId: number;
  readonly role: Role;
  readonly reach: Reach;
  /** Classes the actor teaches (class_teachers); empty for other roles. */
  readonly classIds: readonly number[];
  /** Pupils the actor is a linked contact of (contacts.user_id); empty for other roles. */
  readonly pupilIds: readonly number[];
}

/** The school an action concerns, with the trust and authority it belongs to. */
export interface SchoolRef {
  readonly id: number;
  readonly trustId: number | null;
  readonly localAuthorityId: number;
}

/**
 * What an action is about: always a school; for class-level actions the class; for
 * pupil-level actions the pupil and the classes the pupil belongs to in that school.
 */
export interface AccessTarget {
  readonly school: SchoolRef;
  readonly classIds?: readonly number[];
  readonly pupilId?: number;
}

type Grant =
  /** Granted anywhere in the actor's reach. */
  | 'school'
  /** Granted only when the target's class is one the actor teaches. */
  | 'own-class'
  /** Granted only when the target pupil is one the actor is a contact of. */
  | 'own-child';

const everyWhere = 'school' satisfies Grant;

const leadership = {
  'view-school': everyWhere,
  'view-aggregates': everyWhere,
  'view-pupil-list': everyWhere,
  'view-pupil': everyWhere,
  'take-register': everyWhere,
  'amend-mark': everyWhere,
  'record-absence-reason': everyWhere,
  'record-sign-in-out': everyWhere,
  'record-absence-report': everyWhere,
  'manage-follow-up': everyWhere,
} as const satisfies Partial<Record<Capability, Grant>>;

// The whole matrix in one table: a capability missing from a role's row is refused.
const grants: Readonly<Record<Role, Partial<Record<Capability, Grant>>>> = {
  admin: {
    ...leadership,
    'manage-school': everyWhere,
    'export-register': everyWhere,
    'manage-letter-templates': everyWhere,
  },
  // Taking every pupil's record out of Rollcall is for those accountable for the register.
  // They also own what the school's letters say, so they edit the templates without an admin.
  headteacher: {
    ...leadership,
    'export-register': everyWhere,
    'manage-letter-templates': everyWhere,
  },
  attendance_lead: {
    ...leadership,
    'export-register': everyWhere,
    'manage-letter-templates': everyWhere,
  },
  attendance_officer: leadership,
  office: {
    'view-school': everyWhere,
    'view-aggregates': everyWhere,
    'view-pupil-list': everyWhere,
    'view-pupil': everyWhere,
    'record-absence-reason': everyWhere,
    'record-sign-in-out': everyWhere,
    'record-absence-report': everyWhere,
  },
  teacher: {
    'view-school': everyWhere,
    'view-aggregates': 'own-class',
    'view-pupil-list': 'own-class',
    'view-pupil': 'own-class',
    'take-register': 'own-class',
  },
  // Governors hold the school to account on figures, never on named children.
  governor: { 'view-school': everyWhere, 'view-aggregates': everyWhere },
  parent: { 'view-pupil': 'own-child', 'record-absence-report': 'own-child' },
  // The authority's attendance service works cases with schools but never writes registers.
  la_officer: {
    'view-school': everyWhere,
    'view-aggregates': everyWhere,
    'view-pupil-list': everyWhere,
    'view-pupil': everyWhere,
  },
};

/** Whether an actor may exercise a capability on a target. */
export function can(actor: Actor, capability: Capability, target: AccessTarget): boolean {
  const grant = grants[actor.role][capability];
  switch (grant) {
    case undefined:
      return false;
    case 'school':
      return isWithinReach(actor.reach, target.school);
    case 'own-class':
      return (
        isWithinReach(actor.reach, target.school) &&
        (target.classIds ?? []).some((classId) => actor.classIds.includes(classId))
      );
    case 'own-child':
      return target.pupilId !== undefined && actor.pupilIds.includes(target.pupilId);
  }
}

/** Whether a school lies within a reach. */
export function isWithinReach(reach: Reach, school: SchoolRef): boolean {
  switch (reach.kind) {
    case 'school':
      return reach.schoolId === school.id;
    case 'trust':
      return reach.trustId === school.trustId;
    case 'local-authority':
      return reach.localAuthorityId === school.localAuthorityId;
    case 'none':
      return false;
  }
}

/** The capabilities a role holds somewhere, for telling a client what to show. */
export function listCapabilities(role: Role): Capability[] {
  return capabilities.filter((capability) => grants[role][capability] !== undefined);
}
