import { stringify } from 'yaml';
import type { IsoDate } from '../domain/calendar/plain-date.ts';
import type {
  ClosureInput,
  SchoolCalendar,
  TermInput,
} from '../domain/calendar/school-calendar.ts';
import { codeOfId, NO_MARK } from '../domain/codes/code-registry.ts';
import type { Jurisdiction } from '../domain/codes/code-table.ts';
import type { PupilAttendance } from '../domain/statistics/attendance-context.ts';

export interface ScenarioPupilExport {
  readonly id: string;
  readonly name?: string | undefined;
  readonly dob?: IsoDate | undefined;
  readonly year?: number | string | undefined;
  readonly className?: string | undefined;
  readonly groups?: readonly string[] | undefined;
  readonly attendance: PupilAttendance;
}

export interface ScenarioExport {
  readonly schoolName: string;
  readonly jurisdiction: Jurisdiction;
  readonly policy: string;
  readonly settings: Readonly<Record<string, number>>;
  readonly terms: readonly TermInput[];
  readonly closures: readonly ClosureInput[];
  readonly calendar: SchoolCalendar;
  readonly pupils: readonly ScenarioPupilExport[];
  readonly contacts: readonly { pupil: string; date: IsoDate; outcome: 'reached' | 'no-answer' }[];
}

/** How many tokens go in one run, so files stay readable and diffable. */
const TOKENS_PER_RUN = 40;

/** Runs of marks covering a pupil's marked sessions, with "-" for gaps inside a run. */
function runsOf(
  calendar: SchoolCalendar,
  marks: Uint8Array,
): { from: IsoDate; session: 'AM' | 'PM'; codes: string }[] {
  const runs: { from: IsoDate; session: 'AM' | 'PM'; codes: string }[] = [];
  let s = 0;
  while (s < marks.length) {
    while (s < marks.length && marks[s] === NO_MARK) s++;
    if (s >= marks.length) break;
    const start = s;
    const tokens: string[] = [];
    while (s < marks.length && tokens.length < TOKENS_PER_RUN) {
      const id = marks[s]!;
      tokens.push(id === NO_MARK ? '-' : codeOfId(id));
      s++;
    }
    while (tokens.at(-1) === '-') tokens.pop();
    runs.push({
      from: calendar.days[start >> 1]!,
      session: (start & 1) === 1 ? 'PM' : 'AM',
      codes: tokens.join(' '),
    });
  }
  return runs;
}

/** A rollcall-scenario/1 document holding the same data, so `rollcall evaluate` gives the same answers. */
export function writeScenario(data: ScenarioExport): string {
  const { calendar } = data;
  const lastDay = calendar.days.length;
  const document = {
    format: 'rollcall-scenario/1',
    school: {
      name: data.schoolName,
      jurisdiction: data.jurisdiction,
      policy: data.policy,
      ...(Object.keys(data.settings).length > 0 ? { settings: data.settings } : {}),
    },
    calendar: {
      terms: data.terms.map((term) => ({ name: term.name, start: term.start, end: term.end })),
      closures: data.closures.map((closure) => ({
        date: closure.date,
        ...(closure.to !== undefined && closure.to !== closure.date ? { to: closure.to } : {}),
        reason: closure.reason,
      })),
    },
    pupils: data.pupils.map((pupil) => {
      const roll: { from?: IsoDate; to?: IsoDate } = {};
      if (pupil.attendance.rollFromDay > 0) roll.from = calendar.days[pupil.attendance.rollFromDay];
      if (pupil.attendance.rollToDay < lastDay)
        roll.to = calendar.days[pupil.attendance.rollToDay - 1];
      return {
        id: pupil.id,
        ...(pupil.name !== undefined ? { name: pupil.name } : {}),
        ...(pupil.dob !== undefined ? { dob: pupil.dob } : {}),
        ...(pupil.year !== undefined ? { year: pupil.year } : {}),
        ...(pupil.className !== undefined ? { class: pupil.className } : {}),
        ...(pupil.groups && pupil.groups.length > 0 ? { groups: pupil.groups } : {}),
        ...(roll.from !== undefined || roll.to !== undefined ? { roll } : {}),
        marks: runsOf(calendar, pupil.attendance.marks),
      };
    }),
    ...(data.contacts.length > 0 ? { contacts: data.contacts } : {}),
  };
  return stringify(document, { lineWidth: 0 });
}
