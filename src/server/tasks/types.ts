import type { z } from "zod";
import type { MetricId } from "@/server/metrics";

/**
 * What kind of dataset column a task field accepts (see `featureFits`):
 * - text: a string; label: a ClassLabel, integer or string;
 * - tokens: a sequence of strings (words); tags: a sequence of ClassLabel/integer/string tags;
 * - answer-texts / answer-starts: SQuAD's `answers.text` (strings) and `answers.answer_start` (integers);
 * - image: an Image feature (bytes); classes: a sequence of strings; class-index: an integer.
 */
export type FieldKind = "text" | "label" | "tokens" | "tags" | "answer-texts" | "answer-starts" | "image" | "classes" | "class-index";

export interface TaskField {
  id: string;
  label: string;
  description: string;
  kind: FieldKind;
  /** A field the mapping may leave out (e.g. the second sentence of a pair). */
  optional?: boolean;
}

/**
 * How predictions are produced and stored:
 * - label: one label of the dataset's label set per example (typed prediction table, label metrics);
 * - record: structured predictions (tag sequences, answers, generated text) scored by their metric.
 */
export type PredictionKind = "label" | "record";

/** A task registry entry. Ids follow @huggingface/tasks pipeline tags. */
export interface TaskDefinition<P extends Record<string, unknown> = Record<string, unknown>> {
  id: string;
  name: string;
  /** One sentence for the form. */
  description: string;
  /** The Hub `pipeline_tag` of compatible models. */
  pipelineTag: string;
  /** AutoTrain `task_id`s of the original tool that map to this task (for `train-eval-index`). */
  autoTrainIds: string[];
  /** The standard fields a dataset's columns are mapped to. */
  fields: TaskField[];
  predictionKind: PredictionKind;
  defaultMetrics: MetricId[];
  metrics: MetricId[];
  /** Task parameters a submission may set (generation length, hypothesis template, ...); recorded with the results. */
  parametersSchema: z.ZodType<P>;
}
