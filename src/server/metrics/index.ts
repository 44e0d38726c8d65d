import { accuracy } from "./accuracy";
import { f1 } from "./f1";
import { precision } from "./precision";
import { recall } from "./recall";
import { seqeval } from "./seqeval";
import { squad } from "./squad";
import { squad_v2 } from "./squad_v2";
import type { MetricDefinition } from "./types";

/** The metric registry; ids are the `evaluate` library's metric names. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyMetric = MetricDefinition<any, any, any>;

export const METRICS = { accuracy, precision, recall, f1, seqeval, squad, squad_v2 } satisfies Record<string, AnyMetric>;

export type MetricId = keyof typeof METRICS;
export const METRIC_IDS = Object.keys(METRICS) as [MetricId, ...MetricId[]];

export function isMetricId(id: string): id is MetricId {
  return Object.hasOwn(METRICS, id);
}

export type { MetricDefinition } from "./types";
