import { academicYearOf, addDays, type IsoDate } from '../domain/calendar/plain-date.ts';
import {
  buildSchoolCalendar,
  countSchoolDaysThrough,
  type SchoolCalendar,
  type SessionName,
} from '../domain/calendar/school-calendar.ts';
import { codeOfId, NO_MARK } from '../domain/codes/code-registry.ts';
import { buildEnglishTermDates, type DemoTermDates } from './demo-calendar.ts';
import {
  createRandom,
  drawSchoolYearEvents,
  generatePupilAttendance,
} from './synthetic-attendance.ts';
import {
  generatePupils,
  planClasses,
  type SyntheticClass,
  type SyntheticPupil,
} from './synthetic-pupils.ts';

/** What a demo school looks like: its phase, year groups and class sizes. */
export interface DemoSchoolSpec {
  readonly years: readonly string[];
  readonly classesPerYear: number;
  readonly pupilsPerClass: number;
  readonly nameClass: (year: string, index: number) => string;
  readonly seed: number;
}

export interface DemoMark {
  readonly date: IsoDate;
  readonly session: SessionName;
  readonly code: string;
}

export interface DemoPupil {
  readonly profile: SyntheticPupil;
  readonly onRollFrom: IsoDate;
  /** The last day on roll for a pupil who has left; null while on roll. */
  readonly onRollTo: IsoDate | null;
  /** Every session from the start of the year up to yesterday, in date order. */
  readonly marks: readonly DemoMark[];
}

/** A parent's call about an absence: the span it covers and the reason given. */
export interface DemoAbsenceReport {
  /** Index into the school's pupils. */
  readonly pupil: number;
  readonly reason: 'illness' | 'medical';
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly expectedReturn: IsoDate | null;
}

export interface DemoSchoolPlan {
  readonly academicYear: number;
  readonly termDates: DemoTermDates;
  readonly calendar: SchoolCalendar;
  readonly classes: readonly SyntheticClass[];
  readonly pupils: readonly DemoPupil[];
  readonly absenceReports: readonly DemoAbsenceReport[];
}

/** Eid al-Fitr falls in the spring or summer term for the rest of this decade. */
const EID_AL_FITR: Readonly<Record<number, IsoDate>> = {
  2024: '2025-03-31',
  2025: '2026-03-20',
  2026: '2027-03-10',
  2027: '2028-02-27',
  2028: '2029-02-15',
  2029: '2030-02-05',
};

/**
 * A school's year so far: the current academic year's calendar, its classes and pupils, and
 * every register from the first day of term up to yesterday. Today's registers are left to
 * be taken. Parents have rung in about the latest illnesses, and about a few children who
 * are ill today.
 */
export function planDemoSchool(spec: DemoSchoolSpec, today: IsoDate): DemoSchoolPlan {
  const academicYear = academicYearOf(today);
  const termDates = buildEnglishTermDates(academicYear);
  const built = buildSchoolCalendar(termDates);
  if (!built.ok) throw new Error(`the demo calendar for ${academicYear} does not compile`);
  const calendar = built.value;
  const cohort = {
    years: spec.years,
    classesPerYear: spec.classesPerYear,
    pupilsPerClass: spec.pupilsPerClass,
    academicYear,
    nameClass: spec.nameClass,
  };
  const daysSoFar = countSchoolDaysThrough(calendar, addDays(today, -1));
  // Separate streams, so the registers are the calibrated ones whatever the names drawn.
  const profiles = generatePupils(createRandom(spec.seed), cohort);
  const random = createRandom(spec.seed + 1);
  const events = drawSchoolYearEvents(
    random,
    calendar,
    EID_AL_FITR[academicYear] ?? '',
    daysSoFar - 5,
  );
  const pupils: DemoPupil[] = [];
  const absenceReports: DemoAbsenceReport[] = [];
  profiles.forEach((profile, index) => {
    const attendance = generatePupilAttendance(random, index, events);
    // Someone joining later this year is not on roll yet: they start today, unmarked.
    const rollFromDay = attendance.rollFromDay < daysSoFar ? attendance.rollFromDay : 0;
    const hasLeft = attendance.rollToDay < daysSoFar;
    const rollToDay = hasLeft ? attendance.rollToDay : daysSoFar;
    const marks: DemoMark[] = [];
    if (attendance.rollFromDay < daysSoFar) {
      for (let session = rollFromDay * 2; session < rollToDay * 2; session++) {
        const id = attendance.marks[session] ?? NO_MARK;
        if (id === NO_MARK) continue;
        marks.push({
          date: calendar.days[session >> 1] ?? '',
          session: (session & 1) === 1 ? 'PM' : 'AM',
          code: codeOfId(id),
        });
      }
    }
    pupils.push({
      profile,
      onRollFrom:
        attendance.rollFromDay < daysSoFar
          ? (calendar.days[rollFromDay] ?? termDates.terms[0]?.start ?? today)
          : today,
      onRollTo: hasLeft ? (calendar.days[attendance.rollToDay - 1] ?? null) : null,
      marks,
    });
    const report = findReportableIllness(marks, calendar, daysSoFar);
    if (report !== null && !hasLeft) absenceReports.push({ pupil: index, ...report });
  });
  // A few children are off ill today and their parents have already rung.
  const todayIsSchoolDay = calendar.dayIndexByDate.has(today);
  if (todayIsSchoolDay) {
    for (let index = 3; index < pupils.length; index += Math.max(1, Math.floor(pupils.length / 4)))
      if (
        !absenceReports.some((report) => report.pupil === index) &&
        pupils[index]?.onRollTo === null
      )
        absenceReports.push({
          pupil: index,
          reason: index % 2 === 0 ? 'illness' : 'medical',
          from: today,
          to: today,
          expectedReturn: calendar.days[countSchoolDaysThrough(calendar, today)] ?? null,
        });
  }
  return {
    academicYear,
    termDates,
    calendar,
    classes: planClasses(cohort),
    pupils,
    absenceReports,
  };
}

/** An illness running up to yesterday: the parent has reported it, from its first day. */
function findReportableIllness(
  marks: readonly DemoMark[],
  calendar: SchoolCalendar,
  daysSoFar: number,
): Omit<DemoAbsenceReport, 'pupil'> | null {
  const yesterday = calendar.days[daysSoFar - 1];
  const last = marks.at(-1);
  if (yesterday === undefined || last?.date !== yesterday || last.code !== 'I') return null;
  let first = marks.length - 1;
  while (first > 0 && marks[first - 1]?.code === 'I') first--;
  return {
    reason: 'illness',
    from: marks[first]?.date ?? yesterday,
    to: yesterday,
    expectedReturn: calendar.days[daysSoFar] ?? null,
  };
}
