import type { PupilProfileResponse, SessionCategory } from '../../contracts/pupil.contract.ts';
import { formatDate, formatShortDate, weekdayNames } from '../charts/format-figures.ts';

export interface SelectedSession {
  readonly date: string;
  readonly session: 'AM' | 'PM';
  readonly code: string | null;
  readonly markId: number | null;
}

export const categoryLabels: Readonly<Record<SessionCategory, string>> = {
  present: 'Present',
  approved: 'Approved educational activity',
  authorised: 'Authorised absence',
  unauthorised: 'Unauthorised absence',
  'not-possible': 'Attendance not required',
  unmarked: 'Not marked',
};

interface Cell {
  readonly date: string;
  readonly session: 'AM' | 'PM';
  readonly code: string | null;
  readonly category: SessionCategory;
  readonly markId: number | null;
}

/** Groups the year's sessions by school week: [Monday, ten slots Mon AM ... Fri PM]. */
function groupByWeek(profile: PupilProfileResponse): [string, (Cell | null)[]][] {
  const weeks = new Map<string, (Cell | null)[]>();
  profile.days.forEach(([date, am, pm], index) => {
    const day = new Date(`${date}T00:00:00Z`);
    const weekday = (day.getUTCDay() + 6) % 7;
    if (weekday > 4) return;
    const monday = new Date(day.getTime() - weekday * 86_400_000).toISOString().slice(0, 10);
    const slots = weeks.get(monday) ?? Array<Cell | null>(10).fill(null);
    const [amCategory, pmCategory] = profile.categories[index] ?? ['unmarked', 'unmarked'];
    const [amId, pmId] = profile.markIds[index] ?? [null, null];
    slots[weekday * 2] = { date, session: 'AM', code: am, category: amCategory, markId: amId };
    slots[weekday * 2 + 1] = { date, session: 'PM', code: pm, category: pmCategory, markId: pmId };
    weeks.set(monday, slots);
  });
  return [...weeks.entries()];
}

/**
 * The year's marks as a calendar: one row per school week, one cell per session, coloured by
 * how the session counts. It is a real table of buttons, so a screen reader reads each session
 * ("Tuesday 5 November AM: N, unauthorised absence") and the keyboard can select any of them.
 */
export function AttendanceHeatMap(props: {
  profile: PupilProfileResponse;
  selected: SelectedSession | null;
  onSelect: (session: SelectedSession) => void;
}) {
  const { profile, selected } = props;
  const weeks = groupByWeek(profile);
  const counts = new Map<SessionCategory, number>();
  for (const pair of profile.categories)
    for (const category of pair) counts.set(category, (counts.get(category) ?? 0) + 1);
  return (
    <div class="heat-map">
      <ul class="heat-legend" aria-label="Key to the colours">
        {(Object.keys(categoryLabels) as SessionCategory[]).map((category) => (
          <li key={category}>
            <span class={`heat-swatch heat-${category}`} aria-hidden="true" />
            {categoryLabels[category]} ({counts.get(category) ?? 0})
          </li>
        ))}
      </ul>
      <div class="heat-scroll">
        <table class="heat-table">
          <caption class="visually-hidden">
            Marks for each session of the year, one row per school week. Select a session to see its
            history.
          </caption>
          <thead>
            <tr>
              <th scope="col">Week of</th>
              {weekdayNames.slice(1).flatMap((name) => [
                <th key={`${name}-AM`} scope="col" class="heat-day">
                  <abbr title={`${name} morning`}>{name.slice(0, 2)}</abbr>
                  <span class="heat-session">AM</span>
                </th>,
                <th key={`${name}-PM`} scope="col" class="heat-day">
                  <abbr title={`${name} afternoon`}>{name.slice(0, 2)}</abbr>
                  <span class="heat-session">PM</span>
                </th>,
              ])}
            </tr>
          </thead>
          <tbody>
            {weeks.map(([monday, slots]) => (
              <tr key={monday}>
                <th scope="row" class="heat-week">
                  {formatShortDate(monday)}
                </th>
                {slots.map((cell, index) =>
                  cell === null ? (
                    <td key={index} class="heat-none">
                      <span class="visually-hidden">No school</span>
                    </td>
                  ) : (
                    <td key={index}>
                      <button
                        type="button"
                        class={`heat-cell heat-${cell.category}`}
                        aria-pressed={
                          selected?.date === cell.date && selected.session === cell.session
                        }
                        aria-label={`${formatDate(cell.date)} ${cell.session}: ${
                          cell.code === null ? '' : `${cell.code}, `
                        }${categoryLabels[cell.category]}`}
                        onClick={() => {
                          props.onSelect(cell);
                        }}
                      >
                        {cell.code ?? ''}
                      </button>
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
