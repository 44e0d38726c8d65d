export interface ScoreRow {
  name: string;
  precision?: number;
  recall?: number;
  f1?: number;
  /** Reference examples (classes) or gold entities (entity types). */
  support?: number;
}

const fmt = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? "—" : Number.isInteger(v) ? String(v) : v.toFixed(4));

/** Precision / recall / F1 / support per class or per entity type. */
export function ScoreTable({ caption, nameHeader, supportHeader, rows, testId }: { caption: string; nameHeader: string; supportHeader: string; rows: ScoreRow[]; testId?: string }) {
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-sm" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-gray-200 text-left dark:border-gray-800">
            <th scope="col" className="py-1 pr-4">{nameHeader}</th>
            <th scope="col" className="py-1 pr-4 text-right">Precision</th>
            <th scope="col" className="py-1 pr-4 text-right">Recall</th>
            <th scope="col" className="py-1 pr-4 text-right">F1</th>
            <th scope="col" className="py-1 text-right">{supportHeader}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.name} className="border-b border-gray-100 tabular-nums dark:border-gray-900">
              <th scope="row" className="py-1 pr-4 text-left font-medium">{r.name}</th>
              <td className="py-1 pr-4 text-right">{fmt(r.precision)}</td>
              <td className="py-1 pr-4 text-right">{fmt(r.recall)}</td>
              <td className="py-1 pr-4 text-right">{fmt(r.f1)}</td>
              <td className="py-1 text-right">{fmt(r.support)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
