import { SACREBLEU_VERSION } from "../sacrebleu-tokenizers";
import { MAX_NGRAM_ORDER } from "./bleu-statistics";

export type SmoothMethod = "none" | "floor" | "add-k" | "exp";

/** sacreBLEU's `BLEU.SMOOTH_DEFAULTS` (Chen & Cherry 2014). */
export const SMOOTH_DEFAULTS: Record<SmoothMethod, number | null> = { none: null, floor: 0.1, "add-k": 1, exp: null };

export interface BleuScore {
  score: number;
  counts: number[];
  totals: number[];
  precisions: number[];
  bp: number;
  sys_len: number;
  ref_len: number;
}

/** sacreBLEU's `my_log`: log, with log(0) floored to a huge negative number. */
function myLog(x: number): number {
  return x === 0 ? -9999999999 : Math.log(x);
}

/**
 * sacreBLEU's `BLEU.compute_bleu` on summed statistics `[sys_len, ref_len, correct×4, total×4]`,
 * operation for operation (so the floating-point result is the same). As in sacreBLEU, `add-k`
 * adds k to the returned counts and totals of orders ≥ 2.
 */
export function computeBleu(
  stats: ArrayLike<number>,
  opts: { smoothMethod: SmoothMethod; smoothValue?: number | null; effectiveOrder: boolean },
): BleuScore {
  const N = MAX_NGRAM_ORDER;
  const smoothValue = opts.smoothValue ?? SMOOTH_DEFAULTS[opts.smoothMethod] ?? 0;
  const sysLen = stats[0];
  const refLen = stats[1];
  const correct = Array.from({ length: N }, (_, k) => stats[2 + k]);
  const total = Array.from({ length: N }, (_, k) => stats[2 + N + k]);

  let bp = 1.0;
  if (sysLen < refLen) bp = sysLen > 0 ? Math.exp(1 - refLen / sysLen) : 0.0;

  const precisions = new Array<number>(N).fill(0.0);
  const result = () => ({ counts: correct, totals: total, precisions, bp, sys_len: sysLen, ref_len: refLen });
  // No match at all scores 0 whatever the smoothing (sacreBLEU #141).
  if (!correct.some((c) => c !== 0)) return { score: 0.0, ...result() };

  let smoothMteval = 1.0;
  let effOrder = N;
  for (let n = 1; n <= N; n++) {
    if (opts.smoothMethod === "add-k" && n > 1) {
      correct[n - 1] += smoothValue;
      total[n - 1] += smoothValue;
    }
    if (total[n - 1] === 0) break;
    if (opts.effectiveOrder) effOrder = n;
    if (correct[n - 1] === 0) {
      if (opts.smoothMethod === "exp") {
        smoothMteval *= 2;
        precisions[n - 1] = 100.0 / (smoothMteval * total[n - 1]);
      } else if (opts.smoothMethod === "floor") {
        precisions[n - 1] = (100.0 * smoothValue) / total[n - 1];
      }
    } else {
      precisions[n - 1] = (100.0 * correct[n - 1]) / total[n - 1];
    }
  }
  let logSum = 0;
  for (let k = 0; k < effOrder; k++) logSum += myLog(precisions[k]);
  return { score: bp * Math.exp(logSum / effOrder), ...result() };
}

/** Python's `f"{x:.2f}"`: like toFixed(2) but exact ties round half to even. */
function pyFixed2(x: number): string {
  const t = x * 100;
  if (Number.isFinite(t) && t - Math.floor(t) === 0.5) {
    const f = Math.floor(t);
    return ((f % 2 === 0 ? f : f + 1) / 100).toFixed(2);
  }
  return x.toFixed(2);
}

/** sacreBLEU's BLEU signature, e.g. `nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0`. */
export function bleuSignature(o: { nrefs: number; lowercase: boolean; effectiveOrder: boolean; tokenize: string; smoothMethod: SmoothMethod; smoothValue?: number | null }): string {
  const def = SMOOTH_DEFAULTS[o.smoothMethod];
  const smooth = def === null ? o.smoothMethod : `${o.smoothMethod}[${pyFixed2(o.smoothValue ?? def)}]`;
  return [
    `nrefs:${o.nrefs}`,
    `case:${o.lowercase ? "lc" : "mixed"}`,
    `eff:${o.effectiveOrder ? "yes" : "no"}`,
    `tok:${o.tokenize}`,
    `smooth:${smooth}`,
    `version:${SACREBLEU_VERSION}`,
  ].join("|");
}
