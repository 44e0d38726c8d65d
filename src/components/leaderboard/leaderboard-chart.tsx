import type { Leaderboard, LeaderboardRow } from "@/server/leaderboards/get-leaderboard";
import { METRICS, type MetricId } from "@/server/metrics";
import { metricLabel } from "@/server/metrics/labels";
import { Whisker } from "./interval-bar";

/** viewBox units; the SVG scales to its container (down to a 375 px wide phone). */
const WIDTH = 360;
const ROW = 36;
const PAD = 6;
const AXIS = 22;

const fmt = (v: number) => v.toFixed(4);
/** Room for the label left of the value, in characters at this font size. */
const LABEL_CHARS = 48;
const short = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
const SELF = " (self-reported)";

/** The smallest of 1, 2, 2.5 or 5 times a power of ten that is at least `v` (a readable axis end). */
function niceCeil(v: number): number {
  if (v <= 0) return 0;
  const p = 10 ** Math.floor(Math.log10(v));
  return ([1, 2, 2.5, 5, 10].find((m) => m * p >= v) ?? 10) * p;
}

/**
 * The axis: from 0 (or the lowest value, if negative) to the metric's upper bound when it has one
 * (accuracy: 1), else to a round number above the largest value or interval bound.
 */
function chartDomain(rows: LeaderboardRow[], metric: MetricId): [number, number] {
  let lo = 0;
  let hi = -Infinity;
  for (const r of rows) {
    const v = r.results[metric]!;
    const [a, b] = r.intervals[metric] ?? [v, v];
    lo = Math.min(lo, a, v);
    hi = Math.max(hi, b, v);
  }
  const top = METRICS[metric].range[1];
  hi = Number.isFinite(top) && hi <= top ? top : niceCeil(hi);
  if (lo < 0) lo = -niceCeil(-lo);
  return hi > lo ? [lo, hi] : [lo, lo + 1];
}

function describe(r: LeaderboardRow, metric: string): string {
  const v = r.results[metric]!;
  const ci = r.intervals[metric];
  const what = r.source === "self-reported" ? "self-reported, no interval" : ci ? `95% interval ${fmt(ci[0])} to ${fmt(ci[1])}` : "no interval";
  return `${r.model}: ${fmt(v)} (${what})`;
}

/** Bar style by role: the leader, rows tied with it, other EvalHub rows, and self-reported claims (dashed outline). */
function barClass(r: LeaderboardRow): string {
  if (r.source === "self-reported") return "fill-transparent stroke-gray-500 dark:stroke-gray-400";
  if (r.leader) return "fill-indigo-600 dark:fill-indigo-400";
  if (r.tied) return "fill-amber-500 dark:fill-amber-400";
  return "fill-indigo-300 dark:fill-indigo-700";
}

/**
 * The ranking metric per model as horizontal bars, best first, with each row's 95% interval as an
 * error bar. Server-rendered SVG; screen readers get the caption and every number in the image's
 * label (the leaderboard table below holds the same numbers; a visually hidden copy of it widened
 * the page at 375 px).
 */
export function LeaderboardChart({ board }: { board: Leaderboard }) {
  const metric = board.metric;
  const rows = board.rows.filter((r) => r.results[metric] !== undefined).sort((a, b) => a.rank - b.rank);
  if (rows.length === 0) return null;
  const [lo, hi] = chartDomain(rows, metric);
  const x = (v: number) => PAD + ((v - lo) / (hi - lo)) * (WIDTH - 2 * PAD);
  const height = rows.length * ROW + AXIS;
  const label = metricLabel(metric);
  const ticks = [lo, lo + (hi - lo) / 4, (lo + hi) / 2, lo + (3 * (hi - lo)) / 4, hi];
  const summary = `${label} per model, best first (${board.higherIsBetter ? "higher" : "lower"} is better): ${rows.map((r) => describe(r, metric)).join("; ")}`;
  return (
    <figure className="max-w-[30rem] space-y-1" data-testid="leaderboard-chart">
      <figcaption className="text-sm text-gray-600 dark:text-gray-400">
        {label} per model, best first. Whiskers: 95% bootstrap interval. <span className="text-indigo-700 dark:text-indigo-300">Leader</span>,{" "}
        <span className="text-amber-700 dark:text-amber-400">tied with the leader</span>, dashed outline: self-reported (no interval).
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-label={summary} className="block h-auto max-w-full">
        {rows.map((r, i) => {
          const v = r.results[metric]!;
          const ci = r.intervals[metric];
          const y = i * ROW;
          const barY = y + 17;
          const base = x(Math.max(lo, 0));
          const left = Math.min(base, x(v));
          const mid = barY + 6;
          return (
            <g key={r.key} data-testid="chart-bar" data-model={r.model} data-source={r.source}>
              <title>{describe(r, metric)}</title>
              <text x={PAD} y={y + 12} fontSize={11.5} className="fill-gray-800 dark:fill-gray-200">
                {r.source === "self-reported" ? short(r.model, LABEL_CHARS - SELF.length) + SELF : short(r.model, LABEL_CHARS)}
              </text>
              <text x={WIDTH - PAD} y={y + 12} fontSize={11.5} textAnchor="end" className="fill-gray-800 tabular-nums dark:fill-gray-200">
                {fmt(v)}
              </text>
              <rect
                x={left}
                y={barY}
                width={Math.max(1, Math.abs(x(v) - base))}
                height={12}
                rx={2}
                strokeWidth={r.source === "self-reported" ? 1.5 : 0}
                strokeDasharray={r.source === "self-reported" ? "4 2" : undefined}
                className={barClass(r)}
              />
              {ci && (
                <Whisker from={x(ci[0])} to={x(ci[1])} y={mid} cap={4} strokeWidth={1.25} className="stroke-gray-900 dark:stroke-gray-100" testId="chart-error-bar" />
              )}
            </g>
          );
        })}
        <g aria-hidden="true">
          <line x1={PAD} x2={WIDTH - PAD} y1={rows.length * ROW + 4} y2={rows.length * ROW + 4} className="stroke-gray-400 dark:stroke-gray-600" strokeWidth={1} />
          {ticks.map((t, i) => (
            <text
              key={i}
              x={x(t)}
              y={rows.length * ROW + 17}
              fontSize={10}
              textAnchor={i === 0 ? "start" : i === ticks.length - 1 ? "end" : "middle"}
              className="fill-gray-600 tabular-nums dark:fill-gray-400"
            >
              {String(Number(t.toPrecision(3)))}
            </text>
          ))}
        </g>
      </svg>
    </figure>
  );
}
