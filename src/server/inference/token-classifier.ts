import { AppError } from "@/server/errors";
import { loadTransformers, modelLoadError, tokenizerMaxLength, type LocalModelOptions } from "./local-model";

export type AggregationStrategy = "first" | "average" | "max";

export interface TokenClassifier {
  /** `id2label` in id order. */
  labels: string[];
  /**
   * One tag per input word. `truncatedWords[i]` counts the words of sentence i that did not fit in
   * the model's maximum length (they are tagged "O").
   */
  tagWords(sentences: string[][], opts?: { strategy?: AggregationStrategy }): Promise<{ tags: string[][]; truncatedWords: number[] }>;
  runner: { name: "local"; library: string; dtype: "fp32"; maxLength: number | null };
  dispose(): Promise<void>;
}

/** Sentences per forward pass: bounds memory at batch x maxLength x labels floats. */
const BATCH_SIZE = 32;
/** Distinct words whose sub-token ids are remembered per loaded model. */
const PIECE_CACHE_LIMIT = 50_000;

/** Softmax in float64 with the max subtracted, as the transformers pipeline does. */
export function softmax(logits: ArrayLike<number>): number[] {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]);
  const exps = Array.from(logits, (v) => Math.exp(v - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

/** First index of the largest value (numpy's argmax). */
function argmax(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

/**
 * A word's label id from its sub-tokens' probabilities, with the word-level semantics of
 * TokenClassificationPipeline's aggregation strategies: `first` takes the first sub-token's argmax;
 * `average` the argmax of the mean probabilities; `max` the argmax of the sub-token whose single
 * highest probability is the largest (the first such sub-token on ties).
 */
export function aggregateWord(probs: readonly (readonly number[])[], strategy: AggregationStrategy): number {
  if (probs.length === 0) throw new Error("aggregateWord needs at least one sub-token");
  if (strategy === "first") return argmax(probs[0]);
  if (strategy === "average") {
    const mean = probs[0].map((_, j) => probs.reduce((sum, p) => sum + p[j], 0) / probs.length);
    return argmax(mean);
  }
  let best = probs[0];
  let bestScore = Math.max(...best);
  for (const p of probs.slice(1)) {
    const score = Math.max(...p);
    if (score > bestScore) [best, bestScore] = [p, score];
  }
  return argmax(best);
}

/** Where each word's sub-tokens sit in one encoded sentence. */
export type WordPlan = { ids: number[]; spans: ({ start: number; end: number } | null)[]; truncated: number };

/**
 * `prefix pieces… suffix` for one sentence, keeping whole words while they fit in `maxLength`
 * (prefix and suffix included). The first word that does not fit and every word after it are cut:
 * their span is null, as is the span of a word that tokenizes to nothing.
 */
export function planSentence(opts: { pieces: readonly number[][]; prefix: readonly number[]; suffix: readonly number[]; maxLength: number | null }): WordPlan {
  const budget = opts.maxLength === null ? Infinity : opts.maxLength - opts.prefix.length - opts.suffix.length;
  const ids = [...opts.prefix];
  const spans: WordPlan["spans"] = [];
  let used = 0;
  let truncated = 0;
  for (const pieces of opts.pieces) {
    if (truncated > 0 || used + pieces.length > budget) {
      truncated++;
      spans.push(null);
      continue;
    }
    if (pieces.length === 0) {
      spans.push(null);
      continue;
    }
    spans.push({ start: ids.length, end: ids.length + pieces.length });
    ids.push(...pieces);
    used += pieces.length;
  }
  ids.push(...opts.suffix);
  return { ids, spans, truncated };
}

/** Finds `needle` inside `haystack`; -1 when absent. */
function indexOfRun(haystack: readonly number[], needle: readonly number[]): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/**
 * Loads an ONNX token-classification model with @huggingface/transformers and tags pre-split words.
 * transformers.js has no `is_split_into_words`, so each word is tokenized alone and the batch is
 * assembled here; the special tokens around a sentence are whatever the tokenizer's post-processor
 * adds (found by encoding a probe word), so BERT's [CLS]/[SEP] and RoBERTa's <s>/</s> both work.
 */
export async function loadTokenClassifier(opts: LocalModelOptions): Promise<TokenClassifier> {
  const { tf, modelOptions, library } = await loadTransformers(opts);
  let tokenizer: Awaited<ReturnType<typeof tf.AutoTokenizer.from_pretrained>>;
  let model: Awaited<ReturnType<typeof tf.AutoModelForTokenClassification.from_pretrained>>;
  try {
    tokenizer = await tf.AutoTokenizer.from_pretrained(opts.model, { revision: opts.revision });
    model = await tf.AutoModelForTokenClassification.from_pretrained(opts.model, modelOptions);
  } catch (err) {
    throw modelLoadError(opts, err);
  }
  const modelName = `${opts.model}@${opts.revision.slice(0, 10)}`;
  const id2label = ((model.config as unknown as { id2label?: Record<string, string> }).id2label ?? {}) as Record<string, string>;
  const labels = Object.keys(id2label)
    .sort((a, b) => Number(a) - Number(b))
    .map((k) => String(id2label[k]));
  if (labels.length === 0) {
    await model.dispose();
    throw new AppError("UNPROCESSABLE", `Model ${modelName} has no id2label in its config.json, so its tags cannot be named.`);
  }
  const maxLength = tokenizerMaxLength(tokenizer);

  const encodeBare = (text: string): number[] => tokenizer.encode(text, { add_special_tokens: false });
  const probe = "a";
  const bare = encodeBare(probe);
  const framed = tokenizer.encode(probe);
  const at = bare.length > 0 ? indexOfRun(framed, bare) : -1;
  const prefix = at >= 0 ? framed.slice(0, at) : [];
  const suffix = at >= 0 ? framed.slice(at + bare.length) : [];
  const padId = tokenizer.pad_token_id ?? 0;

  // Byte-level BPE (GPT-2, RoBERTa) marks a word that follows a space (`Ġword`); words after the first
  // get that space, so each word's pieces are the ones it has in `words.join(" ")`, the text the
  // transformers evaluator feeds its pipeline. WordPiece and Metaspace need no such help.
  const preTokenizer = (tokenizer as unknown as { _tokenizerJSON?: { pre_tokenizer?: unknown } })._tokenizerJSON?.pre_tokenizer;
  const spaceBefore = JSON.stringify(preTokenizer ?? null).includes('"ByteLevel"') ? " " : "";
  const cache = new Map<string, number[]>();
  const piecesOf = (word: string, position: number): number[] => {
    const text = position > 0 ? spaceBefore + word : word;
    let ids = cache.get(text);
    if (!ids) {
      ids = word === "" ? [] : encodeBare(text);
      if (cache.size >= PIECE_CACHE_LIMIT) cache.clear();
      cache.set(text, ids);
    }
    return ids;
  };

  async function tagBatch(sentences: string[][], strategy: AggregationStrategy) {
    const plans = sentences.map((words) => planSentence({ pieces: words.map((w, i) => piecesOf(w, i)), prefix, suffix, maxLength }));
    const seqLen = Math.max(...plans.map((p) => p.ids.length));
    const ids = new BigInt64Array(plans.length * seqLen).fill(BigInt(padId));
    const mask = new BigInt64Array(plans.length * seqLen);
    plans.forEach((plan, r) => {
      plan.ids.forEach((id, c) => {
        ids[r * seqLen + c] = BigInt(id);
        mask[r * seqLen + c] = 1n;
      });
    });
    const out = await model({
      input_ids: new tf.Tensor("int64", ids, [plans.length, seqLen]),
      attention_mask: new tf.Tensor("int64", mask, [plans.length, seqLen]),
    });
    const logits = out.logits as { dims: number[]; data: Float32Array } | undefined;
    const dims = logits?.dims ?? [];
    if (!logits || dims.length !== 3 || dims[0] !== plans.length || dims[1] !== seqLen || dims[2] !== labels.length) {
      throw new AppError(
        "UNPROCESSABLE",
        `Model ${modelName} returned logits of shape [${dims.join(", ")}]; a token-classification model must return ` +
          `[batch, sequence, labels] = [${plans.length}, ${seqLen}, ${labels.length}] for this batch.`,
      );
    }
    const L = labels.length;
    const row = (r: number, c: number) => softmax(logits.data.subarray((r * seqLen + c) * L, (r * seqLen + c + 1) * L));
    return plans.map((plan, r) => ({
      tags: plan.spans.map((span) => {
        if (!span) return "O";
        const probs: number[][] = [];
        for (let c = span.start; c < span.end; c++) probs.push(row(r, c));
        return labels[aggregateWord(probs, strategy)]!;
      }),
      truncated: plan.truncated,
    }));
  }

  return {
    labels,
    runner: { name: "local", library, dtype: "fp32", maxLength },
    async tagWords(sentences, tagOpts = {}) {
      const strategy = tagOpts.strategy ?? "first";
      const tags: string[][] = [];
      const truncatedWords: number[] = [];
      for (let i = 0; i < sentences.length; i += BATCH_SIZE) {
        for (const result of await tagBatch(sentences.slice(i, i + BATCH_SIZE), strategy)) {
          tags.push(result.tags);
          truncatedWords.push(result.truncated);
        }
      }
      return { tags, truncatedWords };
    },
    async dispose() {
      await model.dispose();
    },
  };
}
