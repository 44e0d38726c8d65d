import { AppError } from "@/server/errors";
import { logSoftmaxAt } from "./causal-lm-scores";
import { loadTransformers, modelLoadError, tokenizerMaxLength, type LocalModelOptions } from "./local-model";

export { logSoftmaxAt, pickClass, type ScoreNormalization, type ScoredCompletion } from "./causal-lm-scores";

/** One prompt and the completions to score after it (each completion is appended to the prompt as is). */
export interface CompletionScoreItem {
  prompt: string;
  completions: string[];
}

export interface CompletionScore {
  /** Sum of the natural-log probabilities of the completion's tokens, each given everything before it. */
  logprob: number;
  /** Number of completion tokens scored. */
  tokens: number;
  /** The prompt was cut from the left to fit the model's maximum length. */
  truncated: boolean;
}

export interface CausalLmScorer {
  /** Scores `[items.length][item.completions.length]`; one padded forward pass per call (split if huge). */
  score(items: CompletionScoreItem[]): Promise<CompletionScore[][]>;
  runner: { name: "local"; library: string; dtype: "fp32"; maxLength: number | null };
  dispose(): Promise<void>;
}

/** Logits kept in memory per forward pass, in floats (128 MB); larger calls are split into several passes. */
const MAX_LOGITS_PER_PASS = 32 * 1024 * 1024;

/** One (prompt, completion) sequence ready to feed: `ids[j]` for j >= `first` are the scored tokens. */
interface Prepared {
  ids: number[];
  /** Index in `ids` of the first scored token (>= 1: token 0 is never predicted). */
  first: number;
  truncated: boolean;
}

function commonPrefix(a: readonly number[], b: readonly number[]): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/**
 * Token ids of prompt + completion and where the completion starts. The prompt is encoded with the
 * tokenizer's usual special tokens (e.g. a leading `<s>`), prompt + completion the same way; the
 * completion is whatever follows their common prefix, so a merge across the boundary (BPE) scores
 * the merged token instead of silently dropping it. With no token before the completion, the
 * model's BOS (else EOS) is put in front, as lm-evaluation-harness does.
 */
export function prepareSequence(opts: {
  promptIds: number[];
  fullIds: number[];
  startId: number | null;
  maxLength: number | null;
}): Prepared {
  let ids = opts.fullIds;
  let first = commonPrefix(opts.promptIds, ids);
  if (first === 0 && opts.startId !== null) {
    ids = [opts.startId, ...ids];
    first = 1;
  }
  first = Math.max(first, 1);
  // The last token is never fed (its prediction is not needed), so up to maxLength + 1 ids fit.
  const budget = opts.maxLength === null ? Infinity : opts.maxLength + 1;
  if (ids.length <= budget) return { ids, first, truncated: false };
  const cut = ids.length - budget;
  return { ids: ids.slice(cut), first: Math.max(first - cut, 1), truncated: true };
}

/**
 * Loads a causal LM with transformers.js (AutoModelForCausalLM, fp32 ONNX) from the configured hub
 * and scores completions by their summed token log-probabilities: the original tool's zero-shot
 * classification. Sequences are right-padded, so positions of real tokens are unchanged.
 */
export async function loadCausalLmScorer(opts: LocalModelOptions): Promise<CausalLmScorer> {
  const { tf, modelOptions, library } = await loadTransformers(opts);
  let tokenizer: Awaited<ReturnType<typeof tf.AutoTokenizer.from_pretrained>>;
  let model: Awaited<ReturnType<typeof tf.AutoModelForCausalLM.from_pretrained>>;
  try {
    tokenizer = await tf.AutoTokenizer.from_pretrained(opts.model, { revision: opts.revision });
    model = await tf.AutoModelForCausalLM.from_pretrained(opts.model, modelOptions);
  } catch (err) {
    throw modelLoadError(opts, err);
  }
  const config = model.config as unknown as Record<string, unknown>;
  const positions = [config.max_position_embeddings, config.n_positions].find((n): n is number => typeof n === "number" && n > 0);
  const maxLength = tokenizerMaxLength(tokenizer) ?? positions ?? null;
  const idOrNull = (id: unknown) => (typeof id === "number" ? id : null);
  const startId = idOrNull(tokenizer.bos_token_id) ?? idOrNull(tokenizer.eos_token_id);
  const padId = idOrNull(tokenizer.pad_token_id) ?? startId ?? 0;

  async function forward(batch: Prepared[]): Promise<CompletionScore[]> {
    const width = Math.max(...batch.map((p) => p.ids.length - 1));
    // Nothing to predict (empty prompt and completion): no forward pass over zero positions.
    if (width <= 0) return batch.map((p) => ({ logprob: 0, tokens: 0, truncated: p.truncated }));
    const inputIds = new BigInt64Array(batch.length * width).fill(BigInt(padId));
    const mask = new BigInt64Array(batch.length * width);
    batch.forEach((p, b) => {
      for (let t = 0; t < p.ids.length - 1; t++) {
        inputIds[b * width + t] = BigInt(p.ids[t]!);
        mask[b * width + t] = 1n;
      }
    });
    const out = await model({
      input_ids: new tf.Tensor("int64", inputIds, [batch.length, width]),
      attention_mask: new tf.Tensor("int64", mask, [batch.length, width]),
    });
    const logits = out.logits as { dims: number[]; data: Float32Array };
    const vocab = logits.dims[2]!;
    return batch.map((p, b) => {
      let logprob = 0;
      // Position t's logits predict token t + 1.
      for (let j = p.first; j < p.ids.length; j++) {
        const row = logits.data.subarray((b * width + j - 1) * vocab, (b * width + j) * vocab);
        logprob += logSoftmaxAt(row, p.ids[j]!);
      }
      return { logprob, tokens: p.ids.length - p.first, truncated: p.truncated };
    });
  }

  return {
    runner: { name: "local", library, dtype: "fp32", maxLength },
    async score(items) {
      const prepared: Prepared[] = [];
      for (const item of items) {
        const promptIds = tokenizer.encode(item.prompt);
        for (const completion of item.completions) {
          prepared.push(prepareSequence({ promptIds, fullIds: tokenizer.encode(item.prompt + completion), startId, maxLength }));
        }
      }
      const scores: CompletionScore[] = [];
      const vocab = typeof config.vocab_size === "number" ? config.vocab_size : 1;
      let start = 0;
      while (start < prepared.length) {
        // Grow the pass while the padded logits stay under the budget (at least one sequence).
        let end = start + 1;
        let width = prepared[start]!.ids.length;
        while (end < prepared.length) {
          const next = Math.max(width, prepared[end]!.ids.length);
          if ((end - start + 1) * next * vocab > MAX_LOGITS_PER_PASS) break;
          width = next;
          end++;
        }
        try {
          scores.push(...(await forward(prepared.slice(start, end))));
        } catch (err) {
          throw new AppError("UNPROCESSABLE", `Model ${opts.model} failed to score completions: ${(err as Error).message.split("\n")[0]!.slice(0, 300)}`);
        }
        start = end;
      }
      let k = 0;
      return items.map((item) => item.completions.map(() => scores[k++]!));
    },
    async dispose() {
      await model.dispose();
    },
  };
}
