import { AppError } from "@/server/errors";

/**
 * Pure pieces of completion scoring shared by the local scorer (causal-lm-scorer.ts) and a remote
 * one (Text Generation Inference's prompt log-probabilities).
 */

/** What choosing a class needs of a completion's score. */
export interface ScoredCompletion {
  /** Summed natural-log probability of the completion's tokens. */
  logprob: number;
  tokens: number;
}

/** log_softmax(logits)[index], accumulated in float64. */
export function logSoftmaxAt(logits: ArrayLike<number>, index: number): number {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) if (logits[i]! > max) max = logits[i]!;
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += Math.exp(logits[i]! - max);
  return logits[index]! - max - Math.log(sum);
}

export type ScoreNormalization = "none" | "tokens";

/**
 * The predicted class: argmax of the summed log-probability, or of the mean per token with
 * `normalize: "tokens"` (a completion with no tokens counts its sum, 0). Ties go to the lowest index.
 */
export function pickClass(scores: readonly ScoredCompletion[], opts: { normalize: ScoreNormalization }): number {
  if (scores.length === 0) throw new Error("pickClass needs at least one completion score");
  const value = (s: ScoredCompletion) => (opts.normalize === "tokens" && s.tokens > 0 ? s.logprob / s.tokens : s.logprob);
  let best = 0;
  for (let i = 1; i < scores.length; i++) if (value(scores[i]!) > value(scores[best]!)) best = i;
  return best;
}

/** One entry of Text Generation Inference's `details.prefill` (the first token has no logprob). */
export interface PrefillToken {
  id: number;
  text: string;
  logprob: number | null;
}

/**
 * The completion's summed log-probability from TGI's `decoder_input_details` for prompt +
 * completion: the prefill entries after the prompt's `promptTokenCount` tokens (the length of the
 * prefill TGI returned for the prompt alone).
 */
export function completionLogprobFromPrefill(prefill: readonly PrefillToken[], promptTokenCount: number): { logprob: number; tokens: number } {
  if (!Number.isInteger(promptTokenCount) || promptTokenCount < 1) {
    throw new AppError("UNPROCESSABLE", `The prompt must have at least one token (got ${promptTokenCount}).`);
  }
  if (prefill.length < promptTokenCount) {
    throw new AppError("UNPROCESSABLE", `The endpoint returned ${prefill.length} prefill tokens for prompt + completion, fewer than the prompt's ${promptTokenCount}.`);
  }
  let logprob = 0;
  for (let i = promptTokenCount; i < prefill.length; i++) {
    const lp = prefill[i]!.logprob;
    if (typeof lp !== "number" || !Number.isFinite(lp)) {
      throw new AppError("UNPROCESSABLE", `The endpoint returned no log-probability for prefill token ${i} (${JSON.stringify(prefill[i]!.text)}).`);
    }
    logprob += lp;
  }
  return { logprob, tokens: prefill.length - promptTokenCount };
}
