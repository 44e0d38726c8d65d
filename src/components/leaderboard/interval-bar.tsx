/** Where a value sits in [lo, hi], as an x coordinate in [pad, width - pad]. */
function scale(domain: [number, number], width: number, pad: number) {
  const [lo, hi] = domain;
  const span = hi - lo || 1;
  return (v: number) => pad + ((v - lo) / span) * (width - 2 * pad);
}

export interface IntervalBarProps {
  value: number | undefined;
  interval: [number, number] | undefined;
  /** The shared axis of every row, so bars compare across rows. */
  domain: [number, number];
  /** The leader's interval, drawn as a shaded band so overlaps are visible. */
  leaderInterval?: [number, number];
  label: string;
}

/** An interval as a horizontal line with end caps (an error bar), in SVG coordinates. */
export function Whisker(props: { from: number; to: number; y: number; cap: number; strokeWidth: number; className: string; testId: string }) {
  const { from, to, y, cap } = props;
  return (
    <g className={props.className} strokeWidth={props.strokeWidth} data-testid={props.testId}>
      <line x1={from} x2={to} y1={y} y2={y} />
      <line x1={from} x2={from} y1={y - cap} y2={y + cap} />
      <line x1={to} x2={to} y1={y - cap} y2={y + cap} />
    </g>
  );
}

/** One row of a forest plot: the value as a dot, its 95% interval as an error bar, on a shared axis. */
export function IntervalBar({ value, interval, domain, leaderInterval, label }: IntervalBarProps) {
  const width = 140;
  const height = 22;
  const mid = height / 2;
  if (value === undefined) return <span className="text-gray-600 dark:text-gray-400">—</span>;
  const x = scale(domain, width, 6);
  const text = interval
    ? `${label} ${value.toFixed(4)}, 95% interval ${interval[0].toFixed(4)} to ${interval[1].toFixed(4)}`
    : `${label} ${value.toFixed(4)}, no interval`;
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={text} className="overflow-visible">
      <title>{text}</title>
      {leaderInterval && (
        <rect
          x={x(leaderInterval[0])}
          y={1}
          width={Math.max(1, x(leaderInterval[1]) - x(leaderInterval[0]))}
          height={height - 2}
          className="fill-indigo-100 dark:fill-indigo-950"
        />
      )}
      <line x1={6} x2={width - 6} y1={height - 1} y2={height - 1} className="stroke-gray-300 dark:stroke-gray-700" strokeWidth={1} />
      {interval && (
        <Whisker from={x(interval[0])} to={x(interval[1])} y={mid} cap={5} strokeWidth={1.5} className="stroke-gray-700 dark:stroke-gray-300" testId="error-bar" />
      )}
      <circle cx={x(value)} cy={mid} r={3.5} className="fill-indigo-600 dark:fill-indigo-400" />
    </svg>
  );
}

/** The axis covering every row's value and interval for `metric`. */
export function intervalDomain(rows: { results: Record<string, number>; intervals: Record<string, [number, number]> }[], metric: string): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of rows) {
    const v = r.results[metric];
    if (v === undefined) continue;
    const [a, b] = r.intervals[metric] ?? [v, v];
    lo = Math.min(lo, a, v);
    hi = Math.max(hi, b, v);
  }
  return Number.isFinite(lo) ? [lo, hi] : [0, 1];
}
