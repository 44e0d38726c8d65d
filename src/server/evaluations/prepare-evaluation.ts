import { AppError } from "@/server/errors";
import { downloadRepoJson } from "@/server/hub/download-repo-file";
import type { HubConfig } from "@/server/hub/hub-config";
import { resolveRepo, type ResolvedRepo } from "@/server/hub/resolve-repo";
import { describeFeature, type Feature } from "@/server/datasets/features";
import { openSplit } from "@/server/datasets/read-split-rows";
import { resolveSplit, type SplitLayout } from "@/server/datasets/resolve-split";
import type { InferenceConfig } from "@/server/inference/inference-config";
import { redactUrl } from "@/server/inference/remote/remote-endpoints";
import { TASKS, type TaskId } from "@/server/tasks";
import { alignLabels, type LabelAlignment } from "./align-labels";
import { evaluationKey } from "./evaluation-key";

export const LOCAL_RUNNER = { name: "local", dtype: "fp32" } as const;

/** Which runner evaluates a model: recorded in the key and the manifest. */
export type RunnerChoice = { name: "local"; dtype: "fp32" } | { name: "remote"; endpoint: string };

/** The dataset half of an evaluation: resolved once, shared by every model of a submission. */
export interface PreparedDataset {
  repo: ResolvedRepo;
  layout: SplitLayout;
  features: Record<string, Feature>;
  numRows: number;
  textColumn: string;
  labelColumn: string;
  /** ClassLabel names, or label names inferred later for string columns. */
  labelFeature: Feature;
}

export interface PrepareDatasetOptions {
  hub: HubConfig;
  dataset: string;
  revision?: string;
  config: string;
  split: string;
  task: TaskId;
  columnMapping: Record<string, string>;
}

export async function prepareDataset(opts: PrepareDatasetOptions): Promise<PreparedDataset> {
  const task = TASKS[opts.task];
  for (const key of Object.keys(opts.columnMapping)) {
    if (!task.fields.some((f) => f.id === key)) {
      throw new AppError("UNPROCESSABLE", `columnMapping has "${key}", which is not a field of ${task.id} (fields: ${task.fields.map((f) => f.id).join(", ")}).`, { field: `columnMapping.${key}` });
    }
  }
  for (const f of task.fields) {
    if (!opts.columnMapping[f.id]) {
      throw new AppError("UNPROCESSABLE", `columnMapping has no dataset column for the ${task.id} field "${f.id}" (${f.label}).`, { field: `columnMapping.${f.id}` });
    }
  }
  const repo = await resolveRepo({ hub: opts.hub, type: "dataset", name: opts.dataset, revision: opts.revision, field: "dataset" });
  const layout = resolveSplit(repo, opts.config, opts.split);
  const opened = await openSplit({ hub: opts.hub, dataset: repo.name, revision: repo.sha, layout });
  if (opened.numRows === 0) {
    throw new AppError("UNPROCESSABLE", `Split "${opts.split}" of ${repo.name} (config "${opts.config}") is empty.`, { field: "split" });
  }
  // Card features, else the parquet `huggingface` metadata, else types inferred from the data; nested
  // dicts appear under dotted names (answers.text).
  const features: Record<string, Feature> = { ...opened.flatFeatures };
  for (const column of opened.columns) features[column] ??= { kind: "unknown", raw: null };
  const textColumn = opts.columnMapping.text;
  const labelColumn = opts.columnMapping.target;
  const where = `dataset ${repo.name}, config "${opts.config}", split "${opts.split}"`;
  for (const [field, column] of [["text", textColumn], ["target", labelColumn]] as const) {
    if (!opened.columns.has(column)) {
      throw new AppError("UNPROCESSABLE", `Column "${column}" (mapped to ${field}) does not exist in ${where}; columns: ${[...opened.columns].join(", ")}.`, { field: `columnMapping.${field}` });
    }
  }
  const textFeature = features[textColumn];
  if (textFeature.kind !== "unknown" && !(textFeature.kind === "value" && /string/.test(textFeature.dtype))) {
    throw new AppError("UNPROCESSABLE", `Column "${textColumn}" of ${where} is ${describeFeature(textFeature)}, but the text field needs a string column.`, { field: "columnMapping.text" });
  }
  const labelFeature = features[labelColumn];
  const labelOk = labelFeature.kind === "class_label" || labelFeature.kind === "unknown" || (labelFeature.kind === "value" && /int|string/.test(labelFeature.dtype));
  if (!labelOk) {
    throw new AppError("UNPROCESSABLE", `Column "${labelColumn}" of ${where} is ${describeFeature(labelFeature)}, but the target field needs a ClassLabel, integer or string column.`, { field: "columnMapping.target" });
  }
  return { repo, layout, features, numRows: opened.numRows, textColumn, labelColumn, labelFeature };
}

export interface PreparedEvaluation {
  key: string;
  model: string;
  modelSha: string;
  dataset: PreparedDataset;
  config: string;
  split: string;
  task: TaskId;
  columnMapping: Record<string, string>;
  alignment: LabelAlignment;
  runner: RunnerChoice;
  limit: number | null;
}

export interface PrepareModelOptions {
  hub: HubConfig;
  dataset: PreparedDataset;
  task: TaskId;
  columnMapping: Record<string, string>;
  model: string;
  revision?: string;
  limit?: number | null;
  /** Model label -> dataset label name, from the submission. */
  labelMapping?: Record<string, string> | null;
  /** Input field to blame, e.g. "models.2". */
  field?: string;
  /** Operator configuration of remote endpoints; without it only local ONNX models run. */
  inference?: InferenceConfig;
}

/** Resolves a model against a prepared dataset: runnable locally? labels alignable? its key. */
export async function prepareModel(opts: PrepareModelOptions): Promise<PreparedEvaluation> {
  const field = opts.field ?? "models";
  const repo = await resolveRepo({ hub: opts.hub, type: "model", name: opts.model, revision: opts.revision, field });
  const paths = new Set(repo.files.map((f) => f.path));
  const missing = ["config.json", "tokenizer.json", "onnx/model.onnx"].filter((p) => !paths.has(p));
  const endpoint = opts.inference?.remote?.endpoints[repo.name]?.endpointUrl;
  // Local when transformers.js can load the weights; else remote if the operator configured it.
  const runner: RunnerChoice = missing.length === 0 ? LOCAL_RUNNER : endpoint ? { name: "remote", endpoint: redactUrl(endpoint) } : LOCAL_RUNNER;
  if (missing.length > 0 && !endpoint) {
    throw new AppError(
      "UNPROCESSABLE",
      `Model ${repo.name} cannot run: it has no ${missing.join(", ")} for the local runner (ONNX weights in transformers.js layout), and this server has no remote endpoint configured for it.`,
      { field },
    );
  }
  if (!paths.has("config.json")) {
    throw new AppError("UNPROCESSABLE", `Model ${repo.name} has no config.json, so its labels (id2label) are unknown.`, { field });
  }
  const config = await downloadRepoJson<{ id2label?: Record<string, string> }>({ hub: opts.hub, type: "model", name: repo.name, revision: repo.sha, path: "config.json" });
  if (!config?.id2label || Object.keys(config.id2label).length === 0) {
    throw new AppError("UNPROCESSABLE", `Model ${repo.name} has no id2label in config.json, so its outputs cannot be matched to labels.`, { field });
  }
  const ds = opts.dataset;
  const datasetLabels = datasetLabelNames(ds.labelFeature, config.id2label);
  const alignment = alignLabels({ model: repo.name, id2label: config.id2label, datasetLabels, userMapping: opts.labelMapping ?? undefined });
  const base = {
    model: repo.name,
    modelSha: repo.sha,
    dataset: ds.repo.name,
    datasetSha: ds.repo.sha,
    config: ds.layout.config,
    split: ds.layout.split,
    task: opts.task,
    columnMapping: opts.columnMapping,
    runner,
    limit: opts.limit ?? null,
    // Only a mapping that changes the alignment changes the predictions, and so the key.
    labelMapping: opts.labelMapping && Object.keys(opts.labelMapping).length ? opts.labelMapping : undefined,
  };
  return {
    key: evaluationKey(base),
    model: repo.name,
    modelSha: repo.sha,
    dataset: ds,
    config: base.config,
    split: base.split,
    task: opts.task,
    columnMapping: opts.columnMapping,
    alignment,
    runner,
    limit: base.limit,
  };
}

/** The dataset's label names: ClassLabel names; for plain int/string columns, the model's own names. */
function datasetLabelNames(feature: Feature, id2label: Record<string, string>): string[] {
  if (feature.kind === "class_label") return feature.names;
  const modelNames = Object.entries(id2label).sort((a, b) => Number(a[0]) - Number(b[0])).map(([, v]) => v);
  if (feature.kind === "value" && /int/.test(feature.dtype)) return modelNames.map((_, i) => String(i));
  return modelNames;
}
