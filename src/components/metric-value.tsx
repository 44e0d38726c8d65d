/** A metric value with its bootstrap interval, e.g. "0.7275 [0.6825, 0.7700]". */
export function MetricValue({ value, interval }: { value: number | undefined; interval?: [number, number] }) {
  if (value === undefined) return <span>—</span>;
  return (
    <span className="tabular-nums">
      {value.toFixed(4)}
      {interval && (
        <span className="ml-1 text-xs text-gray-600 dark:text-gray-400" title="95% percentile bootstrap interval (1,000 resamples)">
          [{interval[0].toFixed(4)}, {interval[1].toFixed(4)}]
        </span>
      )}
    </span>
  );
}
