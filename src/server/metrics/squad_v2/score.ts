import { commonTokenCount, normalizeSquadAnswer, pythonSplit } from "../text-normalize/squad-answer";

/** `get_tokens` of the v2.0 script. */
function getTokens(s: string): string[] {
  if (!s) return [];
  return pythonSplit(normalizeSquadAnswer(s));
}

/** `compute_f1` of the v2.0 script: when either side is empty, 1 if both are, else 0. */
function computeF1(goldTokens: readonly string[], predTokens: readonly string[]): number {
  const same = commonTokenCount(goldTokens, predTokens);
  if (goldTokens.length === 0 || predTokens.length === 0) return goldTokens.length === predTokens.length ? 1 : 0;
  if (same === 0) return 0;
  const precision = same / predTokens.length;
  const recall = same / goldTokens.length;
  return (2 * precision * recall) / (precision + recall);
}

/**
 * Raw exact match and F1 of one prediction (`get_raw_scores`): gold answers that normalise to ""
 * are dropped, and a question left with none has the empty string as its only correct answer.
 */
export function rawScoresV2(prediction: string, goldTexts: readonly string[]): { exact: number; f1: number } {
  let golds = goldTexts.filter((t) => normalizeSquadAnswer(t) !== "");
  if (golds.length === 0) golds = [""];
  const predNorm = normalizeSquadAnswer(prediction);
  const predTokens = getTokens(prediction);
  let exact = 0;
  let f1 = -Infinity;
  for (const gold of golds) {
    if (normalizeSquadAnswer(gold) === predNorm) exact = 1;
    f1 = Math.max(f1, computeF1(getTokens(gold), predTokens));
  }
  return { exact, f1 };
}

export interface BestThresholdInput {
  /** Raw (not thresholded) score per example. */
  scores: readonly number[];
  /** No-answer probability per example, as float32 like `evaluate` stores it. */
  naProbs: readonly number[];
  hasAns: readonly boolean[];
  /** Whether the prediction text is non-empty (`if preds[qid]` in the script). */
  answered: readonly boolean[];
  /** Example indices in the order of the predictions (the script's tie order). */
  order: readonly number[];
}

/**
 * `find_best_thresh`: sweeps the no-answer threshold over the predictions sorted by probability
 * (a stable sort, so ties keep the predictions' order) and keeps the first best cumulative score.
 */
export function findBestThreshold({ scores, naProbs, hasAns, answered, order }: BestThresholdInput): { best: number; thresh: number } {
  let curScore = hasAns.reduce((n, h) => n + (h ? 0 : 1), 0);
  let bestScore = curScore;
  let bestThresh = 0;
  const sorted = [...order].sort((a, b) => naProbs[a] - naProbs[b]);
  for (const i of sorted) {
    const diff = hasAns[i] ? scores[i] : answered[i] ? -1 : 0;
    curScore += diff;
    if (curScore > bestScore) {
      bestScore = curScore;
      bestThresh = naProbs[i];
    }
  }
  return { best: (100 * bestScore) / scores.length, thresh: bestThresh };
}
