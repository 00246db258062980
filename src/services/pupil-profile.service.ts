import { academicYearOf, type IsoDate } from '../domain/calendar/plain-date.ts';
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
}

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
  const codes = new Map(marks.map((mark) => [`${mark.date}${mark.session}`, mark.code]));
  return ok({
    pupil,
    school: { id: register.school.id, name: register.school.name },
    yearGroup: entry.nationalCurriculumYear,
    className: entry.className,
    asOf: query.asOf,
    period: evaluation.period,
    evaluation: pupilEvaluation,
    days: schoolDays.map((date): [IsoDate, string | null, string | null] => [
      date,
      codes.get(`${date}AM`) ?? null,
      codes.get(`${date}PM`) ?? null,
    ]),
    contacts: await listContacts(db, pupil.id),
  });
}
