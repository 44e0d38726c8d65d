import { AppError } from "@/server/errors";
import { loadSequenceClassifier, loadTransformers, modelLoadError, type LocalModelOptions } from "./local-model";

/** HF ZeroShotClassificationPipeline's default. */
export const DEFAULT_HYPOTHESIS_TEMPLATE = "This example is {}.";

export type ZeroShotClassifierOptions = LocalModelOptions;

export interface ZeroShotClassifyOptions {
  /** `{}` is replaced by each candidate label (first occurrence, as `str.replace` in transformers.js). */
  hypothesisTemplate?: string;
  /** Score each candidate independently (entailment vs contradiction) instead of across candidates. */
  multiLabel?: boolean;
}

export interface ZeroShotClassifier {
  /** Per text, a score per candidate label in the given order. */
  classify(texts: string[], candidateLabels: string[], opts?: ZeroShotClassifyOptions): Promise<number[][]>;
  /** (text, hypothesis) pairs whose text was cut to the model's maximum length so far. */
  truncated(): number;
  runner: {
    name: "local";
    library: string;
    dtype: "fp32";
    maxLength: number | null;
    entailmentLabel: string;
    contradictionLabel: string | null;
  };
  dispose(): Promise<void>;
}

export type NliLabels = {
  entailment: { id: number; label: string };
  contradiction: { id: number; label: string } | null;
};

/**
 * The entailment and contradiction outputs of an NLI model, found by name as HF's pipeline does:
 * a label starting with "entail", and one starting with "contra" (or "not_entail", for two-way
 * models such as QNLI/RTE ones). Without an entailment label the model cannot do zero-shot.
 */
export function findNliLabels(id2label: Record<string, string> | undefined, model: string): NliLabels {
  const entries = Object.entries(id2label ?? {})
    .map(([id, label]) => ({ id: Number(id), label: String(label) }))
    .filter((e) => Number.isInteger(e.id))
    .sort((a, b) => a.id - b.id);
  const entailment = entries.find((e) => e.label.toLowerCase().startsWith("entail"));
  if (!entailment) {
    const labels = entries.map((e) => e.label).join(", ") || "none";
    throw new AppError(
      "UNPROCESSABLE",
      `Model ${model} is not an NLI model: zero-shot classification needs an output label starting with "entail" in config.json id2label (found: ${labels}).`,
      { field: "model" },
    );
  }
  const contradiction =
    entries.find((e) => e.label.toLowerCase().startsWith("contra")) ?? entries.find((e) => e.label.toLowerCase().startsWith("not_entail")) ?? null;
  return { entailment, contradiction };
}

/** The hypotheses for the candidates; refuses a template without the `{}` placeholder (as HF does). */
export function buildHypotheses(candidateLabels: readonly string[], template: string = DEFAULT_HYPOTHESIS_TEMPLATE): string[] {
  if (!template.includes("{}")) {
    throw new AppError(
      "UNPROCESSABLE",
      `The hypothesis template ${JSON.stringify(template)} has no "{}" where the candidate label should go (for example "This example is {}.").`,
      { field: "hypothesisTemplate" },
    );
  }
  if (candidateLabels.length === 0) {
    throw new AppError("UNPROCESSABLE", "Zero-shot classification needs at least one candidate label.", { field: "candidateLabels" });
  }
  return candidateLabels.map((label) => template.replace("{}", label));
}

function softmax(values: readonly number[]): number[] {
  const max = Math.max(...values);
  const exps = values.map((v) => Math.exp(v - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((v) => v / sum);
}

/**
 * Scores from the logits of one text's (premise, hypothesis) rows, HF semantics: single-label is a
 * softmax of the entailment logits across candidates; multi-label (and a single candidate) is, per
 * candidate, the softmax of [contradiction, entailment].
 */
export function zeroShotScores(rows: readonly (readonly number[])[], labels: NliLabels, multiLabel: boolean): number[] {
  const e = labels.entailment.id;
  if (!multiLabel && rows.length > 1) return softmax(rows.map((r) => r[e]!));
  const c = contradictionId(labels);
  return rows.map((r) => softmax([r[c]!, r[e]!])[1]!);
}

function contradictionId(labels: NliLabels): number {
  if (labels.contradiction) return labels.contradiction.id;
  throw new AppError(
    "UNPROCESSABLE",
    `Multi-label zero-shot classification (or a single candidate label) needs a contradiction output: the model has "${labels.entailment.label}" but no label starting with "contra" or "not_entail".`,
    { field: "multiLabel" },
  );
}

type Encoded = { input_ids: number[]; attention_mask: number[]; token_type_ids?: number[] };

/** Start of `needle` in `hay` (first occurrence), or -1. */
function indexOfRun(hay: readonly number[], needle: readonly number[]): number {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/**
 * HF's zero-shot pipeline truncates "only_first": the premise loses tokens from its end and the
 * hypothesis (which carries the label) stays whole. transformers.js' own `truncation` cuts the end
 * of the pair, so it is done here. If the hypothesis alone is too long, the end is cut after all.
 */
export function truncateOnlyFirst(enc: Encoded, premiseIds: readonly number[], maxLength: number): Encoded {
  const overflow = enc.input_ids.length - maxLength;
  if (overflow <= 0) return enc;
  const start = premiseIds.length > overflow ? indexOfRun(enc.input_ids, premiseIds) : -1;
  const cut = <T>(values: T[] | undefined): T[] | undefined => {
    if (!values) return values;
    if (start < 0) return values.slice(0, maxLength);
    const from = start + premiseIds.length - overflow;
    return [...values.slice(0, from), ...values.slice(from + overflow)];
  };
  return { input_ids: cut(enc.input_ids)!, attention_mask: cut(enc.attention_mask)!, token_type_ids: cut(enc.token_type_ids) };
}

/**
 * Loads an NLI model (ONNX, transformers.js layout) for zero-shot classification: every
 * (text, candidate hypothesis) pair of a call goes through the model in one batch.
 */
export async function loadZeroShotClassifier(opts: ZeroShotClassifierOptions): Promise<ZeroShotClassifier> {
  const { tf, library } = await loadTransformers(opts);
  let config: Awaited<ReturnType<typeof tf.AutoConfig.from_pretrained>>;
  try {
    config = await tf.AutoConfig.from_pretrained(opts.model, { revision: opts.revision });
  } catch (err) {
    throw modelLoadError(opts, err);
  }
  // Checked before the ONNX weights are downloaded: a sentiment model is refused cheaply.
  const labels = findNliLabels((config as unknown as { id2label?: Record<string, string> }).id2label, opts.model);
  const { tokenizer, model, maxLength } = await loadSequenceClassifier(opts);
  const padId = (tokenizer as unknown as { pad_token_id?: number }).pad_token_id ?? 0;
  const padLeft = (tokenizer as unknown as { padding_side?: string }).padding_side === "left";
  let truncated = 0;

  function encodeBatch(premises: string[], hypotheses: string[]) {
    const raw = tokenizer(premises, { text_pair: hypotheses, padding: false, truncation: false, return_tensor: false }) as unknown as {
      input_ids: number[][];
      attention_mask: number[][];
      token_type_ids?: number[][];
    };
    const premiseIds = new Map<string, number[]>();
    const rows: Encoded[] = raw.input_ids.map((ids, i) => {
      const enc: Encoded = { input_ids: ids, attention_mask: raw.attention_mask[i]!, token_type_ids: raw.token_type_ids?.[i] };
      if (maxLength === null || ids.length <= maxLength) return enc;
      truncated++;
      const premise = premises[i]!;
      if (!premiseIds.has(premise)) premiseIds.set(premise, tokenizer.encode(premise, { add_special_tokens: false }));
      return truncateOnlyFirst(enc, premiseIds.get(premise)!, maxLength);
    });
    const width = Math.max(...rows.map((r) => r.input_ids.length));
    const tensor = (key: keyof Encoded, pad: number) => {
      const data = new BigInt64Array(rows.length * width);
      rows.forEach((r, i) => {
        const values = r[key]!;
        const offset = i * width + (padLeft ? width - values.length : 0);
        data.fill(BigInt(pad), i * width, (i + 1) * width);
        values.forEach((v, j) => (data[offset + j] = BigInt(v)));
      });
      return new tf.Tensor("int64", data, [rows.length, width]);
    };
    return {
      input_ids: tensor("input_ids", padId),
      attention_mask: tensor("attention_mask", 0),
      ...(rows[0]!.token_type_ids ? { token_type_ids: tensor("token_type_ids", 0) } : {}),
    };
  }

  return {
    truncated: () => truncated,
    runner: { name: "local", library, dtype: "fp32", maxLength, entailmentLabel: labels.entailment.label, contradictionLabel: labels.contradiction?.label ?? null },
    async classify(texts, candidateLabels, classifyOpts = {}) {
      const hypotheses = buildHypotheses(candidateLabels, classifyOpts.hypothesisTemplate);
      const multiLabel = classifyOpts.multiLabel ?? false;
      // Refused before any inference, not after the batch has run.
      if (multiLabel || hypotheses.length === 1) contradictionId(labels);
      if (texts.length === 0) return [];
      const k = hypotheses.length;
      const out = await model(encodeBatch(texts.flatMap((t) => hypotheses.map(() => t)), texts.flatMap(() => hypotheses)));
      const logits = out.logits as { dims: number[]; data: Float32Array };
      const cols = logits.dims[1]!;
      return texts.map((_, i) => {
        const rows = Array.from({ length: k }, (_, j) => Array.from(logits.data.subarray((i * k + j) * cols, (i * k + j + 1) * cols)));
        return zeroShotScores(rows, labels, multiLabel);
      });
    },
    async dispose() {
      await model.dispose();
    },
  };
}
