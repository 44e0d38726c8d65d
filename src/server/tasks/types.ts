import type { MetricId } from "@/server/metrics";

/** What kind of dataset column a task field accepts. */
export type FieldKind = "text" | "label";

export interface TaskField {
  id: string;
  label: string;
  description: string;
  kind: FieldKind;
}

/** A task registry entry. Ids follow @huggingface/tasks pipeline tags. */
export interface TaskDefinition {
  id: string;
  name: string;
  /** The Hub `pipeline_tag` of compatible models. */
  pipelineTag: string;
  /** The standard fields a dataset's columns are mapped to. */
  fields: TaskField[];
  defaultMetrics: MetricId[];
  metrics: MetricId[];
}
