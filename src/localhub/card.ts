import { parse as parseYaml } from "yaml";
import type { RepoType } from "./names";

export type CardData = Record<string, unknown>;

// Same block regex as huggingface_hub's repocard.py, so both sides agree on what the metadata is.
const FRONT_MATTER = /^(\s*---(?:\r\n|\r|\n))([\S\s]*?)((?:\r\n|\r|\n)---[ \t]*(\r\n|\n|$))/;

/**
 * Parses the YAML front matter of a README.md. Returns undefined when there is no block or it is
 * not a mapping; invalid YAML is ignored rather than failing the whole repo listing (the Hub
 * also still serves a repo whose card does not parse).
 */
export function parseCardData(readme: string | undefined): CardData | undefined {
  if (readme === undefined) return undefined;
  const match = FRONT_MATTER.exec(readme);
  if (!match) return undefined;
  try {
    const data: unknown = parseYaml(match[2]) ?? {};
    return typeof data === "object" && !Array.isArray(data) ? (data as CardData) : undefined;
  } catch {
    return undefined;
  }
}

/** Plain-text start of the card body (after the front matter), like the Hub's dataset `description`. */
export function cardDescription(readme: string | undefined, maxLength = 300): string {
  if (readme === undefined) return "";
  const match = FRONT_MATTER.exec(readme);
  const body = match ? readme.slice(match[0].length) : readme;
  return body.replace(/\s+/g, " ").trim().slice(0, maxLength);
}

const asList = (v: unknown): string[] =>
  (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v])
    .filter((x) => typeof x === "string" || typeof x === "number")
    .map(String);

const asString = (v: unknown): string | undefined => (typeof v === "string" && v ? v : undefined);

export interface DerivedRepoFacts {
  tags: string[];
  pipeline_tag?: string;
  library_name?: string;
}

/** Architecture suffix -> pipeline, for models whose card names no `pipeline_tag`. */
const ARCHITECTURE_TASKS: [RegExp, string][] = [
  [/ForSequenceClassification$/, "text-classification"],
  [/ForTokenClassification$/, "token-classification"],
  [/ForQuestionAnswering$/, "question-answering"],
  [/ForImageClassification$/, "image-classification"],
  [/ForMaskedLM$/, "fill-mask"],
  [/ForCausalLM$/, "text-generation"],
];

/**
 * Derives the Hub's tags (what `filter=` matches) from the card, config.json and file names.
 * Models: card tags, library, pipeline, bare language codes, `license:`, `dataset:`,
 * `base_model:`, `model_type` and weight formats. Datasets: card tags plus prefixed
 * `task_categories:`, `task_ids:`, `language:`, `license:`, `size_categories:`, `format:`.
 */
export function deriveFacts(
  type: RepoType,
  card: CardData | undefined,
  config: Record<string, unknown> | undefined,
  files: string[],
): DerivedRepoFacts {
  const c = card ?? {};
  const tags = new Set<string>(asList(c.tags));

  if (type === "dataset") {
    for (const key of ["task_categories", "task_ids", "language", "license", "size_categories", "multilinguality"]) {
      asList(c[key]).forEach((v) => tags.add(`${key}:${v}`));
    }
    if (files.some((f) => f.endsWith(".parquet"))) tags.add("format:parquet");
    if (files.some((f) => f.endsWith(".csv") || f.endsWith(".tsv"))) tags.add("format:csv");
    if (files.some((f) => f.endsWith(".json") || f.endsWith(".jsonl"))) tags.add("format:json");
    return { tags: [...tags] };
  }

  const architectures = asList(config?.architectures);
  const pipeline_tag =
    asString(c.pipeline_tag) ??
    ARCHITECTURE_TASKS.find(([re]) => architectures.some((a) => re.test(a)))?.[1];
  const hasOnnx = files.some((f) => f.endsWith(".onnx"));
  const hasTorchWeights = files.some((f) => /\.(safetensors|bin)$/.test(f));
  const library_name =
    asString(c.library_name) ?? (config ? (hasOnnx && !hasTorchWeights ? "transformers.js" : "transformers") : undefined);

  if (library_name) tags.add(library_name);
  if (hasOnnx) tags.add("onnx");
  if (files.some((f) => f.endsWith(".safetensors"))) tags.add("safetensors");
  const modelType = asString(config?.model_type);
  if (modelType) tags.add(modelType);
  if (pipeline_tag) tags.add(pipeline_tag);
  asList(c.language).forEach((v) => tags.add(v));
  asList(c.license).forEach((v) => tags.add(`license:${v}`));
  asList(c.datasets).forEach((v) => tags.add(`dataset:${v}`));
  asList(c.base_model).forEach((v) => tags.add(`base_model:${v}`));
  return { tags: [...tags], pipeline_tag, library_name };
}
