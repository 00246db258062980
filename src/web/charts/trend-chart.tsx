import { useId } from 'preact/hooks';
import { formatRate, formatShortDate } from './format-figures.ts';
import './charts.css';

export interface TrendPoint {
  readonly label: string;
  /** The first day of the period the point stands for (a week's Monday). */
  readonly date: string;
  readonly rate: number | null;
  /** Sessions attended and possible, shown in the table when every point has them. */
  readonly attended?: number;
  readonly possible?: number;
}

const width = 640;
const height = 240;
const margin = { top: 16, right: 36, bottom: 36, left: 48 };

/**
 * Attendance by week as a line against the target, in inline SVG: a few hundred bytes per chart
 * instead of a chart library. The SVG is one labelled image; the numbers are in a table below.
 */
export function TrendChart(props: {
  title: string;
  points: readonly TrendPoint[];
  target: number;
}) {
  const id = useId();
  const { points, target } = props;
  const rates = points.flatMap((point) => (point.rate === null ? [] : [point.rate]));
  // Start the axis a little below the lowest figure (in steps of 5%) so dips are visible.
  const lowest = Math.min(target, ...rates);
  const floor = Math.max(0, Math.floor((lowest - 0.02) * 20) / 20);
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const x = (index: number) =>
    margin.left + (points.length <= 1 ? plotWidth / 2 : (index / (points.length - 1)) * plotWidth);
  const y = (rate: number) => margin.top + ((1 - rate) / (1 - floor)) * plotHeight;
  const ticks: number[] = [];
  for (let tick = 1; tick >= floor - 1e-9; tick -= floor < 0.8 ? 0.1 : 0.05) ticks.push(tick);
  const line = points
    .flatMap((point, index) =>
      point.rate === null ? [] : [`${x(index).toFixed(1)},${y(point.rate).toFixed(1)}`],
    )
    .join(' ');
  const below = points.filter((point) => point.rate !== null && point.rate < target).length;
  const summary =
    `${props.title}: ${String(points.length)} weeks, ${String(below)} below the target of ` +
    `${formatRate(target)}; latest ${formatRate(points.at(-1)?.rate ?? null)}.`;
  const labelEvery = Math.max(1, Math.ceil(points.length / 8));
  const showSessions = points.every(
    (point) => point.attended !== undefined && point.possible !== undefined,
  );
  return (
    <figure class="chart">
      <figcaption id={`${id}-caption`}>{props.title}</figcaption>
      <svg
        viewBox={`0 0 ${String(width)} ${String(height)}`}
        role="img"
        aria-labelledby={`${id}-summary`}
        class="chart-svg"
      >
        <title id={`${id}-summary`}>{summary}</title>
        {ticks.map((tick) => (
          <g key={tick} class="chart-gridline">
            <line x1={margin.left} x2={width - margin.right} y1={y(tick)} y2={y(tick)} />
            <text x={margin.left - 6} y={y(tick) + 4} text-anchor="end">
              {`${String(Math.round(tick * 100))}%`}
            </text>
          </g>
        ))}
        <line
          class="chart-target"
          x1={margin.left}
          x2={width - margin.right}
          y1={y(target)}
          y2={y(target)}
        />
        <text
          class="chart-target-label"
          x={width - margin.right}
          y={y(target) - 6}
          text-anchor="end"
        >
          {`Target ${formatRate(target)}`}
        </text>
        <polyline class="chart-line" points={line} />
        {points.map((point, index) =>
          point.rate === null ? null : (
            <circle
              key={point.date}
              class={point.rate < target ? 'chart-point chart-point-below' : 'chart-point'}
              cx={x(index)}
              cy={y(point.rate)}
              r={3.5}
            >
              <title>{`${point.label}: ${formatRate(point.rate)}`}</title>
            </circle>
          ),
        )}
        {points.map((point, index) =>
          index % labelEvery === 0 ? (
            <text
              key={point.date}
              class="chart-axis-label"
              x={x(index)}
              y={height - margin.bottom + 18}
              text-anchor="middle"
            >
              {formatShortDate(point.date)}
            </text>
          ) : null,
        )}
      </svg>
      <details class="chart-data">
        <summary>
          Show the figures as a table<span class="visually-hidden">: {props.title}</span>
        </summary>
        <table class="data-table">
          <caption class="visually-hidden">{props.title}</caption>
          <thead>
            <tr>
              <th scope="col">Week</th>
              {showSessions && (
                <>
                  <th scope="col" class="numeric">
                    Sessions attended
                  </th>
                  <th scope="col" class="numeric">
                    Possible sessions
                  </th>
                </>
              )}
              <th scope="col" class="numeric">
                Attendance
              </th>
              <th scope="col">Against the target</th>
            </tr>
          </thead>
          <tbody>
            {points.map((point) => (
              <tr key={point.date}>
                <th scope="row">{point.label}</th>
                {showSessions && (
                  <>
                    <td class="numeric">{point.attended}</td>
                    <td class="numeric">{point.possible}</td>
                  </>
                )}
                <td class="numeric">{formatRate(point.rate)}</td>
                <td>{point.rate === null ? '–' : point.rate < target ? 'Below' : 'At or above'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
