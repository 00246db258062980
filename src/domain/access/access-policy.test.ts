import { describe, expect, it } from 'vitest';
import {
  can,
  capabilities,
  listCapabilities,
  roles,
  type AccessTarget,
  type Actor,
  type Capability,
  type Role,
} from './access-policy.ts';

// A small world: schools A and B share a trust and an authority; school C is elsewhere.
const schoolA = { id: 1, trustId: 10, localAuthorityId: 100 };
const schoolB = { id: 2, trustId: 10, localAuthorityId: 100 };
const schoolC = { id: 3, trustId: 20, localAuthorityId: 200 };
const taughtClass = 11;
const otherClass = 12;
const child = 501;

const targets = {
  'school A': { school: schoolA },
  'the taught class': { school: schoolA, classIds: [taughtClass] },
  'another class': { school: schoolA, classIds: [otherClass] },
  'the child in the taught class': { school: schoolA, classIds: [taughtClass], pupilId: child },
  'another pupil': { school: schoolA, classIds: [otherClass], pupilId: 502 },
  'school C': { school: schoolC },
  'a pupil in school C': { school: schoolC, classIds: [31], pupilId: 503 },
} satisfies Record<string, AccessTarget>;

type TargetName = keyof typeof targets;

function makeActor(role: Role): Actor {
  const base = { userId: 1, role, classIds: [], pupilIds: [] };
  switch (role) {
    case 'teacher':
      return { ...base, reach: { kind: 'school', schoolId: schoolA.id }, classIds: [taughtClass] };
    case 'parent':
      return { ...base, reach: { kind: 'none' }, pupilIds: [child] };
    case 'la_officer':
      return { ...base, reach: { kind: 'local-authority', localAuthorityId: 100 } };
    default:
      return { ...base, reach: { kind: 'school', schoolId: schoolA.id } };
  }
}

const leadership: readonly Capability[] = [
  'view-school',
  'view-aggregates',
  'view-pupil-list',
  'view-pupil',
  'take-register',
  'amend-mark',
  'record-absence-reason',
  'record-sign-in-out',
  'record-absence-report',
  'manage-follow-up',
];
const office: readonly Capability[] = [
  'view-school',
  'view-aggregates',
  'view-pupil-list',
  'view-pupil',
  'record-absence-reason',
  'record-sign-in-out',
  'record-absence-report',
];
const teacherInClass: readonly Capability[] = [
  'view-school',
  'view-aggregates',
  'view-pupil-list',
  'view-pupil',
  'take-register',
];
const readOnly: readonly Capability[] = [
  'view-school',
  'view-aggregates',
  'view-pupil-list',
  'view-pupil',
];

function sameEverywhereInSchoolA(
  allowed: readonly Capability[],
): Record<TargetName, readonly Capability[]> {
  return {
    'school A': allowed,
    'the taught class': allowed,
    'another class': allowed,
    'the child in the taught class': allowed,
    'another pupil': allowed,
    'school C': [],
    'a pupil in school C': [],
  };
}

/** What each role may do to each target; everything not listed is refused. */
const allowed: Record<Role, Record<TargetName, readonly Capability[]>> = {
  admin: sameEverywhereInSchoolA([
    ...leadership,
    'manage-school',
    'export-register',
    'manage-letter-templates',
  ]),
  headteacher: sameEverywhereInSchoolA([
    ...leadership,
    'export-register',
    'manage-letter-templates',
  ]),
  attendance_lead: sameEverywhereInSchoolA([
    ...leadership,
    'export-register',
    'manage-letter-templates',
  ]),
  attendance_officer: sameEverywhereInSchoolA(leadership),
  office: sameEverywhereInSchoolA(office),
  teacher: {
    'school A': ['view-school'],
    'the taught class': teacherInClass,
    'another class': ['view-school'],
    'the child in the taught class': teacherInClass,
    'another pupil': ['view-school'],
    'school C': [],
    'a pupil in school C': [],
  },
  governor: sameEverywhereInSchoolA(['view-school', 'view-aggregates']),
  parent: {
    'school A': [],
    'the taught class': [],
    'another class': [],
    'the child in the taught class': ['view-pupil', 'record-absence-report'],
    'another pupil': [],
    'school C': [],
    'a pupil in school C': [],
  },
  la_officer: sameEverywhereInSchoolA(readOnly),
};

const cases = roles.flatMap((role) =>
  Object.keys(targets).flatMap((targetName) =>
    capabilities.map((capability) => ({
      role,
      capability,
      targetName: targetName as TargetName,
      expected: allowed[role][targetName as TargetName].includes(capability),
    })),
  ),
);

describe('the permission matrix', () => {
  it.each(cases)(
    '$role on $targetName: $capability is $expected',
    ({ role, capability, targetName, expected }) => {
      expect(can(makeActor(role), capability, targets[targetName])).toBe(expected);
    },
  );
});

describe('reach', () => {
  it('lets a trust-wide attendance lead act in every school of the trust and no other', () => {
    const lead: Actor = {
      userId: 2,
      role: 'attendance_lead',
      reach: { kind: 'trust', trustId: 10 },
      classIds: [],
      pupilIds: [],
    };
    expect(can(lead, 'amend-mark', { school: schoolA })).toBe(true);
    expect(can(lead, 'amend-mark', { school: schoolB })).toBe(true);
    expect(can(lead, 'amend-mark', { school: schoolC })).toBe(false);
  });

  it('lets an LA officer read every school of the authority but write to none', () => {
    const officer = makeActor('la_officer');
    expect(can(officer, 'view-pupil', { school: schoolB, pupilId: 9 })).toBe(true);
    expect(can(officer, 'view-school', { school: schoolC })).toBe(false);
    const writes = capabilities.filter((capability) => !readOnly.includes(capability));
    expect(writes.filter((capability) => can(officer, capability, { school: schoolB }))).toEqual(
      [],
    );
  });

  it('refuses a staff member whose account reaches no school', () => {
    const unplaced: Actor = { ...makeActor('headteacher'), reach: { kind: 'none' } };
    expect(can(unplaced, 'view-school', { school: schoolA })).toBe(false);
  });

  it("refuses a teacher another school's class even if the class id matches", () => {
    const teacher = makeActor('teacher');
    expect(can(teacher, 'take-register', { school: schoolC, classIds: [taughtClass] })).toBe(false);
  });

  it('never gives a governor pupil-level data', () => {
    const governor = makeActor('governor');
    const pupilLevel: readonly Capability[] = ['view-pupil', 'view-pupil-list'];
    for (const capability of pupilLevel) {
      expect(can(governor, capability, targets['the child in the taught class'])).toBe(false);
    }
  });
});

describe('listing capabilities', () => {
  it('gives a governor only the school and its figures', () => {
    expect(listCapabilities('governor')).toEqual(['view-school', 'view-aggregates']);
  });
});
