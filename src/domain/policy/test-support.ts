/**
 * Builders for unit tests of the policy engine: small calendars, pupils written as code strings
 * (as in scenario files), rules with readable parameters, and evaluation down to alert lines.
 * Test code only; nothing in the application imports it.
 */
import { addDays, type IsoDate } from '../calendar/plain-date.ts';
import {
  buildSchoolCalendar,
  countSchoolDaysThrough,
  schoolDayIndex,
  sessionIndex,
  type ClosureInput,
  type SchoolCalendar,
  type SessionName,
  type TermInput,
} from '../calendar/school-calendar.ts';
import { codeId, NO_MARK } from '../codes/code-registry.ts';
import type { Jurisdiction } from '../codes/code-table.ts';
import { formatProblem, type InputProblem } from '../problem.ts';
import type { PupilAttendance } from '../statistics/attendance-context.ts';
import { parseWindow } from './compile-policy.ts';
import { evaluateSchool, preparePolicy, type SchoolEvaluation } from './evaluate-school.ts';
import { fractionFromDecimal, type Fraction } from './fraction.ts';
import type {
  ConsecutiveDaysRule,
  CountInWindowRule,
  Period,
  Policy,
  RateCondition,
  RateMeasure,
  Rule,
  UnresolvedMarkRule,
  WeeklyRateRule,
} from './policy.ts';

/** A calendar from terms written as [start, end] pairs (named T1, T2, ...) and closures. */
export function calendarOf(
  terms: readonly (readonly [IsoDate, IsoDate] | TermInput)[],
  closures: readonly ClosureInput[] = [],
): SchoolCalendar {
  const termInputs = terms.map((term, i): TermInput =>
    'start' in term ? term : { name: `T${i + 1}`, start: term[0], end: term[1] },
  );
  const built = buildSchoolCalendar({ terms: termInputs, closures });
  if (!built.ok) throw new Error(built.error.map((p) => `${p.field}: ${p.message}`).join('\n'));
  return built.value;
}

/** The autumn term 2024 with an October half term: 15 school weeks, 70 school days. */
export function autumn2024(): SchoolCalendar {
  return calendarOf(
    [['2024-09-02', '2024-12-20']],
    [{ date: '2024-10-28', to: '2024-11-01', reason: 'half term' }],
  );
}

/** `token` repeated `count` times, separated by spaces. */
export function repeat(token: string, count: number): string {
  return Array.from({ length: count }, () => token).join(' ');
}

/** Both sessions of `count` school days carrying `code`. */
export function days(code: string, count: number): string {
  return repeat(code, count * 2);
}

/** `count` school days present (/ in the morning, \ in the afternoon). */
export function presentDays(count: number): string {
  return repeat('/ \\', count);
}

export interface MarkRun {
  readonly from: IsoDate;
  readonly session?: SessionName;
  readonly codes: string;
}

export interface PupilOptions {
  readonly id?: string;
  /** Where the first run of `codes` starts (default: the first school day, AM). */
  readonly from?: IsoDate;
  readonly session?: SessionName;
  /** More runs, applied after the first (later runs win, as in scenario files). */
  readonly runs?: readonly MarkRun[];
  readonly rollFrom?: IsoDate;
  readonly rollTo?: IsoDate;
  /** Dates with a contact whose outcome was "reached". */
  readonly reachedContacts?: readonly IsoDate[];
}

/**
 * A pupil whose marks are written as in a scenario file: tokens fill consecutive school sessions
 * (AM then PM, skipping weekends, holidays and closures); `-` is no mark.
 */
export function pupilOf(
  calendar: SchoolCalendar,
  codes: string,
  options: PupilOptions = {},
): PupilAttendance {
  const marks = new Uint8Array(calendar.days.length * 2);
  const first = calendar.days[0];
  if (first === undefined) throw new Error('the calendar has no school days');
  const runs: MarkRun[] = [
    { from: options.from ?? first, session: options.session ?? 'AM', codes },
    ...(options.runs ?? []),
  ];
  for (const run of runs) {
    const day = schoolDayIndex(calendar, run.from);
    if (day < 0) throw new Error(`${run.from} is not a school day`);
    let session = sessionIndex(day, run.session ?? 'AM');
    for (const token of run.codes.split(/\s+/).filter((t) => t !== '')) {
      if (session >= marks.length)
        throw new Error(`the run from ${run.from} is past the last term`);
      const id = token === '-' ? NO_MARK : codeId(token);
      if (token !== '-' && id === NO_MARK) throw new Error(`"${token}" is not a code`);
      marks[session++] = id;
    }
  }
  const reached = new Set<number>();
  for (const date of options.reachedContacts ?? []) reached.add(schoolDayIndex(calendar, date));
  return {
    id: options.id ?? 'P1',
    marks,
    rollFromDay: options.rollFrom
      ? countSchoolDaysThrough(calendar, addDays(options.rollFrom, -1))
      : 0,
    rollToDay: options.rollTo
      ? countSchoolDaysThrough(calendar, options.rollTo)
      : calendar.days.length,
    reachedContactDays: reached,
  };
}

/**
 * A pupil with marks only where given, each written "DATE SESSION CODES..." (a run from that
 * session), e.g. "2024-09-13 PM N" or "2024-09-02 AM N N N".
 */
export function pupilWithMarks(
  calendar: SchoolCalendar,
  marks: readonly string[],
  options: Omit<PupilOptions, 'from' | 'session' | 'runs'> = {},
): PupilAttendance {
  const runs = marks.map((line): MarkRun => {
    const [from = '', session = '', ...codes] = line.split(/\s+/);
    if (session !== 'AM' && session !== 'PM') throw new Error(`"${line}" needs AM or PM`);
    return { from, session, codes: codes.join(' ') };
  });
  return pupilOf(calendar, '', { ...options, runs });
}

function fraction(value: number): Fraction {
  const result = fractionFromDecimal(value);
  if (!result) throw new Error(`${value} is not a usable rate`);
  return result;
}

function condition(
  measure: RateMeasure,
  rate: { below: number } | { atLeast: number },
): RateCondition {
  return 'below' in rate
    ? { measure, comparison: 'below', threshold: fraction(rate.below) }
    : { measure, comparison: 'at-least', threshold: fraction(rate.atLeast) };
}

/** A count-in-window rule; the window is written as in rules.md ("rolling 10 school weeks"). */
export function countInWindow(
  id: string,
  spec: {
    codes: readonly string[];
    threshold: number;
    window: string;
    oncePer?: Period;
    onlyWhen?: { measure: RateMeasure } & ({ below: number } | { atLeast: number });
  },
): CountInWindowRule {
  const problems: InputProblem[] = [];
  const window = parseWindow(spec.window, 'window', problems);
  if (problems.length > 0) throw new Error(problems.map(formatProblem).join('\n'));
  return {
    id,
    kind: 'count-in-window',
    title: id,
    codes: spec.codes,
    threshold: spec.threshold,
    window,
    oncePer: spec.oncePer ?? null,
    onlyWhen: spec.onlyWhen ? condition(spec.onlyWhen.measure, spec.onlyWhen) : null,
  };
}

/** A consecutive-days rule. */
export function consecutiveDays(
  id: string,
  spec: { codes: readonly string[]; days: number; breakOnReachedContact?: boolean },
): ConsecutiveDaysRule {
  return {
    id,
    kind: 'consecutive-days',
    title: id,
    codes: spec.codes,
    days: spec.days,
    breakOnReachedContact: spec.breakOnReachedContact ?? false,
  };
}

/** A weekly-rate rule (minPossible defaults to 20, as in the presets). */
export function weeklyRate(
  id: string,
  spec: { measure: RateMeasure; minPossible?: number } & ({ below: number } | { atLeast: number }),
  alsoRequires: { codes: readonly string[]; atLeast: number } | null = null,
): WeeklyRateRule {
  return {
    id,
    kind: 'weekly-rate',
    title: id,
    condition: condition(spec.measure, spec),
    alsoRequires,
    minPossible: spec.minPossible ?? 20,
  };
}

/** An unresolved-mark rule. */
export function unresolvedMark(
  id: string,
  spec: { code: string; days: number },
): UnresolvedMarkRule {
  return { id, kind: 'unresolved-mark', title: id, code: spec.code, days: spec.days };
}

/** A policy made of the given rules. */
export function policyOf(rules: readonly Rule[]): Policy {
  return {
    name: 'test',
    title: 'test policy',
    bases: [],
    settings: {},
    target: { numerator: 95, denominator: 100 },
    rules,
  };
}

/** Evaluate pupils under rules as of a date. */
export function evaluate(
  calendar: SchoolCalendar,
  rules: readonly Rule[],
  pupils: readonly PupilAttendance[],
  asOf: IsoDate,
  jurisdiction: Jurisdiction = 'england',
): SchoolEvaluation {
  const prepared = preparePolicy(policyOf(rules), calendar, jurisdiction, asOf);
  if (!prepared.ok) throw new Error(prepared.error.map(formatProblem).join('\n'));
  return evaluateSchool(prepared.value, pupils);
}

/** A pupil's alerts as "rule date session" lines, in output order. */
export function alertsOf(
  calendar: SchoolCalendar,
  rules: readonly Rule[],
  pupil: PupilAttendance,
  asOf: IsoDate,
  jurisdiction: Jurisdiction = 'england',
): string[] {
  const evaluation = evaluate(calendar, rules, [pupil], asOf, jurisdiction);
  return (evaluation.pupils[0]?.alerts ?? []).map((a) => `${a.rule} ${a.date} ${a.session}`);
}
