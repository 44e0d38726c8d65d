import type { MetricRow } from "@/server/evaluations/get-evaluation-report";

const fmt = (v: number) => (Number.isFinite(v) ? v.toFixed(4) : String(v));

/** Every metric with its value, its bootstrap interval and which direction is better. */
export function MetricsTable({ metrics }: { metrics: MetricRow[] }) {
  if (metrics.length === 0) return <p className="text-sm text-gray-600 dark:text-gray-400">No metric values yet.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-sm" data-testid="metrics">
        <caption className="sr-only">Metric values with 95% bootstrap confidence intervals</caption>
        <thead>
          <tr className="border-b border-gray-200 text-left dark:border-gray-800">
            <th scope="col" className="py-1 pr-4">Metric</th>
            <th scope="col" className="py-1 pr-4 text-right">Value</th>
            <th scope="col" className="py-1 pr-4">95% confidence interval</th>
            <th scope="col" className="py-1">Better</th>
          </tr>
        </thead>
        <tbody>
          {metrics.map((m) => (
            <tr key={m.metric} className="border-b border-gray-100 dark:border-gray-900" data-metric={m.metric}>
              <th scope="row" className="py-1 pr-4 text-left font-medium">{m.label}</th>
              <td className="py-1 pr-4 text-right font-semibold tabular-nums">{fmt(m.value)}</td>
              <td className="py-1 pr-4 tabular-nums" title={m.bootstrap ? `${m.bootstrap.method} bootstrap, ${m.bootstrap.resamples} resamples, seed ${m.bootstrap.seed}` : undefined}>
                {m.interval ? (
                  <span>
                    [{fmt(m.interval[0])}, {fmt(m.interval[1])}]
                    <IntervalBar value={m.value} interval={m.interval} />
                  </span>
                ) : (
                  <span className="text-gray-600 dark:text-gray-400">not computed</span>
                )}
              </td>
              <td className="py-1">{m.higherIsBetter === null ? "—" : m.higherIsBetter ? "↑ higher" : "↓ lower"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The interval drawn on a 0–1 scale (values outside it are clamped), the point as a tick. */
function IntervalBar({ value, interval }: { value: number; interval: [number, number] }) {
  const pos = (v: number) => Math.max(0, Math.min(1, v)) * 100;
  return (
    <svg aria-hidden="true" width="100" height="10" className="ml-2 inline-block align-middle text-indigo-600 dark:text-indigo-300" viewBox="0 0 100 10">
      <line x1="0" x2="100" y1="5" y2="5" stroke="currentColor" strokeOpacity="0.2" />
      <line x1={pos(interval[0])} x2={pos(interval[1])} y1="5" y2="5" stroke="currentColor" strokeWidth="3" />
      <line x1={pos(value)} x2={pos(value)} y1="0" y2="10" stroke="currentColor" strokeWidth="2" />
    </svg>
  );
}
