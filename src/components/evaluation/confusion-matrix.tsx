/** Counts of reference (rows) × predicted (columns) labels. */
export interface ConfusionMatrixProps {
  labels: string[];
  matrix: number[][];
  /** Link for a cell (e.g. the examples browser filtered to it); none when omitted. */
  cellHref?: (reference: string, predicted: string) => string;
}

const CELL = 64;
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * An SVG heat map of the confusion matrix with the count in each cell. Every cell has a text
 * alternative ("reference X, predicted Y: N examples") and, with `cellHref`, is a focusable link.
 */
export function ConfusionMatrix({ labels, matrix, cellHref }: ConfusionMatrixProps) {
  const max = Math.max(1, ...matrix.flat());
  const total = matrix.flat().reduce((a, b) => a + b, 0);
  const left = Math.min(140, 16 + 7 * Math.max(...labels.map((l) => Math.min(l.length, 18))));
  const top = 44;
  const width = left + CELL * labels.length + 8;
  const height = top + CELL * labels.length + 8;
  return (
    <figure className="max-w-full overflow-x-auto">
      <svg
        role="group"
        aria-label={`Confusion matrix of ${total} examples: rows are reference labels, columns are predicted labels`}
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
        className="text-gray-900 dark:text-gray-100"
        data-testid="confusion-matrix"
      >
        <text x={left + (CELL * labels.length) / 2} y={12} textAnchor="middle" fontSize="11" fill="currentColor" opacity="0.7">predicted →</text>
        <text x={4} y={top - 6} fontSize="11" fill="currentColor" opacity="0.7">reference ↓</text>
        {labels.map((l, j) => (
          <text key={`c${l}`} x={left + CELL * j + CELL / 2} y={top - 8} textAnchor="middle" fontSize="12" fill="currentColor">
            <title>{l}</title>
            {clip(l, 9)}
          </text>
        ))}
        {labels.map((l, i) => (
          <text key={`r${l}`} x={left - 8} y={top + CELL * i + CELL / 2 + 4} textAnchor="end" fontSize="12" fill="currentColor">
            <title>{l}</title>
            {clip(l, 18)}
          </text>
        ))}
        {matrix.map((row, i) =>
          row.map((count, j) => {
            const share = count / max;
            const label = `reference ${labels[i]}, predicted ${labels[j]}: ${count} example${count === 1 ? "" : "s"}${i === j ? " (correct)" : ""}`;
            const cell = (
              <g>
                <title>{label}</title>
                <rect
                  x={left + CELL * j + 1}
                  y={top + CELL * i + 1}
                  width={CELL - 2}
                  height={CELL - 2}
                  rx={3}
                  fill={i === j ? "rgb(22, 163, 74)" : "rgb(220, 38, 38)"}
                  fillOpacity={(0.08 + 0.8 * share).toFixed(3)}
                  stroke="currentColor"
                  strokeOpacity={0.15}
                />
                <text
                  x={left + CELL * j + CELL / 2}
                  y={top + CELL * i + CELL / 2 + 5}
                  textAnchor="middle"
                  fontSize="14"
                  fontWeight={600}
                  className={`tabular-nums ${share > 0.55 ? "fill-white" : "fill-gray-900 dark:fill-gray-100"}`}
                >
                  {count}
                </text>
              </g>
            );
            return cellHref && count > 0 ? (
              <a key={`${i}-${j}`} href={cellHref(labels[i], labels[j])} aria-label={`${label}: show these examples`}>
                {cell}
              </a>
            ) : (
              <g key={`${i}-${j}`} role="img" aria-label={label}>
                {cell}
              </g>
            );
          }),
        )}
      </svg>
      <figcaption className="mt-1 text-xs text-gray-500 dark:text-gray-400">
        Green: correct (diagonal); red: confusions. Darker means more examples.{cellHref ? " Select a cell to browse its examples." : ""}
      </figcaption>
    </figure>
  );
}
