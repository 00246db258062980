import type { SessionName } from '../../contracts/common.contract.ts';
import type { leavePurposes } from '../../contracts/follow-up.contract.ts';
import { describeSession, formatPlainDate } from '../london-time.ts';
import { describeCode } from '../office/attendance-codes.ts';

export type LeavePurpose = (typeof leavePurposes)[number];
export type LeaveStatus = 'pending' | 'granted' | 'part-granted' | 'refused';

export interface SessionPoint {
  readonly date: string;
  readonly session: SessionName;
}

// Typed against the contract's list, so a purpose the server does not know cannot be offered.
export const leavePurposeChoices: readonly { value: LeavePurpose; label: string; hint: string }[] =
  [
    {
      value: 'exceptional',
      label: 'Exceptional circumstances',
      hint: 'For example a funeral, a wedding of a close relative or a parent’s return from service.',
    },
    { value: 'holiday', label: 'Holiday', hint: 'Only granted in exceptional circumstances.' },
    {
      value: 'extended-holiday',
      label: 'Extended leave (a long visit)',
      hint: 'Give the date your child will be back at school.',
    },
  ];

const purposeWords: Readonly<Record<LeavePurpose, string>> = {
  exceptional: 'Leave for exceptional circumstances',
  holiday: 'Holiday',
  'extended-holiday': 'Extended leave',
};

export function describeLeavePurpose(purpose: LeavePurpose): string {
  return purposeWords[purpose];
}

const statusWords: Readonly<Record<LeaveStatus, string>> = {
  pending: 'Waiting for a decision',
  granted: 'Granted',
  'part-granted': 'Partly granted',
  refused: 'Refused',
};

export function describeLeaveStatus(status: LeaveStatus): string {
  return statusWords[status];
}

/** "6 sessions (3 school days)": a school day has two sessions. */
export function describeSessionCount(sessions: number): string {
  const days = sessions / 2;
  const dayWords =
    days === 0.5
      ? 'half a school day'
      : `${String(Math.floor(days))}${days % 1 === 0 ? '' : '½'} school ${days === 1 ? 'day' : 'days'}`;
  return `${String(sessions)} ${sessions === 1 ? 'session' : 'sessions'} (${dayWords})`;
}

/** "Monday 9 September 2024, morning". */
export function describeSessionPoint(point: SessionPoint): string {
  return `${formatPlainDate(point.date)}, ${describeSession(point.session)}`;
}

/** "Monday 9 September 2024 (morning) to Wednesday 11 September 2024 (end of the day)". */
export function describeLeaveSpan(from: SessionPoint, to: SessionPoint): string {
  const start = `${formatPlainDate(from.date)}${from.session === 'PM' ? ' (afternoon)' : ''}`;
  const end = `${formatPlainDate(to.date)}${to.session === 'AM' ? ' (morning only)' : ''}`;
  return from.date === to.date && from.session === to.session
    ? describeSessionPoint(from)
    : from.date === to.date && from.session === 'AM' && to.session === 'PM'
      ? formatPlainDate(from.date)
      : `${start} to ${end}`;
}

const leaveCodes: Readonly<Record<string, string>> = {
  H: 'holiday agreed by the school',
  F: 'extended holiday agreed by the school',
};

/** A leave session's code with what it means, e.g. "C (leave for exceptional circumstances)". */
export function describeLeaveCode(code: string): string {
  const meaning = leaveCodes[code];
  return meaning === undefined ? describeCode(code) : `${code} (${meaning})`;
}

/** The key a session goes by in a form: "2024-09-09 AM". */
export function describeSessionKey(point: SessionPoint): string {
  return `${point.date} ${point.session}`;
}

/** Sessions as a parent reads them: whole days by date, a half day with its session. */
export function describeSessionDays(sessions: readonly SessionPoint[]): string {
  const byDate = new Map<string, SessionName[]>();
  for (const point of sessions)
    byDate.set(point.date, [...(byDate.get(point.date) ?? []), point.session]);
  return [...byDate]
    .map(([date, names]) =>
      names.length === 2
        ? formatPlainDate(date)
        : describeSessionPoint({ date, session: names[0] ?? 'AM' }),
    )
    .join('; ');
}
