import type { InputProblem } from '../problem.ts';
import { isIsoDate, type IsoDate } from './plain-date.ts';
import type { SessionName } from './school-calendar.ts';

/** A span of whole days, both ends included. */
export interface DaySpan {
  readonly startsOn: IsoDate;
  readonly endsOn: IsoDate;
}

export interface NamedSpan extends DaySpan {
  readonly id?: number | undefined;
  readonly name: string;
}

/** A closure from the start of one session to the end of another. */
export interface ClosureSpan {
  readonly id?: number | undefined;
  readonly startsOn: IsoDate;
  readonly startsSession: SessionName;
  readonly endsOn: IsoDate;
  readonly endsSession: SessionName;
  readonly reason: string;
}

function overlaps(a: DaySpan, b: DaySpan): boolean {
  return a.startsOn <= b.endsOn && b.startsOn <= a.endsOn;
}

function isInside(inner: DaySpan, outer: DaySpan): boolean {
  return inner.startsOn >= outer.startsOn && inner.endsOn <= outer.endsOn;
}

function describeSpan(span: DaySpan): string {
  return `${span.startsOn} to ${span.endsOn}`;
}

/** Problems with a span's own dates: real dates, in order (a year must span more than a day). */
function checkDates(span: DaySpan, what: string, strictlyAfter: boolean): InputProblem[] {
  const problems: InputProblem[] = [];
  if (!isIsoDate(span.startsOn))
    problems.push({ field: 'startsOn', message: `"${span.startsOn}" is not a real date` });
  if (!isIsoDate(span.endsOn))
    problems.push({ field: 'endsOn', message: `"${span.endsOn}" is not a real date` });
  if (problems.length > 0) return problems;
  if (strictlyAfter ? span.endsOn <= span.startsOn : span.endsOn < span.startsOn)
    problems.push({
      field: 'endsOn',
      message: `the ${what} ends (${span.endsOn}) before it starts (${span.startsOn})`,
    });
  return problems;
}

function checkName(name: string, what: string): InputProblem[] {
  return name.trim() === '' ? [{ field: 'name', message: `give the ${what} a name` }] : [];
}

/**
 * Problems with an academic year as it would be: its own dates, overlap with the school's
 * other years (same name too), and its terms (when it has any) still inside it.
 */
export function checkAcademicYear(
  year: NamedSpan,
  context: { readonly otherYears: readonly NamedSpan[]; readonly terms: readonly NamedSpan[] },
): InputProblem[] {
  const problems = [...checkName(year.name, 'academic year'), ...checkDates(year, 'year', true)];
  if (problems.length > 0) return problems;
  for (const other of context.otherYears) {
    if (other.name.trim() === year.name.trim())
      problems.push({
        field: 'name',
        message: `there is already an academic year "${other.name}"`,
      });
    if (overlaps(year, other))
      problems.push({
        field: 'startsOn',
        message: `the year overlaps academic year ${other.name} (${describeSpan(other)})`,
      });
  }
  for (const term of context.terms)
    if (!isInside(term, year))
      problems.push({
        field: 'startsOn',
        message: `term "${term.name}" (${describeSpan(term)}) would fall outside the year; change or remove the term first`,
      });
  return problems;
}

/**
 * Problems with a term as it would be: its own dates, inside its academic year, no overlap
 * with any other term of the school, and every closure that lay in it still inside a term.
 */
export function checkTerm(
  term: NamedSpan,
  context: {
    readonly year: NamedSpan;
    readonly otherTerms: readonly NamedSpan[];
    /** Closures that lay inside this term before the change (none for a new term). */
    readonly closures: readonly ClosureSpan[];
  },
): InputProblem[] {
  const problems = [...checkName(term.name, 'term'), ...checkDates(term, 'term', false)];
  if (problems.length > 0) return problems;
  if (!isInside(term, context.year))
    problems.push({
      field: term.startsOn < context.year.startsOn ? 'startsOn' : 'endsOn',
      message: `the term must lie inside academic year ${context.year.name} (${describeSpan(context.year)})`,
    });
  for (const other of context.otherTerms)
    if (overlaps(term, other))
      problems.push({
        field: 'startsOn',
        message: `the term overlaps term "${other.name}" (${describeSpan(other)})`,
      });
  for (const closure of context.closures) {
    const span = { startsOn: closure.startsOn, endsOn: closure.endsOn };
    if (!isInside(span, term) && !context.otherTerms.some((other) => isInside(span, other)))
      problems.push({
        field: 'endsOn',
        message: `closure "${closure.reason}" (${describeSpan(span)}) would no longer be inside a term; change or remove it first`,
      });
  }
  return problems;
}

/** Whether a closure's start comes after its end, counting the morning before the afternoon. */
function isBackwards(closure: ClosureSpan): boolean {
  return (
    `${closure.endsOn} ${closure.endsSession}` < `${closure.startsOn} ${closure.startsSession}`
  );
}

/**
 * Problems with a closure as it would be: a reason, its dates in order, inside one term, and
 * not overlapping the school's other closures.
 */
export function checkClosure(
  closure: ClosureSpan,
  context: { readonly terms: readonly NamedSpan[]; readonly otherClosures: readonly ClosureSpan[] },
): InputProblem[] {
  const problems: InputProblem[] =
    closure.reason.trim() === ''
      ? [{ field: 'reason', message: 'say why the school is closed (e.g. "INSET day")' }]
      : [];
  const dateProblems = checkDates(closure, 'closure', false);
  if (dateProblems.length > 0) return [...problems, ...dateProblems];
  if (isBackwards(closure))
    return [
      ...problems,
      { field: 'endsSession', message: 'the closure ends on the morning before it starts' },
    ];
  if (!context.terms.some((term) => isInside(closure, term))) {
    const near = context.terms.filter((term) => overlaps(closure, term));
    problems.push({
      field: 'startsOn',
      message:
        near.length === 0
          ? `a closure must fall inside a term, and no term covers ${describeSpan(closure)}`
          : `a closure must fall inside one term; ${describeSpan(closure)} runs outside term "${near[0]?.name ?? ''}" (${near[0] === undefined ? '' : describeSpan(near[0])})`,
    });
  }
  for (const other of context.otherClosures) {
    const sharesSession =
      `${closure.startsOn} ${closure.startsSession}` <= `${other.endsOn} ${other.endsSession}` &&
      `${other.startsOn} ${other.startsSession}` <= `${closure.endsOn} ${closure.endsSession}`;
    if (sharesSession)
      problems.push({
        field: 'startsOn',
        message: `the closure overlaps closure "${other.reason}" (${describeSpan(other)})`,
      });
  }
  return problems;
}
