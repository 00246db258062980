import { sql } from 'kysely';
import type { IsoDate } from '../domain/calendar/plain-date.ts';
import type { Executor } from './transaction.ts';

/** One enrolment of a school with what statistics and exports need about its pupil. */
export interface EnrolledPupil {
  readonly enrolmentId: number;
  readonly pupilId: number;
  readonly upn: string;
  readonly displayName: string;
  readonly dateOfBirth: IsoDate;
  readonly onRollFrom: IsoDate;
  readonly onRollTo: IsoDate | null;
  readonly yearGroupId: number | null;
  readonly nationalCurriculumYear: string | null;
  readonly classId: number | null;
  readonly className: string | null;
  readonly freeSchoolMeals: boolean;
  readonly pupilPremium: boolean;
  readonly senStatus: string;
  readonly englishAdditionalLanguage: boolean;
  readonly lookedAfter: boolean;
  readonly childInNeed: boolean;
  readonly youngCarer: boolean;
}

/** Every enrolment a school has held, oldest pupil id first. */
export async function listSchoolEnrolments(
  db: Executor,
  schoolId: number,
): Promise<EnrolledPupil[]> {
  const rows = await db
    .selectFrom('enrolments')
    .innerJoin('pupils', 'pupils.id', 'enrolments.pupil_id')
    .leftJoin('year_groups', 'year_groups.id', 'enrolments.year_group_id')
    .leftJoin('classes', 'classes.id', 'enrolments.class_id')
    .select((eb) => [
      'enrolments.id as enrolment_id',
      'pupils.id as pupil_id',
      'pupils.upn',
      eb.fn.coalesce('pupils.preferred_first_name', 'pupils.legal_first_name').as('first_name'),
      eb.fn.coalesce('pupils.preferred_last_name', 'pupils.legal_last_name').as('last_name'),
      'pupils.date_of_birth',
      'enrolments.on_roll_from',
      'enrolments.on_roll_to',
      'enrolments.year_group_id',
      'year_groups.national_curriculum_year',
      'enrolments.class_id',
      'classes.name as class_name',
      'pupils.free_school_meals',
      'pupils.pupil_premium',
      'pupils.sen_status',
      'pupils.english_additional_language',
      'pupils.looked_after',
      'pupils.child_in_need',
      'pupils.young_carer',
    ])
    .where('enrolments.school_id', '=', schoolId)
    .orderBy('pupils.id')
    .orderBy('enrolments.on_roll_from')
    .execute();
  return rows.map((row) => ({
    enrolmentId: row.enrolment_id,
    pupilId: row.pupil_id,
    upn: row.upn,
    displayName: `${row.first_name} ${row.last_name}`,
    dateOfBirth: row.date_of_birth,
    onRollFrom: row.on_roll_from,
    onRollTo: row.on_roll_to,
    yearGroupId: row.year_group_id,
    nationalCurriculumYear: row.national_curriculum_year,
    classId: row.class_id,
    className: row.class_name,
    freeSchoolMeals: row.free_school_meals,
    pupilPremium: row.pupil_premium,
    senStatus: row.sen_status,
    englishAdditionalLanguage: row.english_additional_language,
    lookedAfter: row.looked_after,
    childInNeed: row.child_in_need,
    youngCarer: row.young_carer,
  }));
}

/** Reached contact attempts of a school's pupils, for the no-contact rules. */
export async function listReachedContactDates(
  db: Executor,
  schoolId: number,
): Promise<{ pupilId: number; instant: Date }[]> {
  const rows = await db
    .selectFrom('contact_attempts')
    .select(['contact_attempts.pupil_id', 'contact_attempts.attempted_at'])
    .where('contact_attempts.school_id', '=', schoolId)
    .where('contact_attempts.outcome', 'in', ['reached', 'reason-given'])
    .execute();
  return rows.map((row) => ({ pupilId: row.pupil_id, instant: row.attempted_at }));
}

/** One pupil's marks in a date range, encoded as listSchoolMarksByPupil describes. */
export interface EncodedPupilMarks {
  readonly pupilId: number;
  readonly marks: string;
}

/** Added to a half-day offset to make the character that carries it: above every code's. */
const HALF_DAY_BASE = 256;

/**
 * A school's marks between two dates, one row per pupil, aggregated by the database: moving a
 * year of a large school's register as ~760,000 rows costs far more than the statistics.
 * Each mark travels as one character whose code point is 256 plus its half-day offset from
 * `origin` ((date - origin) * 2, plus 1 for PM), then its code (one or two ASCII characters,
 * as the code tables have them). The aggregate needs no sort and formats no numbers, which
 * is most of what it costs; read the result with forEachEncodedMark.
 */
export async function listSchoolMarksByPupil(
  db: Executor,
  range: { schoolId: number; origin: IsoDate; from: IsoDate; to: IsoDate },
): Promise<EncodedPupilMarks[]> {
  const rows = await db
    .selectFrom('marks')
    .select([
      'pupil_id',
      sql<string>`string_agg(chr(${HALF_DAY_BASE} + (date - ${range.origin}::date) * 2 + (session = 'PM')::int) || code, '')`.as(
        'marks',
      ),
    ])
    .where('school_id', '=', range.schoolId)
    .where('date', '>=', range.from)
    .where('date', '<=', range.to)
    .groupBy('pupil_id')
    .execute();
  return rows.map((row) => ({ pupilId: row.pupil_id, marks: row.marks }));
}

/** Calls `visit` with the half-day offset and code of each mark in an encoded string. */
export function forEachEncodedMark(
  marks: string,
  visit: (halfDay: number, code: string) => void,
): void {
  let at = 0;
  while (at < marks.length) {
    const halfDay = marks.charCodeAt(at) - HALF_DAY_BASE;
    let end = at + 1;
    while (end < marks.length && marks.charCodeAt(end) < HALF_DAY_BASE) end++;
    visit(halfDay, marks.slice(at + 1, end));
    at = end;
  }
}
