import { AppError } from "@/server/errors";
import { downloadRepoJson } from "@/server/hub/download-repo-file";
import type { HubConfig } from "@/server/hub/hub-config";
import { resolveRepo, type ResolvedRepo } from "@/server/hub/resolve-repo";
import { describeFeature, type Feature } from "@/server/datasets/features";
import { openSplit, type OpenedSplit } from "@/server/datasets/read-split-rows";
import { resolveSplit, type SplitLayout } from "@/server/datasets/resolve-split";
import type { InferenceConfig } from "@/server/inference/inference-config";
import { redactUrl } from "@/server/inference/remote/remote-endpoints";
import { FIELD_KIND_NEEDS, TASKS, featureFits, parseTaskParameters, type TaskField, type TaskId } from "@/server/tasks";
import { alignLabels, type LabelAlignment } from "./align-labels";
import { alignTags } from "./align-tags";
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
  /** Task field -> dataset column, for the fields the mapping names. */
  columns: Record<string, string>;
  /**
   * The labels' feature: the target column for label tasks, the element of the tags sequence for
   * token classification; null when the task has no label set (QA, generation, causal-LM choice).
   */
  labelFeature: Feature | null;
  /** The split as opened for validation, reused to read the rows (no second footer/metadata read). */
  opened: OpenedSplit;
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
  const fields = task.fields as readonly TaskField[];
  for (const key of Object.keys(opts.columnMapping)) {
    if (!fields.some((f) => f.id === key)) {
      throw new AppError("UNPROCESSABLE", `columnMapping has "${key}", which is not a field of ${task.id} (fields: ${fields.map((f) => f.id).join(", ")}).`, { field: `columnMapping.${key}` });
    }
  }
  for (const f of fields) {
    if (!f.optional && !opts.columnMapping[f.id]) {
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
  const where = `dataset ${repo.name}, config "${opts.config}", split "${opts.split}"`;
  const columns: Record<string, string> = {};
  for (const f of fields) {
    const column = opts.columnMapping[f.id];
    if (!column) continue;
    if (!opened.columns.has(column)) {
      throw new AppError("UNPROCESSABLE", `Column "${column}" (mapped to ${f.id}) does not exist in ${where}; columns: ${[...opened.columns].join(", ")}.`, { field: `columnMapping.${f.id}` });
    }
    const feature = features[column];
    if (!featureFits(f.kind, feature)) {
      throw new AppError("UNPROCESSABLE", `Column "${column}" of ${where} is ${describeFeature(feature)}, but the ${f.id} field needs ${FIELD_KIND_NEEDS[f.kind]}.`, { field: `columnMapping.${f.id}` });
    }
    columns[f.id] = column;
  }
  const labelField = fields.find((f) => f.kind === "label" || f.kind === "tags");
  let labelFeature: Feature | null = labelField ? features[columns[labelField.id]] : null;
  if (labelFeature?.kind === "sequence") labelFeature = labelFeature.feature;
  if (opts.task === "zero-shot-classification" && labelFeature?.kind !== "class_label") {
    throw new AppError(
      "UNPROCESSABLE",
      `Zero-shot classification takes its candidate labels from the target column's ClassLabel names, but column "${columns.target}" of ${where} is ${describeFeature(labelFeature ?? { kind: "unknown", raw: null })}.`,
      { field: "columnMapping.target" },
    );
  }
  return { repo, layout, features, numRows: opened.numRows, columns, labelFeature, opened };
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
  /** The task's parameters, defaults filled in (part of the key). */
  parameters: Record<string, unknown>;
  /**
   * Label tasks: model outputs -> dataset labels. Token classification: model tags -> dataset tags.
   * Tasks without a label set get an empty alignment.
   */
  alignment: LabelAlignment;
  runner: RunnerChoice;
  limit: number | null;
}

export interface PrepareModelOptions {
  hub: HubConfig;
  dataset: PreparedDataset;
  task: TaskId;
  columnMapping: Record<string, string>;
  /** Parsed task parameters (see `parseTaskParameters`). */
  parameters?: Record<string, unknown>;
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

/**
 * Files transformers.js needs to run a task locally (fp32 ONNX in the transformers.js layout);
 * null where EvalHub has no local runner (seq2seq generation runs through a remote endpoint).
 */
export const LOCAL_FILES: Record<TaskId, readonly string[] | null> = {
  "text-classification": ["config.json", "tokenizer.json", "onnx/model.onnx"],
  "token-classification": ["config.json", "tokenizer.json", "onnx/model.onnx"],
  "question-answering": ["config.json", "tokenizer.json", "onnx/model.onnx"],
  summarization: null,
  translation: null,
  "image-classification": ["config.json", "preprocessor_config.json", "onnx/model.onnx"],
  "zero-shot-classification": ["config.json", "tokenizer.json", "onnx/model.onnx"],
  "text-generation": ["config.json", "tokenizer.json", "onnx/model.onnx"],
};

/** Why a task cannot run remotely at all (the Inference API has no call for it), else null. */
function remoteUnsupported(task: TaskId, columns: Record<string, string>): string | null {
  if (task === "text-classification" && columns.text2) return "the Inference API's text classification takes single texts, not sentence pairs";
  // @huggingface/inference's textGeneration returns the generated text only, never token log-probabilities.
  if (task === "text-generation") return "scoring completions needs token log-probabilities, which the Inference API client does not return (only local models are scored)";
  return null;
}

type ModelConfig = { id2label?: Record<string, string> };

/** Resolves a model against a prepared dataset: runnable (locally or remotely)? labels alignable? its key. */
export async function prepareModel(opts: PrepareModelOptions): Promise<PreparedEvaluation> {
  const field = opts.field ?? "models";
  const ds = opts.dataset;
  const repo = await resolveRepo({ hub: opts.hub, type: "model", name: opts.model, revision: opts.revision, field });
  const paths = new Set(repo.files.map((f) => f.path));
  const needed = LOCAL_FILES[opts.task];
  const missing = needed ? needed.filter((p) => !paths.has(p)) : null;
  const endpoint = opts.inference?.remote?.endpoints[repo.name]?.endpointUrl;
  const noRemote = remoteUnsupported(opts.task, ds.columns);
  let runner: RunnerChoice;
  if (missing && missing.length === 0) runner = LOCAL_RUNNER;
  else if (endpoint && !noRemote) runner = { name: "remote", endpoint: redactUrl(endpoint) };
  else {
    const local = missing
      ? `it has no ${missing.join(", ")} for the local runner (ONNX weights in transformers.js layout)`
      : `EvalHub's local runner does not run ${TASKS[opts.task].name.toLowerCase()} models (sequence-to-sequence generation)`;
    const remote = !endpoint ? "this server has no remote endpoint configured for it" : `it has a remote endpoint, but ${noRemote}`;
    throw new AppError("UNPROCESSABLE", `Model ${repo.name} cannot run: ${local}, and ${remote}.`, { field });
  }
  const config = paths.has("config.json")
    ? await downloadRepoJson<ModelConfig>({ hub: opts.hub, type: "model", name: repo.name, revision: repo.sha, path: "config.json" })
    : null;
  const alignment = alignFor({ task: opts.task, model: repo.name, config, dataset: ds, runner, labelMapping: opts.labelMapping ?? undefined, field });
  const parameters = opts.parameters ?? parseTaskParameters(opts.task, {});
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
    parameters: Object.keys(parameters).length ? parameters : undefined,
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
    parameters,
    alignment,
    runner,
    limit: base.limit,
  };
}

const NO_LABELS: LabelAlignment = { modelToDataset: {}, how: {}, datasetLabels: [], modelLabels: [] };

/** The label alignment each kind of task needs, refusing models whose labels cannot fit the dataset. */
function alignFor(opts: {
  task: TaskId;
  model: string;
  config: ModelConfig | null;
  dataset: PreparedDataset;
  runner: RunnerChoice;
  labelMapping?: Record<string, string>;
  field: string;
}): LabelAlignment {
  const id2label = opts.config?.id2label && Object.keys(opts.config.id2label).length ? opts.config.id2label : null;
  switch (opts.task) {
    case "text-classification":
    case "image-classification": {
      if (!opts.config) throw new AppError("UNPROCESSABLE", `Model ${opts.model} has no config.json, so its labels (id2label) are unknown.`, { field: opts.field });
      if (!id2label) throw new AppError("UNPROCESSABLE", `Model ${opts.model} has no id2label in config.json, so its outputs cannot be matched to labels.`, { field: opts.field });
      const datasetLabels = datasetLabelNames(opts.dataset.labelFeature!, id2label);
      return alignLabels({ model: opts.model, id2label, datasetLabels, userMapping: opts.labelMapping });
    }
    case "zero-shot-classification": {
      if (opts.runner.name === "local") {
        const labels = Object.values(id2label ?? {});
        if (!labels.some((l) => /^entail/i.test(l))) {
          throw new AppError(
            "UNPROCESSABLE",
            `Model ${opts.model} is not an NLI model: zero-shot classification needs an "entailment" label in id2label, and it has ${labels.length ? labels.join(", ") : "none"}.`,
            { field: opts.field },
          );
        }
      }
      // The candidates are the dataset's own label names, so predictions are dataset ids already.
      const names = (opts.dataset.labelFeature as Extract<Feature, { kind: "class_label" }>).names;
      return { modelToDataset: Object.fromEntries(names.map((_, i) => [i, i])), how: {}, datasetLabels: names, modelLabels: names };
    }
    case "token-classification":
      return alignTags({ model: opts.model, id2label, labelFeature: opts.dataset.labelFeature!, userMapping: opts.labelMapping, field: opts.field });
    default:
      return NO_LABELS;
  }
}

/** The dataset's label names: ClassLabel names; for plain int/string columns, the model's own names. */
function datasetLabelNames(feature: Feature, id2label: Record<string, string>): string[] {
  if (feature.kind === "class_label") return feature.names;
  const modelNames = Object.entries(id2label).sort((a, b) => Number(a[0]) - Number(b[0])).map(([, v]) => v);
  if (feature.kind === "value" && /int/.test(feature.dtype)) return modelNames.map((_, i) => String(i));
  return modelNames;
}
