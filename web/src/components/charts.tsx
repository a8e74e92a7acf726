/**
 * Plain-SVG charts (no chart library keeps the bundle small). Each chart carries a text summary for
 * screen readers; values are drawn on a shared scale starting at zero.
 */

export interface Series {
  name: string;
  color: string;
  values: (number | null)[];
}

/** Rounds a maximum up to a readable axis top (1, 2, 5 × 10ⁿ). */
export function niceMax(max: number): number {
  if (max <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  const step = [1, 2, 5, 10].find((factor) => factor * magnitude >= max) ?? 10;
  return step * magnitude;
}

export function LineChart({
  labels,
  series,
  summary,
  height = 220,
  format = (value: number) => String(value),
}: {
  labels: string[];
  series: Series[];
  summary: string;
  height?: number;
  format?: (value: number) => string;
}) {
  const width = 720;
  const pad = { top: 12, right: 28, bottom: 28, left: 44 };
  const innerW = width - pad.left - pad.right;
  const innerH = height - pad.top - pad.bottom;
  const all = series.flatMap((one) => one.values.filter((value): value is number => value !== null));
  // Gridlines on round values (0, 5, 10 rather than 2.5, 7.5), never finer than one unit.
  const roughTop = niceMax(Math.max(0, ...all));
  const step = Math.max(1, niceMax(roughTop / 4));
  const top = Math.ceil(roughTop / step) * step;
  const x = (index: number): number =>
    pad.left + (labels.length <= 1 ? innerW / 2 : (index / (labels.length - 1)) * innerW);
  const y = (value: number): number => pad.top + innerH - (value / top) * innerH;
  const ticks = Array.from({ length: Math.floor(top / step) + 1 }, (_v, index) => index * step);
  const labelEvery = Math.max(1, Math.ceil(labels.length / 12));
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary} preserveAspectRatio="none">
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={pad.left} x2={width - pad.right} y1={y(tick)} y2={y(tick)} className="chart-grid" />
            <text x={pad.left - 8} y={y(tick) + 4} textAnchor="end" className="chart-axis">
              {format(tick)}
            </text>
          </g>
        ))}
        {labels.map((label, index) =>
          index % labelEvery === 0 ? (
            <text
              key={`${label}-${index}`}
              x={x(index)}
              y={height - 8}
              textAnchor="middle"
              className="chart-axis"
            >
              {label}
            </text>
          ) : null,
        )}
        {series.map((one) => {
          const points = one.values
            .map((value, index) => (value === null ? null : `${x(index)},${y(value)}`))
            .filter((point): point is string => point !== null);
          const area =
            points.length > 1
              ? `M${points[0]} L${points.join(' L')} L${x(one.values.length - 1)},${y(0)} L${x(0)},${y(0)} Z`
              : '';
          return (
            <g key={one.name}>
              {area && <path d={area} fill={one.color} opacity={0.08} />}
              <polyline
                points={points.join(' ')}
                fill="none"
                stroke={one.color}
                strokeWidth={2}
                strokeLinejoin="round"
              />
              {one.values.map((value, index) =>
                value === null ? null : (
                  <circle
                    key={index}
                    cx={x(index)}
                    cy={y(value)}
                    r={labels.length > 31 ? 0 : 3}
                    fill="#fff"
                    stroke={one.color}
                    strokeWidth={2}
                  >
                    <title>{`${labels[index]} · ${one.name}: ${format(value)}`}</title>
                  </circle>
                ),
              )}
            </g>
          );
        })}
      </svg>
      <figcaption className="chart-legend">
        {series.map((one) => (
          <span key={one.name}>
            <i style={{ background: one.color }} aria-hidden="true" />
            {one.name}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

/** Horizontal bars, one per row (labels per label). */
export function BarList({
  rows,
  format = String,
}: {
  rows: { key: string; label: React.ReactNode; value: number }[];
  format?: (value: number) => string;
}) {
  const top = Math.max(1, ...rows.map((row) => row.value));
  return (
    <ul className="bar-list">
      {rows.map((row) => (
        <li key={row.key}>
          <div className="bar-list-label">{row.label}</div>
          <div className="bar-list-track" aria-hidden="true">
            <div className="bar-list-bar" style={{ width: `${(row.value / top) * 100}%` }} />
          </div>
          <div className="bar-list-value">{format(row.value)}</div>
        </li>
      ))}
    </ul>
  );
}

/** A small gauge for a used/limit ratio (API bucket). */
export function Meter({ used, limit, label }: { used: number; limit: number; label: string }) {
  const share = limit > 0 ? Math.min(1, used / limit) : 0;
  const tone = share > 0.8 ? 'var(--red)' : share > 0.5 ? 'var(--amber)' : 'var(--green)';
  return (
    <div
      className="meter"
      role="meter"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={limit}
      aria-valuenow={used}
    >
      <div className="meter-fill" style={{ width: `${share * 100}%`, background: tone }} />
    </div>
  );
}
