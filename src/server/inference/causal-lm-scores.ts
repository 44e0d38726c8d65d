/** Pure pieces of completion scoring used by the local scorer (causal-lm-scorer.ts). */

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

