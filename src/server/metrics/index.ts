import { accuracy } from "./accuracy";
import { classificationReport } from "./classification_report";
import { confusionMatrix } from "./confusion_matrix";
import { exactMatch } from "./exact_match";
import { mae } from "./mae";
import { matthewsCorrelation } from "./matthews_correlation";
import { mse } from "./mse";
import { perplexity } from "./perplexity";
import { rocAuc } from "./roc_auc";
import { rouge } from "./rouge";
import { wer } from "./wer";
import { cer } from "./cer";
import { chrf } from "./chrf";
import { sacrebleu } from "./sacrebleu";
import { ter } from "./ter";
import { f1 } from "./f1";
import { precision } from "./precision";
import { recall } from "./recall";
import { seqeval } from "./seqeval";
import { squad } from "./squad";
import { squad_v2 } from "./squad_v2";
import type { MetricDefinition } from "./types";

/** The metric registry; ids are the `evaluate` library's metric names. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyMetric = MetricDefinition<any, any, any>;

export const METRICS = {
  accuracy,
  precision,
  recall,
  f1,
  matthews_correlation: matthewsCorrelation,
  roc_auc: rocAuc,
  confusion_matrix: confusionMatrix,
  classification_report: classificationReport,
  seqeval,
  squad,
  squad_v2,
  exact_match: exactMatch,
  mse,
  mae,
  perplexity,
  rouge,
  sacrebleu,
  chrf,
  ter,
  wer,
  cer,
} satisfies Record<string, AnyMetric>;

export type MetricId = keyof typeof METRICS;
export const METRIC_IDS = Object.keys(METRICS) as [MetricId, ...MetricId[]];

export function isMetricId(id: string): id is MetricId {
  return Object.hasOwn(METRICS, id);
}

export type { MetricDefinition } from "./types";
