import { useId } from 'preact/hooks';
import './charts.css';

export interface Bar {
  readonly key: string;
  readonly label: string;
  readonly value: number;
  /** The figure as written beside the bar and in the table: "12.4%", "320 sessions". */
  readonly text: string;
  /** Extra columns for the table, e.g. the sessions behind a rate. */
  readonly details?: readonly string[];
  readonly tone?: 'authorised' | 'unauthorised' | 'neutral';
}

const width = 640;
const rowHeight = 28;
const labelWidth = 220;
const valueWidth = 90;

/** Horizontal bars in inline SVG, one labelled image, with the same figures in a table. */
export function BarChart(props: {
  title: string;
  bars: readonly Bar[];
  /** Column headings of the table: the label, the figure, then each of `details`. */
  columns: readonly string[];
  /** The value a full-length bar stands for; the largest value when not given. */
  max?: number;
}) {
  const id = useId();
  const { bars } = props;
  const max = props.max ?? Math.max(1e-9, ...bars.map((bar) => bar.value));
  const height = Math.max(rowHeight, bars.length * rowHeight) + 8;
  const plotWidth = width - labelWidth - valueWidth;
  const summary = `${props.title}: ${bars.map((bar) => `${bar.label} ${bar.text}`).join('; ')}.`;
  return (
    <figure class="chart">
      <figcaption>{props.title}</figcaption>
      {bars.length === 0 ? (
        <p class="hint">Nothing to show yet.</p>
      ) : (
        <svg
          viewBox={`0 0 ${String(width)} ${String(height)}`}
          role="img"
          aria-labelledby={`${id}-summary`}
          class="chart-svg"
        >
          <title id={`${id}-summary`}>{summary}</title>
          {bars.map((bar, index) => {
            const top = 4 + index * rowHeight;
            const length = Math.max(1, (bar.value / max) * plotWidth);
            return (
              <g key={bar.key}>
                <text class="chart-bar-label" x={labelWidth - 8} y={top + 18} text-anchor="end">
                  {bar.label.length > 30 ? `${bar.label.slice(0, 29)}…` : bar.label}
                </text>
                <rect
                  class={`chart-bar chart-bar-${bar.tone ?? 'neutral'}`}
                  x={labelWidth}
                  y={top + 4}
                  width={length}
                  height={rowHeight - 8}
                />
                <text class="chart-bar-value" x={labelWidth + length + 6} y={top + 18}>
                  {bar.text}
                </text>
              </g>
            );
          })}
        </svg>
      )}
      <details class="chart-data">
        <summary>
          Show the figures as a table<span class="visually-hidden">: {props.title}</span>
        </summary>
        <table class="data-table">
          <caption class="visually-hidden">{props.title}</caption>
          <thead>
            <tr>
              {props.columns.map((column, index) => (
                <th key={column} scope="col" class={index === 0 ? undefined : 'numeric'}>
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {bars.map((bar) => (
              <tr key={bar.key}>
                <th scope="row">{bar.label}</th>
                <td class="numeric">{bar.text}</td>
                {(bar.details ?? []).map((detail, index) => (
                  <td key={index} class="numeric">
                    {detail}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
