import {
  checkAcademicYear,
  checkClosure,
  checkTerm,
  type ClosureSpan,
  type NamedSpan,
} from '../domain/calendar/calendar-edits.ts';
import { addDays, type IsoDate } from '../domain/calendar/plain-date.ts';
import type { InputProblem } from '../domain/problem.ts';
import { err, ok, type Result } from '../domain/result.ts';
import { recordAuditEvent } from '../store/audit.repository.ts';
import {
  countClassesInYear,
  countMarksInSpan,
  deleteAcademicYear,
  deleteClosure,
  deleteTerm,
  insertAcademicYear,
  insertTerm,
  listAllClosures,
  lockSchool,
  updateAcademicYear,
  updateClosure,
  updateTerm,
} from '../store/school-admin.repository.ts';
import {
  // Adding a closure is the same insert whether an import or an administrator does it.
  addClosure as insertClosure,
  listAcademicYears,
  type AcademicYear,
  type Closure,
  type Term,
} from '../store/school.repository.ts';
import { runAtomically, type Executor } from '../store/transaction.ts';
import type { Clock } from './clock.ts';
import { loadSchoolCalendar } from './school-calendar.service.ts';

export interface CalendarAdminDeps {
  readonly db: Executor;
  readonly clock: Clock;
}

/** A school's academic years (each with its terms) and closures, as an administrator edits them. */
export interface EditableCalendar {
  readonly academicYears: readonly AcademicYear[];
  readonly closures: readonly Closure[];
}

export type CalendarEditError =
  | { readonly kind: 'school-not-found' }
  | { readonly kind: 'not-found'; readonly what: 'academic year' | 'term' | 'closure' }
  | { readonly kind: 'calendar-change-invalid'; readonly problems: readonly InputProblem[] }
  | { readonly kind: 'register-marks-recorded'; readonly count: number; readonly detail: string };

export interface YearFields {
  readonly name: string;
  readonly startsOn: IsoDate;
  readonly endsOn: IsoDate;
}

export type ClosureFields = Omit<ClosureSpan, 'id'>;

/** Who changes which school's calendar. */
export interface CalendarEditor {
  readonly schoolId: number;
  readonly actorUserId: number;
}

type Edit<T> = Promise<Result<T, CalendarEditError>>;

export async function loadEditableCalendar(
  db: Executor,
  schoolId: number,
): Promise<EditableCalendar> {
  return {
    academicYears: await listAcademicYears(db, schoolId),
    closures: await listAllClosures(db, schoolId),
  };
}

function invalid(problems: readonly InputProblem[]): Result<never, CalendarEditError> {
  return err({ kind: 'calendar-change-invalid', problems });
}

function marksInTheWay(count: number, what: string): Result<never, CalendarEditError> {
  const marks = count === 1 ? '1 register mark is' : `${String(count)} register marks are`;
  return err({
    kind: 'register-marks-recorded',
    count,
    detail: `${marks} recorded ${what}. Amend or remove those marks first.`,
  });
}

const allTermsOf = (calendar: EditableCalendar): Term[] =>
  calendar.academicYears.flatMap((year) => year.terms);

const wholeDays = (span: { startsOn: IsoDate; endsOn: IsoDate }) =>
  ({ ...span, startsSession: 'AM', endsSession: 'PM' }) as const;

/**
 * Runs one calendar change for a school: locks the school, hands the current calendar to the
 * change, then checks that the whole calendar still compiles before committing, and writes an
 * audit entry. Any refusal undoes everything.
 */
async function changeCalendar<T>(
  deps: CalendarAdminDeps,
  editor: CalendarEditor,
  action: string,
  change: (trx: Executor, calendar: EditableCalendar) => Edit<{ value: T; details: object }>,
): Edit<T> {
  const at = deps.clock.now();
  return runAtomically<T, CalendarEditError>(deps.db, async (trx) => {
    if (!(await lockSchool(trx, editor.schoolId))) return err({ kind: 'school-not-found' });
    // A school still being set up (no terms yet) has no working calendar before the change;
    // only a change that breaks a working calendar is refused on the whole calendar's account.
    const worked = (await loadSchoolCalendar(trx, editor.schoolId)).ok;
    const changed = await change(trx, await loadEditableCalendar(trx, editor.schoolId));
    if (!changed.ok) return changed;
    const compiled = await loadSchoolCalendar(trx, editor.schoolId);
    if (!compiled.ok && worked)
      return compiled.error.kind === 'school-not-found'
        ? err({ kind: 'school-not-found' })
        : invalid(compiled.error.problems);
    await recordAuditEvent(trx, {
      actorUserId: editor.actorUserId,
      action,
      subjectPupilId: null,
      details: { schoolId: editor.schoolId, ...changed.value.details },
      occurredAt: at,
    });
    return ok(changed.value.value);
  });
}

export function addAcademicYear(
  deps: CalendarAdminDeps,
  editor: CalendarEditor,
  fields: YearFields,
): Edit<AcademicYear> {
  return changeCalendar(deps, editor, 'calendar.academic-year-added', async (trx, calendar) => {
    const problems = checkAcademicYear(fields, { otherYears: calendar.academicYears, terms: [] });
    if (problems.length > 0) return invalid(problems);
    const id = await insertAcademicYear(trx, { schoolId: editor.schoolId, ...fields });
    const year = { id, schoolId: editor.schoolId, ...fields, terms: [] };
    return ok({ value: year, details: { academicYearId: id, after: fields } });
  });
}

export function changeAcademicYear(
  deps: CalendarAdminDeps,
  editor: CalendarEditor,
  change: YearFields & { readonly yearId: number },
): Edit<AcademicYear> {
  return changeCalendar(deps, editor, 'calendar.academic-year-changed', async (trx, calendar) => {
    const year = calendar.academicYears.find((candidate) => candidate.id === change.yearId);
    if (year === undefined) return err({ kind: 'not-found', what: 'academic year' });
    const fields = { name: change.name, startsOn: change.startsOn, endsOn: change.endsOn };
    const problems = checkAcademicYear(fields, {
      otherYears: calendar.academicYears.filter((other) => other.id !== year.id),
      terms: year.terms,
    });
    if (problems.length > 0) return invalid(problems);
    await updateAcademicYear(trx, { id: year.id, ...fields });
    return ok({
      value: { ...year, ...fields },
      details: { academicYearId: year.id, before: pickSpan(year), after: fields },
    });
  });
}

export function removeAcademicYear(
  deps: CalendarAdminDeps,
  editor: CalendarEditor,
  yearId: number,
): Edit<void> {
  return changeCalendar(deps, editor, 'calendar.academic-year-removed', async (trx, calendar) => {
    const year = calendar.academicYears.find((candidate) => candidate.id === yearId);
    if (year === undefined) return err({ kind: 'not-found', what: 'academic year' });
    const marks = await countMarksInSpan(trx, {
      schoolId: editor.schoolId,
      span: wholeDays(year),
    });
    if (marks > 0) return marksInTheWay(marks, `in academic year ${year.name}`);
    const classes = await countClassesInYear(trx, year.id);
    if (classes > 0)
      return invalid([
        {
          field: 'academicYear',
          message: `${classes === 1 ? '1 class belongs' : `${String(classes)} classes belong`} to academic year ${year.name}; move or remove them first`,
        },
      ]);
    const stranded = calendar.closures.filter(
      (closure) => closure.startsOn <= year.endsOn && closure.endsOn >= year.startsOn,
    );
    if (stranded.length > 0)
      return invalid([
        {
          field: 'academicYear',
          message: `academic year ${year.name} has ${String(stranded.length)} closure(s); remove them first`,
        },
      ]);
    await deleteAcademicYear(trx, year.id);
    return ok({ value: undefined, details: { academicYearId: year.id, before: pickSpan(year) } });
  });
}

export function addTerm(
  deps: CalendarAdminDeps,
  editor: CalendarEditor,
  fields: YearFields & { readonly academicYearId: number },
): Edit<Term> {
  return changeCalendar(deps, editor, 'calendar.term-added', async (trx, calendar) => {
    const year = calendar.academicYears.find((candidate) => candidate.id === fields.academicYearId);
    if (year === undefined)
      return invalid([
        { field: 'academicYearId', message: 'the school has no academic year with that id' },
      ]);
    const term = { name: fields.name, startsOn: fields.startsOn, endsOn: fields.endsOn };
    const problems = checkTerm(term, { year, otherTerms: allTermsOf(calendar), closures: [] });
    if (problems.length > 0) return invalid(problems);
    const id = await insertTerm(trx, { academicYearId: year.id, ...term });
    return ok({
      value: { id, ...term },
      details: { termId: id, academicYearId: year.id, after: term },
    });
  });
}

/** A term and the academic year it belongs to, when the school has it. */
function findTermOf(calendar: EditableCalendar, termId: number) {
  for (const year of calendar.academicYears) {
    const term = year.terms.find((candidate) => candidate.id === termId);
    if (term !== undefined) return { year, term };
  }
  return undefined;
}

/** Closures that lie inside a span of days. */
function closuresInside(calendar: EditableCalendar, span: NamedSpan): Closure[] {
  return calendar.closures.filter(
    (closure) => closure.startsOn >= span.startsOn && closure.endsOn <= span.endsOn,
  );
}

export function changeTerm(
  deps: CalendarAdminDeps,
  editor: CalendarEditor,
  change: YearFields & { readonly termId: number },
): Edit<Term> {
  return changeCalendar(deps, editor, 'calendar.term-changed', async (trx, calendar) => {
    const found = findTermOf(calendar, change.termId);
    if (found === undefined) return err({ kind: 'not-found', what: 'term' });
    const { year, term } = found;
    const fields = { name: change.name, startsOn: change.startsOn, endsOn: change.endsOn };
    const problems = checkTerm(fields, {
      year,
      otherTerms: allTermsOf(calendar).filter((other) => other.id !== term.id),
      closures: closuresInside(calendar, term),
    });
    if (problems.length > 0) return invalid(problems);
    // Days the term gives up must hold no marks, or those marks would lie outside any term.
    const givenUp = [
      { startsOn: term.startsOn, endsOn: minDate(term.endsOn, addDays(fields.startsOn, -1)) },
      { startsOn: maxDate(term.startsOn, addDays(fields.endsOn, 1)), endsOn: term.endsOn },
    ].filter((span) => span.startsOn <= span.endsOn);
    let marks = 0;
    for (const span of givenUp)
      marks += await countMarksInSpan(trx, { schoolId: editor.schoolId, span: wholeDays(span) });
    if (marks > 0) return marksInTheWay(marks, `on days term "${term.name}" would no longer cover`);
    await updateTerm(trx, { id: term.id, ...fields });
    return ok({
      value: { id: term.id, ...fields },
      details: { termId: term.id, before: pickSpan(term), after: fields },
    });
  });
}

export function removeTerm(
  deps: CalendarAdminDeps,
  editor: CalendarEditor,
  termId: number,
): Edit<void> {
  return changeCalendar(deps, editor, 'calendar.term-removed', async (trx, calendar) => {
    const found = findTermOf(calendar, termId);
    if (found === undefined) return err({ kind: 'not-found', what: 'term' });
    const { term } = found;
    const marks = await countMarksInSpan(trx, { schoolId: editor.schoolId, span: wholeDays(term) });
    if (marks > 0) return marksInTheWay(marks, `in term "${term.name}"`);
    const closures = closuresInside(calendar, term);
    if (closures.length > 0)
      return invalid([
        {
          field: 'term',
          message: `term "${term.name}" has ${String(closures.length)} closure(s); remove them first`,
        },
      ]);
    await deleteTerm(trx, term.id);
    return ok({ value: undefined, details: { termId: term.id, before: pickSpan(term) } });
  });
}

export function addClosure(
  deps: CalendarAdminDeps,
  editor: CalendarEditor,
  fields: ClosureFields,
): Edit<Closure> {
  return changeCalendar(deps, editor, 'calendar.closure-added', async (trx, calendar) => {
    const problems = checkClosure(fields, {
      terms: allTermsOf(calendar),
      otherClosures: calendar.closures,
    });
    if (problems.length > 0) return invalid(problems);
    const marks = await countMarksInSpan(trx, { schoolId: editor.schoolId, span: fields });
    if (marks > 0) return marksInTheWay(marks, 'in the sessions the closure would cover');
    const closure = { schoolId: editor.schoolId, ...fields, reason: fields.reason.trim() };
    const added = await insertClosure(trx, closure);
    return ok({ value: added, details: { closureId: added.id, after: fields } });
  });
}

export function changeClosure(
  deps: CalendarAdminDeps,
  editor: CalendarEditor,
  change: ClosureFields & { readonly closureId: number },
): Edit<Closure> {
  return changeCalendar(deps, editor, 'calendar.closure-changed', async (trx, calendar) => {
    const existing = calendar.closures.find((closure) => closure.id === change.closureId);
    if (existing === undefined) return err({ kind: 'not-found', what: 'closure' });
    const { closureId, ...fields } = change;
    const problems = checkClosure(fields, {
      terms: allTermsOf(calendar),
      otherClosures: calendar.closures.filter((closure) => closure.id !== closureId),
    });
    if (problems.length > 0) return invalid(problems);
    const marks = await countMarksInSpan(trx, { schoolId: editor.schoolId, span: fields });
    if (marks > 0) return marksInTheWay(marks, 'in the sessions the closure would cover');
    const closure = {
      id: closureId,
      schoolId: editor.schoolId,
      ...fields,
      reason: fields.reason.trim(),
    };
    await updateClosure(trx, closure);
    return ok({ value: closure, details: { closureId, before: existing, after: fields } });
  });
}

export function removeClosure(
  deps: CalendarAdminDeps,
  editor: CalendarEditor,
  closureId: number,
): Edit<void> {
  return changeCalendar(deps, editor, 'calendar.closure-removed', async (trx, calendar) => {
    const existing = calendar.closures.find((closure) => closure.id === closureId);
    if (existing === undefined) return err({ kind: 'not-found', what: 'closure' });
    // Marks on a closed session (a '#' entered by hand, say) would be left on a school day
    // nobody took a register for; they must be dealt with first.
    const marks = await countMarksInSpan(trx, { schoolId: editor.schoolId, span: existing });
    if (marks > 0) return marksInTheWay(marks, `on the days of closure "${existing.reason}"`);
    await deleteClosure(trx, closureId);
    return ok({ value: undefined, details: { closureId, before: existing } });
  });
}

function pickSpan(span: { name: string; startsOn: IsoDate; endsOn: IsoDate }): YearFields {
  return { name: span.name, startsOn: span.startsOn, endsOn: span.endsOn };
}

const minDate = (a: IsoDate, b: IsoDate): IsoDate => (a < b ? a : b);
const maxDate = (a: IsoDate, b: IsoDate): IsoDate => (a > b ? a : b);
