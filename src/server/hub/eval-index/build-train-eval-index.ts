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

/** The original tool's AutoTrain `task_id` for a task (binary vs multi-class by the number of classes). */
const TASK_IDS: Record<TaskId, (o: { numLabels?: number; pair: boolean }) => string> = {
  "text-classification": ({ numLabels, pair }) => (pair ? "natural_language_inference" : numLabels === 2 ? "binary_classification" : "multi_class_classification"),
  "token-classification": () => "entity_extraction",
  "question-answering": () => "extractive_question_answering",
  summarization: () => "summarization",
  translation: () => "translation",
  "image-classification": ({ numLabels }) => (numLabels === 2 ? "image_binary_classification" : "image_multi_class_classification"),
  "zero-shot-classification": () => "zero_shot_classification",
  "text-generation": () => "text_zero_shot_classification",
};

export function buildTrainEvalIndexEntry(opts: BuildTrainEvalIndexOptions): TrainEvalIndexEntry {
  const task = TASKS[opts.task];
  const pair = opts.task === "text-classification" && Boolean(opts.columnMapping.text2);
  // Sentence pairs are text1/text2 in the original tool's cards.
  const cardField = (id: string) => (pair && id === "text" ? "text1" : id);
  const colMapping = Object.fromEntries(task.fields.filter((f) => opts.columnMapping[f.id]).map((f) => [opts.columnMapping[f.id], cardField(f.id)]));
  return {
    config: opts.config,
    task: task.id,
    task_id: TASK_IDS[opts.task]({ numLabels: opts.numLabels, pair }),
    splits: { ...(opts.trainSplit ? { train_split: opts.trainSplit } : {}), eval_split: opts.split },
    col_mapping: colMapping,
    metrics: opts.metrics.map((m) => ({ type: m, name: m.replace(/_/g, " ").replace(/\b\w/g, (c) => c.toUpperCase()) })),
  };
}

/** The YAML block a dataset author pastes into the card's front matter. */
export function trainEvalIndexYaml(entry: TrainEvalIndexEntry): string {
  return stringify({ "train-eval-index": [entry] }, { indentSeq: false, lineWidth: 0 });
}
