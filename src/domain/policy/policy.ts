import type { Fraction } from './fraction.ts';

/** A rule's codes: code strings and named sets (UNAUTH, ABSENT, ...), resolved per code table. */
export type CodeSelector = readonly string[];

export type CountWindow =
  | { readonly kind: 'rolling-school-weeks'; readonly weeks: number }
  | { readonly kind: 'term' }
  | { readonly kind: 'term-and-previous' }
  | { readonly kind: 'academic-year' }
  | { readonly kind: 'calendar-month' };

export type Period = 'term' | 'academic-year' | 'calendar-month';

export type RateMeasure = 'attendance-rate' | 'absence-rate';
export type RateComparison = 'below' | 'at-least';

/** A year-to-date rate test: e.g. attendance rate below 90%. */
export interface RateCondition {
  readonly measure: RateMeasure;
  readonly comparison: RateComparison;
  readonly threshold: Fraction;
}

export interface CountInWindowRule {
  readonly id: string;
  readonly kind: 'count-in-window';
  readonly title: string;
  readonly codes: CodeSelector;
  readonly threshold: number;
  readonly window: CountWindow;
  /** When set, the count is not consumed and the rule fires at most once per period. */
  readonly oncePer: Period | null;
  /** Extra year-to-date condition that must hold at the firing session. */
  readonly onlyWhen: RateCondition | null;
}

export interface ConsecutiveDaysRule {
  readonly id: string;
  readonly kind: 'consecutive-days';
  readonly title: string;
  readonly codes: CodeSelector;
  readonly days: number;
  /** A day with a reached contact does not count (for missing-from-education rules). */
  readonly breakOnReachedContact: boolean;
}

export interface WeeklyRateRule {
  readonly id: string;
  readonly kind: 'weekly-rate';
  readonly title: string;
  readonly condition: RateCondition;
  /** Also require at least this many sessions with these codes in the academic year. */
  readonly alsoRequires: { readonly codes: CodeSelector; readonly atLeast: number } | null;
  readonly minPossible: number;
}

export interface UnresolvedMarkRule {
  readonly id: string;
  readonly kind: 'unresolved-mark';
  readonly title: string;
  readonly code: string;
  readonly days: number;
}

export type Rule = CountInWindowRule | ConsecutiveDaysRule | WeeklyRateRule | UnresolvedMarkRule;
export type RuleKind = Rule['kind'];

/** A school's policy with every setting resolved: what the engine runs. */
export interface Policy {
  readonly name: string;
  readonly title: string;
  /** Chain of presets this policy derives from, nearest first. */
  readonly bases: readonly string[];
  readonly settings: Readonly<Record<string, number>>;
  readonly target: Fraction;
  readonly rules: readonly Rule[];
}
