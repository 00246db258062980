import { addDays, isIsoDate, type IsoDate } from '../domain/calendar/plain-date.ts';
import {
  buildSchoolCalendar,
  countSchoolDaysThrough,
  explainNonSchoolDay,
  schoolDayIndex,
  sessionIndex,
  type SchoolCalendar,
} from '../domain/calendar/school-calendar.ts';
import { codeId } from '../domain/codes/code-registry.ts';
import type { Jurisdiction } from '../domain/codes/code-table.ts';
import { codeTableFor, describeCodes, findCode } from '../domain/codes/code-tables.ts';
import { problemsFromIssues } from '../domain/policy/policy-file.ts';
import type { InputProblem } from '../domain/problem.ts';
import { err, ok, type Result } from '../domain/result.ts';
import type { PupilAttendance } from '../domain/statistics/attendance-context.ts';
import { parseYamlSource, type PathSegment, type YamlSource } from '../domain/yaml-source.ts';
import { scenarioSchema, type ScenarioFile } from './scenario-schema.ts';

export interface ScenarioPupil {
  readonly id: string;
  readonly name: string | undefined;
  readonly dob: IsoDate | undefined;
  readonly year: number | string | undefined;
  readonly className: string | undefined;
  readonly groups: readonly string[];
  readonly attendance: PupilAttendance;
}

/** A scenario file turned into domain data. */
export interface Scenario {
  readonly file: string;
  readonly schoolName: string;
  readonly jurisdiction: Jurisdiction;
  /** A preset name, or a policy file path (ending .yaml or .yml) relative to the scenario. */
  readonly policy: string;
  readonly settings: Readonly<Record<string, number>>;
  readonly calendar: SchoolCalendar;
  readonly pupils: readonly ScenarioPupil[];
  readonly source: ScenarioFile;
}

/** The default preset for a jurisdiction when a scenario names none. */
export function defaultPolicyFor(jurisdiction: Jurisdiction): string {
  return jurisdiction === 'wales' ? 'wales' : 'england-2024';
}

/** Parse and check a scenario's text; every problem names the file, line, pupil and token or date. */
export function parseScenario(text: string, file: string): Result<Scenario, InputProblem[]> {
  const source = parseYamlSource(text, file);
  if (!source.ok) return err([source.error]);
  const parsed = scenarioSchema.safeParse(source.value.data);
  if (!parsed.success) return err(problemsFromIssues(source.value, parsed.error.issues));
  return buildScenario(source.value, parsed.data);
}

function buildScenario(source: YamlSource, data: ScenarioFile): Result<Scenario, InputProblem[]> {
  const problems: InputProblem[] = [];
  const at = (path: readonly PathSegment[], message: string) =>
    problems.push(source.problemAt(path, message));

  const checkDate = (path: PathSegment[], value: string | undefined) => {
    if (value !== undefined && !isIsoDate(value)) at(path, `"${value}" is not a real date`);
  };
  data.calendar.terms.forEach((term, i) => {
    checkDate(['calendar', 'terms', i, 'start'], term.start);
    checkDate(['calendar', 'terms', i, 'end'], term.end);
  });
  (data.calendar.closures ?? []).forEach((closure, i) => {
    checkDate(['calendar', 'closures', i, 'date'], closure.date);
    checkDate(['calendar', 'closures', i, 'to'], closure.to);
  });
  if (problems.length > 0) return err(problems);

  const calendarResult = buildSchoolCalendar({
    terms: data.calendar.terms,
    closures: data.calendar.closures ?? [],
  });
  if (!calendarResult.ok) {
    for (const problem of calendarResult.error)
      problems.push({
        file: source.file,
        line: source.lineOf(['calendar']),
        field: problem.field,
        message: problem.message,
      });
    return err(problems);
  }
  const calendar = calendarResult.value;
  const jurisdiction = data.school.jurisdiction;
  const sessionCount = calendar.days.length * 2;

  const seen = new Map<string, number>();
  const pupils: ScenarioPupil[] = [];
  data.pupils.forEach((pupil, p) => {
    const where = (rest: PathSegment[]) => ['pupils', p, ...rest];
    const earlier = seen.get(pupil.id);
    if (earlier !== undefined) {
      at(where(['id']), `duplicate pupil id "${pupil.id}" (also pupils[${earlier}])`);
      return;
    }
    seen.set(pupil.id, p);
    checkDate(where(['dob']), pupil.dob);
    checkDate(where(['roll', 'from']), pupil.roll?.from);
    checkDate(where(['roll', 'to']), pupil.roll?.to);
    const marks = new Uint8Array(sessionCount);
    const setMark = (
      path: PathSegment[],
      date: IsoDate,
      sessionName: 'AM' | 'PM',
      token: string,
    ): boolean => {
      const day = schoolDayIndex(calendar, date);
      if (day < 0) {
        at(
          path,
          `pupil ${pupil.id}: ${date} is not a school day (${explainNonSchoolDay(calendar, date) ?? 'closed'}), so it cannot carry a mark`,
        );
        return false;
      }
      if (token === '-') {
        marks[sessionIndex(day, sessionName)] = 0;
        return true;
      }
      const table = codeTableFor(jurisdiction, date);
      if (!findCode(table, token)) {
        at(
          path,
          `pupil ${pupil.id}: "${token}" on ${date} ${sessionName} is not an attendance code of ${table.title}; codes are: ${describeCodes(table)} (and - for no mark)`,
        );
        return false;
      }
      marks[sessionIndex(day, sessionName)] = codeId(token);
      return true;
    };
    (pupil.marks ?? []).forEach((entry, m) => {
      const path = where(['marks', m]);
      if ('code' in entry) {
        if (!isIsoDate(entry.date)) at([...path, 'date'], `"${entry.date}" is not a real date`);
        else setMark([...path, 'code'], entry.date, entry.session, entry.code);
        return;
      }
      if (!isIsoDate(entry.from)) {
        at([...path, 'from'], `"${entry.from}" is not a real date`);
        return;
      }
      const startDay = schoolDayIndex(calendar, entry.from);
      if (startDay < 0) {
        at(
          [...path, 'from'],
          `pupil ${pupil.id}: a run cannot start on ${entry.from}: it is not a school day (${explainNonSchoolDay(calendar, entry.from) ?? 'closed'})`,
        );
        return;
      }
      const tokens = entry.codes.split(/\s+/).filter((token) => token !== '');
      let session = sessionIndex(startDay, entry.session);
      for (let t = 0; t < tokens.length; t++, session++) {
        const token = tokens[t]!;
        if (session >= sessionCount) {
          at(
            [...path, 'codes'],
            `pupil ${pupil.id}: the run from ${entry.from} ${entry.session} goes past the last term (${calendar.days[calendar.days.length - 1] ?? ''}) at token ${t + 1} "${token}"; ${tokens.length - t} token(s) left over`,
          );
          break;
        }
        const date = calendar.days[session >> 1]!;
        if (!setMark([...path, 'codes'], date, (session & 1) === 1 ? 'PM' : 'AM', token)) break;
      }
    });
    const rollFromDay = pupil.roll?.from
      ? countSchoolDaysThrough(calendar, addDays(pupil.roll.from, -1))
      : 0;
    const rollToDay = pupil.roll?.to
      ? countSchoolDaysThrough(calendar, pupil.roll.to)
      : calendar.days.length;
    pupils.push({
      id: pupil.id,
      name: pupil.name,
      dob: pupil.dob,
      year: pupil.year,
      className: pupil.class,
      groups: pupil.groups ?? [],
      attendance: {
        id: pupil.id,
        marks,
        rollFromDay,
        rollToDay,
        reachedContactDays: new Set<number>(),
      },
    });
  });

  const byId = new Map(pupils.map((pupil) => [pupil.id, pupil]));
  (data.contacts ?? []).forEach((contact, c) => {
    const pupil = byId.get(contact.pupil);
    if (!pupil) {
      if (!seen.has(contact.pupil))
        at(['contacts', c, 'pupil'], `unknown pupil "${contact.pupil}" in contacts`);
      return;
    }
    if (!isIsoDate(contact.date)) {
      at(['contacts', c, 'date'], `"${contact.date}" is not a real date`);
      return;
    }
    const day = schoolDayIndex(calendar, contact.date);
    if (day >= 0 && contact.outcome === 'reached')
      (pupil.attendance.reachedContactDays as Set<number>).add(day);
  });

  if (problems.length > 0) return err(problems);
  return ok({
    file: source.file,
    schoolName: data.school.name,
    jurisdiction,
    policy: data.school.policy ?? defaultPolicyFor(jurisdiction),
    settings: data.school.settings ?? {},
    calendar,
    pupils,
    source: data,
  });
}
