import { formatRate } from '../family/attendance-words.ts';
import { formatPlainDate } from '../london-time.ts';

/** One school week's figures, as the chart and table draw them. */
export interface Week {
  readonly weekStarting: string;
  readonly possible: number;
  readonly attended: number;
  readonly attendanceRate: number | null;
}

const width = 640;
const height = 260;
const margin = { top: 16, right: 36, bottom: 36, left: 48 };
const shortDate = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
});

function formatWeek(monday: string): string {
  return shortDate.format(new Date(`${monday}T00:00:00Z`));
}

/**
 * Weekly attendance as a line against the target, drawn in SVG so it needs no library. The
 * picture is summarised for screen readers in its title and description; the table beside it
 * carries every figure.
 */
export function TrendChart(props: { weeks: readonly Week[]; target: number; titleId: string }) {
  const rated = props.weeks.filter((week) => week.attendanceRate !== null);
  const rates = rated.map((week) => week.attendanceRate ?? 0);
  // The axis starts a little below the lowest figure, so a small dip is visible.
  const floor = Math.max(0, Math.floor(Math.min(props.target, ...rates) * 20 - 1) / 20);
  const innerWidth = width - margin.left - margin.right;
  const innerHeight = height - margin.top - margin.bottom;
  const x = (index: number): number =>
    margin.left +
    (props.weeks.length <= 1 ? innerWidth / 2 : (index * innerWidth) / (props.weeks.length - 1));
  const y = (rate: number): number =>
    margin.top + innerHeight - ((rate - floor) / (1 - floor)) * innerHeight;
  const points = props.weeks.flatMap((week, index) =>
    week.attendanceRate === null
      ? []
      : [`${x(index).toFixed(1)},${y(week.attendanceRate).toFixed(1)}`],
  );
  const below = rated.filter((week) => (week.attendanceRate ?? 0) < props.target).length;
  const ticks = [floor, (floor + 1) / 2, 1];
  const descId = `${props.titleId}-desc`;
  return (
    <svg
      class="trend-chart"
      viewBox={`0 0 ${String(width)} ${String(height)}`}
      role="img"
      aria-labelledby={`${props.titleId} ${descId}`}
    >
      <desc id={descId}>
        {rated.length === 0
          ? 'No weeks with attendance recorded yet.'
          : `${String(rated.length)} weeks from ${formatPlainDate(rated[0]?.weekStarting ?? '')}; ${String(below)} below the target of ${formatRate(props.target)}. Latest week ${formatRate(rates.at(-1) ?? 0)}.`}
      </desc>
      {ticks.map((tick) => (
        <g key={tick}>
          <line
            class="chart-grid"
            x1={margin.left}
            x2={width - margin.right}
            y1={y(tick)}
            y2={y(tick)}
          />
          <text class="chart-label" x={margin.left - 6} y={y(tick) + 4} text-anchor="end">
            {formatRate(tick)}
          </text>
        </g>
      ))}
      <line
        class="chart-target"
        x1={margin.left}
        x2={width - margin.right}
        y1={y(props.target)}
        y2={y(props.target)}
      />
      <text
        class="chart-label chart-target-label"
        x={width - margin.right}
        y={y(props.target) - 6}
        text-anchor="end"
      >
        Target {formatRate(props.target)}
      </text>
      {points.length > 1 && <polyline class="chart-line" points={points.join(' ')} />}
      {props.weeks.map((week, index) =>
        week.attendanceRate === null ? null : (
          <circle
            key={week.weekStarting}
            class={
              week.attendanceRate < props.target ? 'chart-point chart-point-below' : 'chart-point'
            }
            cx={x(index)}
            cy={y(week.attendanceRate)}
            r={4}
          />
        ),
      )}
      {props.weeks.map((week, index) =>
        index % Math.max(1, Math.ceil(props.weeks.length / 8)) === 0 ? (
          <text
            key={week.weekStarting}
            class="chart-label"
            x={x(index)}
            y={height - margin.bottom + 20}
            text-anchor="middle"
          >
            {formatWeek(week.weekStarting)}
          </text>
        ) : null,
      )}
    </svg>
  );
}

/** Every week's figures, for those who read tables rather than charts. */
export function TrendTable(props: { weeks: readonly Week[]; target: number }) {
  return (
    <table class="data-table">
      <caption>Attendance by week against the target of {formatRate(props.target)}</caption>
      <thead>
        <tr>
          <th scope="col">Week starting</th>
          <th scope="col">Sessions attended</th>
          <th scope="col">Possible sessions</th>
          <th scope="col">Attendance</th>
          <th scope="col">Against target</th>
        </tr>
      </thead>
      <tbody>
        {props.weeks.map((week) => (
          <tr key={week.weekStarting}>
            <th scope="row">{formatPlainDate(week.weekStarting)}</th>
            <td>{week.attended}</td>
            <td>{week.possible}</td>
            <td>{week.attendanceRate === null ? '—' : formatRate(week.attendanceRate)}</td>
            <td>
              {week.attendanceRate === null
                ? '—'
                : week.attendanceRate >= props.target
                  ? 'Met'
                  : 'Below'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
