import type { Db } from "@/server/db/client";
import { METRICS, isMetricId } from "@/server/metrics";
import { metricLabel } from "@/server/metrics/labels";
import { getEvaluation, type EvaluationDetail } from "./get-evaluation";

export interface MetricRow {
  metric: string;
  label: string;
  value: number;
  interval: [number, number] | null;
  higherIsBetter: boolean | null;
  args: Record<string, unknown>;
  bootstrap: { method: string; resamples: number; seed: number; confidence: number } | null;
}

export interface EntityRow {
  type: string;
  precision: number;
  recall: number;
  f1: number;
  /** Gold entities of this type. */
  number: number;
}

export interface EvaluationReport extends EvaluationDetail {
  metrics: MetricRow[];
  /** seqeval's per-entity-type scores, when seqeval was computed. */
  entities: EntityRow[] | null;
}

type Details = { output?: Record<string, unknown>; args?: Record<string, unknown>; bootstrap?: MetricRow["bootstrap"] } | null;

/** The evaluation page's data: the evaluation, each metric with its interval and settings, seqeval's per-type table. */
export async function getEvaluationReport(opts: { db: Db; id: string }): Promise<EvaluationReport> {
  const evaluation = await getEvaluation(opts);
  const results = await opts.db.result.findMany({ where: { evaluationId: evaluation.id }, orderBy: { metric: "asc" } });
  let entities: EntityRow[] | null = null;
  const metrics = results.map((r) => {
    const details = (r.details as Details) ?? null;
    if (r.metric === "seqeval" && details?.output) {
      entities = Object.entries(details.output)
        .filter(([, v]) => typeof v === "object" && v !== null && "f1" in v)
        .map(([type, v]) => ({ type, ...(v as Omit<EntityRow, "type">) }));
    }
    return {
      metric: r.metric,
      label: metricLabel(r.metric),
      value: r.value,
      interval: r.ciLow !== null && r.ciHigh !== null ? ([r.ciLow, r.ciHigh] as [number, number]) : null,
      higherIsBetter: isMetricId(r.metric) ? METRICS[r.metric].higherIsBetter : null,
      args: details?.args ?? {},
      bootstrap: details?.bootstrap ?? null,
    };
  });
  return { ...evaluation, metrics, entities };
}
