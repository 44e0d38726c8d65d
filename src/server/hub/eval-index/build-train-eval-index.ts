import { stringify } from "yaml";
import { TASKS, type TaskId } from "@/server/tasks";

/** One `train-eval-index` entry, in the order and shape of the original tool's dataset cards. */
export interface TrainEvalIndexEntry {
  config: string;
  task: string;
  task_id: string;
  splits: { train_split?: string; eval_split: string };
  /** Dataset column -> task field (the card's direction, the reverse of our columnMapping). */
  col_mapping: Record<string, string>;
  metrics: { type: string; name: string; args?: Record<string, unknown> }[];
}

export interface BuildTrainEvalIndexOptions {
  config: string;
  split: string;
  trainSplit?: string;
  task: TaskId;
  /** Task field -> dataset column, as submissions carry it. */
  columnMapping: Record<string, string>;
  metrics: string[];
  /** For task_id: the number of classes decides binary vs multi-class. */
  numLabels?: number;
}

const TASK_IDS: Record<TaskId, (numLabels?: number) => string> = {
  "text-classification": (n) => (n === 2 ? "binary_classification" : "multi_class_classification"),
};

export function buildTrainEvalIndexEntry(opts: BuildTrainEvalIndexOptions): TrainEvalIndexEntry {
  const task = TASKS[opts.task];
  const colMapping = Object.fromEntries(task.fields.filter((f) => opts.columnMapping[f.id]).map((f) => [opts.columnMapping[f.id], f.id]));
  return {
    config: opts.config,
    task: task.id,
    task_id: TASK_IDS[opts.task](opts.numLabels),
    splits: { ...(opts.trainSplit ? { train_split: opts.trainSplit } : {}), eval_split: opts.split },
    col_mapping: colMapping,
    metrics: opts.metrics.map((m) => ({ type: m, name: m.replace(/_/g, " ").replace(/\b\w/g, (c) => c.toUpperCase()) })),
  };
}

/** The YAML block a dataset author pastes into the card's front matter. */
export function trainEvalIndexYaml(entry: TrainEvalIndexEntry): string {
  return stringify({ "train-eval-index": [entry] }, { indentSeq: false, lineWidth: 0 });
}
