type PerClass = Record<string, { precision?: number; recall?: number; "f1-score"?: number; support?: number } | number>;

export interface ClassificationSummary {
  labels: string[];
  confusionMatrix: number[][];
  perClass: PerClass;
}

const fmt = (v: number | undefined) => (v === undefined ? "—" : Number.isInteger(v) ? String(v) : v.toFixed(4));

/** Per-class precision/recall/F1/support and the confusion matrix (rows: reference, columns: prediction). */
export function ClassificationReport({ summary }: { summary: ClassificationSummary }) {
  const rows = Object.entries(summary.perClass).filter(([, v]) => typeof v === "object") as [string, Exclude<PerClass[string], number>][];
  const max = Math.max(1, ...summary.confusionMatrix.flat());
  return (
    <div className="grid gap-6 md:grid-cols-2">
      <section>
        <h2 className="text-lg font-semibold">Per class</h2>
        <table className="text-sm">
          <thead>
            <tr className="border-b text-left">
              <th className="pr-4">Label</th><th className="pr-4">Precision</th><th className="pr-4">Recall</th><th className="pr-4">F1</th><th>Support</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([label, v]) => (
              <tr key={label} className="border-b tabular-nums">
                <td className="pr-4">{label}</td><td className="pr-4">{fmt(v.precision)}</td><td className="pr-4">{fmt(v.recall)}</td><td className="pr-4">{fmt(v["f1-score"])}</td><td>{fmt(v.support)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section>
        <h2 className="text-lg font-semibold">Confusion matrix</h2>
        <table className="text-sm" aria-label="Confusion matrix: rows are reference labels, columns are predicted labels">
          <thead>
            <tr>
              <th className="pr-2 text-left text-xs text-gray-500">reference ↓ / predicted →</th>
              {summary.labels.map((l) => <th key={l} className="px-2">{l}</th>)}
            </tr>
          </thead>
          <tbody>
            {summary.confusionMatrix.map((row, i) => (
              <tr key={summary.labels[i]}>
                <th className="pr-2 text-left">{summary.labels[i]}</th>
                {row.map((c, j) => (
                  <td key={j} className="px-3 py-2 text-center tabular-nums" style={{ backgroundColor: `rgba(79, 70, 229, ${(0.08 + 0.6 * (c / max)).toFixed(3)})` }}>
                    {c}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
