/**
 * Synthetic attendance calibrated to national figures (DfE 2023/24: overall absence about 7%,
 * a third of it unauthorised, about a fifth of pupils persistently absent, 2% severely).
 * Pure and seeded: the same seed always gives the same registers. The benchmark and the demo
 * both draw their pupils' years from here.
 */
import { buildSchoolCalendar, type SchoolCalendar } from '../domain/calendar/school-calendar.ts';
import { codeId, CODE_ID_LIMIT } from '../domain/codes/code-registry.ts';
import type { PupilAttendance } from '../domain/statistics/attendance-context.ts';

/** A generated school: its calendar and every pupil's register for the year. */
export interface GeneratedSchool {
  readonly calendar: SchoolCalendar;
  readonly pupils: readonly PupilAttendance[];
  /** Marks recorded (sessions on roll), the unit of every "marks per second" figure. */
  readonly markCount: number;
}

/** DfE-style figures for the generated year, to show the absence calibration. */
export interface SchoolCalibration {
  readonly possible: number;
  readonly overallAbsence: number;
  readonly authorisedAbsence: number;
  readonly unauthorisedAbsence: number;
  readonly persistentAbsence: number;
  readonly severeAbsence: number;
  readonly pupilsWithPossible: number;
}

/** A small seeded PRNG (mulberry32): the same seed always gives the same school. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal deviate (Box-Muller), for the log-normal absence propensity. */
function drawNormal(random: () => number): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Geometric length >= 1 with the given mean, for multi-day spells. */
function drawSpellLength(random: () => number, mean: number): number {
  let length = 1;
  while (random() > 1 / mean) length++;
  return length;
}

/**
 * The 2024/25 calendar of a typical English school: three terms, three half-term weeks, the
 * early May bank holiday and three INSET days inside term, which leaves 190 school days.
 * (Christmas, New Year, Good Friday, Easter Monday and the spring bank holiday fall in holidays.)
 */
export function buildBenchCalendar(): SchoolCalendar {
  const calendar = buildSchoolCalendar({
    terms: [
      { name: 'Autumn 2024', start: '2024-09-04', end: '2024-12-20' },
      { name: 'Spring 2025', start: '2025-01-06', end: '2025-04-04' },
      { name: 'Summer 2025', start: '2025-04-22', end: '2025-07-22' },
    ],
    closures: [
      { date: '2024-10-28', to: '2024-11-01', reason: 'Autumn half term' },
      { date: '2025-01-06', reason: 'INSET day' },
      { date: '2025-02-17', to: '2025-02-21', reason: 'Spring half term' },
      { date: '2025-04-22', reason: 'INSET day' },
      { date: '2025-05-05', reason: 'Early May bank holiday' },
      { date: '2025-05-26', to: '2025-05-30', reason: 'Spring bank holiday and half term' },
      { date: '2025-06-27', reason: 'INSET day' },
    ],
  });
  if (!calendar.ok) throw new Error(`bench calendar is invalid: ${JSON.stringify(calendar.error)}`);
  return calendar.value;
}

const id = {
  am: codeId('/'),
  pm: codeId('\\'),
  late: codeId('L'),
  lateAfterClose: codeId('U'),
  illness: codeId('I'),
  medical: codeId('M'),
  religious: codeId('R'),
  holiday: codeId('G'),
  other: codeId('O'),
  noReason: codeId('N'),
  visit: codeId('V'),
  sport: codeId('P'),
  offSite: codeId('B'),
};

/**
 * How absent a pupil tends to be, as a target share of sessions. Log-normal for most pupils
 * (a long right tail gives about a fifth at 10% or more) plus a small group of school refusers
 * and long-term sick, who are the severely absent.
 */
function drawPropensity(random: () => number): number {
  if (random() < 0.022) return 0.45 + 0.45 * random();
  return Math.min(0.6, 0.038 * Math.exp(0.85 * drawNormal(random)));
}

/** Days of the year that shape everyone's register: school trips and a religious festival. */
export interface SchoolYearEvents {
  readonly dayCount: number;
  readonly tripDays: readonly number[];
  /** Day index of Eid al-Fitr, or -1 when it falls outside term. */
  readonly eidDay: number;
  /** Unexplained absence from this day on is still N (the reason has not arrived yet). */
  readonly unresolvedFromDay: number;
}

/** Draw the trips of a year; consumes the random stream exactly as the benchmark always has. */
export function drawSchoolYearEvents(
  random: () => number,
  calendar: SchoolCalendar,
  eidDate: string,
  unresolvedFromDay = calendar.days.length - 5,
): SchoolYearEvents {
  const dayCount = calendar.days.length;
  const tripDays = Array.from({ length: 12 }, () => Math.floor(random() * dayCount));
  const eidDay = calendar.dayIndexByDate.get(eidDate) ?? -1;
  return { dayCount, tripDays, eidDay, unresolvedFromDay };
}

/** One pupil's year: spells of illness, holidays, unexplained absence, lateness and activities. */
export function generatePupilAttendance(
  random: () => number,
  pupilIndex: number,
  events: SchoolYearEvents,
): PupilAttendance {
  const { dayCount, tripDays, eidDay, unresolvedFromDay } = events;
  const marks = new Uint8Array(dayCount * 2);
  // About 4% join during the year and 3% leave; the rest are on roll all year.
  const joins = random() < 0.04;
  const leaves = !joins && random() < 0.03;
  const rollFromDay = joins ? 10 + Math.floor(random() * (dayCount - 40)) : 0;
  const rollToDay = leaves ? 20 + Math.floor(random() * (dayCount - 40)) : dayCount;

  const propensity = drawPropensity(random);
  // Higher-absence pupils have a larger unauthorised share (national: about a third overall).
  const unauthorisedShare = Math.min(0.85, 0.2 + 0.9 * propensity);
  const illnessSpellMean = propensity > 0.3 ? 4 : 2.2;
  const unauthorisedSpellMean = propensity > 0.3 ? 3 : 1.3;
  // Spells only start on days outside a spell, so the start chance that yields a share f of
  // days in spells of mean length m is f / (m - f (m - 1)), not f / m.
  const illnessShare = (1 - unauthorisedShare) * propensity * 0.85;
  const unauthorisedSpellShare = unauthorisedShare * propensity * 0.8;
  const spellShare = Math.min(0.97, illnessShare + unauthorisedSpellShare);
  const illnessStarts = illnessShare / illnessSpellMean;
  const unauthorisedStarts = unauthorisedSpellShare / unauthorisedSpellMean;
  const spellMean = (illnessShare + unauthorisedSpellShare) / (illnessStarts + unauthorisedStarts);
  const startChance = spellShare / (spellMean - spellShare * (spellMean - 1));
  const perStart = startChance / (illnessStarts + unauthorisedStarts);
  const dayIllness = illnessStarts * perStart;
  const dayUnauthorised = unauthorisedStarts * perStart;
  // Single-session events happen only on days outside a spell.
  const outsideSpells = 1 - spellShare;
  const dayMedical = ((1 - unauthorisedShare) * propensity * 0.15 * 2) / outsideSpells;
  const dayLateAfterClose = (unauthorisedShare * propensity * 0.2 * 2) / outsideSpells;
  const dayLate = 0.01 + 0.1 * propensity;
  const holidayDays = random() < 0.12 ? 3 + Math.floor(random() * 8) : 0;
  const holidayStart = holidayDays > 0 ? Math.floor(random() * (dayCount - holidayDays)) : -1;
  const observesEid = random() < 0.05;
  const sportsTeam = random() < 0.08;
  const offSiteDay = random() < 0.02 ? Math.floor(random() * 7) + 1 : 0;

  let spellCode = 0;
  let spellLeft = 0;
  for (let day = rollFromDay; day < rollToDay; day++) {
    let am = id.am;
    let pm = id.pm;
    if (spellLeft > 0) {
      am = pm = spellCode;
      spellLeft--;
    } else if (day >= holidayStart && day < holidayStart + holidayDays) {
      am = pm = id.holiday;
    } else if (observesEid && day === eidDay) {
      am = pm = id.religious;
    } else if (tripDays.includes(day) && random() < 0.04) {
      am = pm = id.visit;
    } else if (offSiteDay > 0 && day % 7 === offSiteDay % 7 && random() < 0.5) {
      pm = id.offSite;
    } else if (sportsTeam && random() < 0.02) {
      pm = id.sport;
    } else {
      let roll = random();
      if (roll < dayIllness) {
        spellCode = id.illness;
        spellLeft = drawSpellLength(random, illnessSpellMean) - 1;
        am = pm = id.illness;
      } else if ((roll -= dayIllness) < dayUnauthorised) {
        // Unexplained absence is first marked N; most get resolved to O (or I once a note
        // arrives), but the last week's are still N.
        const resolved = day < unresolvedFromDay && random() < 0.95;
        spellCode = !resolved ? id.noReason : random() < 0.8 ? id.other : id.illness;
        spellLeft = drawSpellLength(random, unauthorisedSpellMean) - 1;
        am = pm = spellCode;
      } else if ((roll -= dayUnauthorised) < dayMedical) {
        // Appointments take one session.
        if (random() < 0.5) am = id.medical;
        else pm = id.medical;
      } else if ((roll -= dayMedical) < dayLateAfterClose) {
        am = id.lateAfterClose;
      } else if ((roll -= dayLateAfterClose) < dayLate) {
        am = id.late;
      }
    }
    marks[day * 2] = am;
    marks[day * 2 + 1] = pm;
  }
  return {
    id: `P${String(pupilIndex + 1).padStart(4, '0')}`,
    marks,
    rollFromDay,
    rollToDay,
    reachedContactDays: new Set<number>(),
  };
}

/** Generate a school of `pupilCount` pupils over the 2024/25 year, deterministically from `seed`. */
export function generateSchool(pupilCount = 2000, seed = 20240904): GeneratedSchool {
  const calendar = buildBenchCalendar();
  const random = createRandom(seed);
  const events = drawSchoolYearEvents(random, calendar, '2025-03-31');
  const pupils: PupilAttendance[] = [];
  let markCount = 0;
  for (let p = 0; p < pupilCount; p++) {
    const pupil = generatePupilAttendance(random, p, events);
    markCount += (pupil.rollToDay - pupil.rollFromDay) * 2;
    pupils.push(pupil);
  }
  return { calendar, pupils, markCount };
}

/** Overall, authorised and unauthorised absence and PA/SA shares, counted the DfE way. */
export function measureCalibration(school: GeneratedSchool): SchoolCalibration {
  const authorisedIds = new Set(['I', 'M', 'R'].map(codeId));
  const unauthorisedIds = new Set(['G', 'O', 'N', 'U'].map(codeId));
  const kind = new Uint8Array(CODE_ID_LIMIT);
  for (const code of authorisedIds) kind[code] = 1;
  for (const code of unauthorisedIds) kind[code] = 2;
  let possible = 0;
  let authorised = 0;
  let unauthorised = 0;
  let persistent = 0;
  let severe = 0;
  let counted = 0;
  for (const pupil of school.pupils) {
    let pupilPossible = 0;
    let pupilAbsent = 0;
    for (let s = pupil.rollFromDay * 2; s < pupil.rollToDay * 2; s++) {
      const k = kind[pupil.marks[s]!]!;
      pupilPossible++;
      if (k === 1) authorised++;
      if (k === 2) unauthorised++;
      if (k !== 0) pupilAbsent++;
    }
    possible += pupilPossible;
    if (pupilPossible === 0) continue;
    counted++;
    if (pupilAbsent * 10 >= pupilPossible) persistent++;
    if (pupilAbsent * 2 >= pupilPossible) severe++;
  }
  return {
    possible,
    overallAbsence: (authorised + unauthorised) / possible,
    authorisedAbsence: authorised / possible,
    unauthorisedAbsence: unauthorised / possible,
    persistentAbsence: persistent / counted,
    severeAbsence: severe / counted,
    pupilsWithPossible: counted,
  };
}
