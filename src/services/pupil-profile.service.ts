import { academicYearOf, type IsoDate } from '../domain/calendar/plain-date.ts';
import { codeId } from '../domain/codes/code-registry.ts';
import { findCode } from '../domain/codes/code-tables.ts';
import { segmentOfSession } from '../domain/statistics/attendance-context.ts';
import { academicYearDayRange } from '../domain/calendar/school-calendar.ts';
import type { PupilEvaluation } from '../domain/policy/evaluate-school.ts';
import { err, ok, type Result } from '../domain/result.ts';
import { listPupilMarks } from '../store/mark.repository.ts';
import {
  findPupil,
  listContacts,
  listPupilEnrolments,
  type Contact,
  type Pupil,
} from '../store/pupil.repository.ts';
import type { Executor } from '../store/transaction.ts';
import { evaluateStoredSchool, type StatisticsError } from './school-statistics.service.ts';
import {
  prepareBreakdown,
  tallyPupilSessions,
  type SessionTally,
} from './attendance-breakdown.service.ts';
import { describePolicy, type PolicySummary } from './statistics-view.service.ts';

export interface PupilProfile {
  readonly pupil: Pupil;
  readonly school: { readonly id: number; readonly name: string };
  readonly yearGroup: string | null;
  readonly className: string | null;
  readonly asOf: IsoDate;
  readonly period: { readonly from: IsoDate | null; readonly to: IsoDate };
  readonly evaluation: PupilEvaluation;
  /** Each school day of the academic year up to as-of: date, AM code, PM code. */
  readonly days: [IsoDate, string | null, string | null][];
  readonly contacts: readonly Contact[];
  /** Beside `days`: the mark id of each session, to look up its history. */
  readonly markIds: [number | null, number | null][];
  readonly rates: {
    readonly year: SessionTally;
    readonly term: SessionTally;
    readonly rollingFourWeeks: SessionTally;
  };
  readonly policy: PolicySummary;
  /** Beside `days`: how national statistics count each session, by its day's code table. */
  readonly categories: [SessionCategory, SessionCategory][];
  /** What each code on the page means. */
  readonly codeMeanings: Record<string, string>;
}

export type SessionCategory =
  'present' | 'approved' | 'authorised' | 'unauthorised' | 'not-possible' | 'unmarked';

const categoryNames: readonly SessionCategory[] = [
  'unmarked',
  'present',
  'approved',
  'authorised',
  'unauthorised',
  'not-possible',
];

export type PupilProfileError =
  StatisticsError | { readonly kind: 'pupil-not-found'; readonly pupilId: number };

/**
 * A pupil's page at one school: the engine's year-to-date figures and alerts, the year's
 * marks and the contacts. Of the schools the reader may see, the latest enrolment is shown.
 */
export async function loadPupilProfile(
  db: Executor,
  query: { pupilId: number; visibleSchoolIds: readonly number[]; asOf: IsoDate },
): Promise<Result<PupilProfile, PupilProfileError>> {
  const pupil = await findPupil(db, query.pupilId);
  const enrolment = (await listPupilEnrolments(db, query.pupilId))
    .filter((candidate) => query.visibleSchoolIds.includes(candidate.schoolId))
    .at(-1);
  if (pupil === undefined || enrolment === undefined)
    return err({ kind: 'pupil-not-found', pupilId: query.pupilId });
  const evaluated = await evaluateStoredSchool(db, enrolment.schoolId, query.asOf);
  if (!evaluated.ok) return evaluated;
  const { register, evaluation } = evaluated.value;
  const index = register.pupils.findIndex((candidate) => candidate.pupilId === pupil.id);
  const entry = register.pupils[index];
  const pupilEvaluation = evaluation.pupils[index];
  if (entry === undefined || pupilEvaluation === undefined)
    return err({ kind: 'pupil-not-found', pupilId: query.pupilId });

  const range = academicYearDayRange(register.calendar, academicYearOf(query.asOf));
  const schoolDays = register.calendar.days
    .slice(range.first, range.end)
    .filter((date) => date <= query.asOf);
  const marks = (
    await listPupilMarks(db, {
      pupilId: pupil.id,
      from: schoolDays[0] ?? query.asOf,
      to: query.asOf,
    })
  ).filter((mark) => mark.schoolId === enrolment.schoolId);
  const byKey = new Map(marks.map((mark) => [`${mark.date}${mark.session}`, mark]));
  const context = prepareBreakdown(register, query.asOf);
  const lastDay = context.asOfDayEnd - 1;
  const term = register.calendar.terms[register.calendar.dayTerm[lastDay] ?? 0];
  // "Rolling 4 weeks" counts school weeks, as the policy rules do, so holidays are skipped.
  const week = register.calendar.dayWeek[lastDay] ?? 0;
  const fourWeeksFrom = register.calendar.weeks[Math.max(0, week - 3)]?.firstDay ?? 0;
  const tally = (fromDay: number) =>
    tallyPupilSessions(context, register, index, {
      fromDay: Math.max(fromDay, context.periodFirstDay),
      endDay: context.asOfDayEnd,
    });
  const codeMeanings: Record<string, string> = {};
  const categoryOf = (date: IsoDate, code: string | null, session: 0 | 1): SessionCategory => {
    if (code === null) return 'unmarked';
    const day = register.calendar.dayIndexByDate.get(date) ?? 0;
    const segment = context.segments[segmentOfSession(context, day * 2 + session)];
    if (segment !== undefined)
      codeMeanings[code] ??= findCode(segment.table, code)?.meaning ?? code;
    // The registry's category numbers follow categoryNames' order (0 = none, read as unmarked).
    return categoryNames[segment?.categories[codeId(code)] ?? 0] ?? 'unmarked';
  };
  const days = schoolDays.map((date): [IsoDate, string | null, string | null] => [
    date,
    byKey.get(`${date}AM`)?.code ?? null,
    byKey.get(`${date}PM`)?.code ?? null,
  ]);
  return ok({
    pupil,
    school: { id: register.school.id, name: register.school.name },
    yearGroup: entry.nationalCurriculumYear,
    className: entry.className,
    asOf: query.asOf,
    period: evaluation.period,
    evaluation: pupilEvaluation,
    days,
    categories: days.map(([date, am, pm]): [SessionCategory, SessionCategory] => [
      categoryOf(date, am, 0),
      categoryOf(date, pm, 1),
    ]),
    codeMeanings,
    markIds: schoolDays.map((date): [number | null, number | null] => [
      byKey.get(`${date}AM`)?.id ?? null,
      byKey.get(`${date}PM`)?.id ?? null,
    ]),
    contacts: await listContacts(db, pupil.id),
    rates: {
      year: tally(context.periodFirstDay),
      term: tally(term?.firstDay ?? context.periodFirstDay),
      rollingFourWeeks: tally(fourWeeksFrom),
    },
    policy: describePolicy(evaluated.value.policy, register.jurisdiction),
  });
}
