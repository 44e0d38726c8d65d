import type { EvaluationReport } from "@/server/evaluations/get-evaluation-report";

type Manifest = Record<string, unknown>;

const json = (v: unknown) => (v === undefined || v === null ? "—" : typeof v === "string" ? v : JSON.stringify(v));

function Entry({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-1 gap-1 border-b border-gray-100 py-1 sm:grid-cols-[12rem_1fr] dark:border-gray-900">
      <dt className="font-medium text-gray-700 dark:text-gray-300">{term}</dt>
      <dd className="min-w-0 break-words font-mono text-xs leading-5">{children}</dd>
    </div>
  );
}

/**
 * What reproduces the run: the pinned model and dataset, the configuration, the runner and its
 * parameters, code version, seeds (bootstrap, sampling) and timings; plus the raw manifest JSON.
 */
export function ManifestPanel({ report }: { report: EvaluationReport }) {
  const m: Manifest = report.manifest ?? {};
  const timings = m.timings as Record<string, number> | undefined;
  const seeds = new Set(report.metrics.map((r) => r.bootstrap?.seed).filter((s): s is number => s !== undefined));
  const resamples = new Set(report.metrics.map((r) => r.bootstrap?.resamples).filter((s): s is number => s !== undefined));
  const sampling = m.sampling as { rule: string; seed: number; population: number; size: number } | null | undefined;
  const rows = m.rows as { read?: number; scored?: number; invalid?: { count: number } } | undefined;
  return (
    <dl className="text-sm" data-testid="manifest">
      <Entry term="Model">{report.model} @ {report.modelSha}</Entry>
      <Entry term="Dataset">{report.dataset} @ {report.datasetSha}</Entry>
      <Entry term="Config / split">{report.config} / {report.split}</Entry>
      <Entry term="Task">{report.task}</Entry>
      <Entry term="Column mapping">{json(m.columnMapping)}</Entry>
      <Entry term="Task parameters">{json(m.parameters && Object.keys(m.parameters as object).length ? m.parameters : "defaults (none)")}</Entry>
      <Entry term="Runner">{json(m.runner)}</Entry>
      {m.labelAlignment ? <Entry term="Label alignment">{json(m.labelAlignment)}</Entry> : null}
      <Entry term="Code version">{json(m.codeVersion)}</Entry>
      <Entry term="Evaluation key">{report.evaluationKey}</Entry>
      <Entry term="Seeds">
        bootstrap seed {seeds.size ? [...seeds].join(", ") : "—"}
        {resamples.size ? ` (${[...resamples].join(", ")} resamples)` : ""}
        {sampling ? `; sampling seed ${sampling.seed}: ${sampling.size} of ${sampling.population} rows (${sampling.rule})` : "; every row evaluated (no sampling)"}
      </Entry>
      <Entry term="Rows">
        {rows ? `${rows.read ?? "—"} read, ${rows.scored ?? "—"} scored, ${rows.invalid?.count ?? 0} invalid` : "—"}
      </Entry>
      <Entry term="Timings">
        {timings
          ? `load ${timings.loadMs} ms, inference ${timings.inferenceMs} ms, total ${timings.totalMs} ms, ${timings.examplesPerSecond} examples/s`
          : "—"}
      </Entry>
      {typeof m.reusedFrom === "string" ? <Entry term="Predictions reused from">evaluation {m.reusedFrom}</Entry> : null}
    </dl>
  );
}
