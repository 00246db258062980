import type { SessionName } from '../../contracts/common.contract.ts';
import { describeCode } from '../office/attendance-codes.ts';
import type { CodeChoice } from '../register/register-codes.ts';

/**
 * A lesson register's marks are the school's own record, so they are the three the lesson API
 * accepts everywhere: present, late and absent, on the same keys as the session register.
 */
export function listLessonChoices(): readonly CodeChoice[] {
  return [
    { code: '/', label: 'Present', meaning: 'Present in the lesson', keys: ['/', 'p'] },
    { code: 'L', label: 'Late', meaning: 'Late to the lesson', keys: ['l'] },
    { code: 'N', label: 'Absent', meaning: 'Absent from the lesson', keys: ['n', 'a'] },
  ];
}

const lessonWords: Readonly<Record<string, string>> = {
  '/': 'present',
  L: 'late',
  N: 'absent',
};

/** "absent (N)" for a lesson mark. */
export function describeLessonMark(code: string): string {
  const words = lessonWords[code];
  return words === undefined ? code : `${words} (${code})`;
}

const registrationWords: Readonly<Record<string, string>> = {
  '/': 'present',
  '\\': 'present',
  L: 'late',
  U: 'late after the register closed',
  N: 'absent, no reason yet',
};

/** What a pupil's session mark says, as a lesson register shows it: "Morning register: late (L)". */
export function describeRegistrationMark(session: SessionName, code: string | null): string {
  const register = session === 'AM' ? 'Morning register' : 'Afternoon register';
  if (code === null) return `${register}: not marked yet`;
  const words = registrationWords[code];
  return words === undefined
    ? `${register}: ${describeCode(code)}`
    : `${register}: ${words} (${code})`;
}

/** Session codes meaning the pupil was in at registration; a lesson absence then needs a look. */
const inAtRegistration: ReadonlySet<string> = new Set(['/', '\\', 'L']);

/** Whether a pupil was in school at registration, so an absence from the lesson stands out. */
export function wasInAtRegistration(code: string | null): boolean {
  return code !== null && inAtRegistration.has(code);
}
