import { C as NUM_CLASSES, K as NUM_QTYPES, TAPS as NUM_TAPS, W as HALF_WIDTH, type QaTables } from "./features";
import { minimizeLbfgs } from "./lbfgs";
import type { QaExample } from "./train-qa";

export const LBFGS_ITERATIONS = 15;
const L2 = 1e-4;

export type FitGroups = { overlap: boolean; questionTypes: boolean };
type Linear = { a: number; kernel: Float64Array; interact: Float64Array; classBias: Float64Array };

/**
 * Softmax regression over each question's context tokens (the loss BERT QA heads are trained with),
 * full batch, L-BFGS for a fixed number of steps from zero: deterministic.
 */
export function fitLinear(tables: QaTables, examples: readonly QaExample[], priorFeature: readonly Float64Array[], which: 0 | 1, groups: FitGroups): Linear {
  // Local copies: imported bindings are re-checked on every read in these hot loops.
  const C = NUM_CLASSES;
  const K = NUM_QTYPES;
  const TAPS = NUM_TAPS;
  const W = HALF_WIDTH;
  const P = 1 + TAPS + K * C + C;
  const iK = 1;
  const iW = 1 + TAPS;
  const iB = 1 + TAPS + K * C;
  // Token classes are 0/1 vectors and few distinct ones occur: each position stores the index of
  // its class pattern, so the class term costs one lookup per position instead of C products.
  const patternIds = new Map<string, number>();
  const patterns: Float64Array[] = [];
  const patternOfToken = new Int32Array(tables.vocabSize);
  for (let id = 0; id < tables.vocabSize; id++) {
    const row = tables.tokenClass.subarray(id * C, (id + 1) * C);
    const key = row.join(",");
    let found = patternIds.get(key);
    if (found === undefined) {
      patternIds.set(key, (found = patterns.length));
      patterns.push(row.slice());
    }
    patternOfToken[id] = found;
  }
  const data = examples.flatMap((ex, e) => {
    if (ex.gold[0] < 0) return [];
    const f = ex.features;
    const n = ex.contextEnd - ex.contextStart;
    const pattern = Int32Array.from(ex.seq.ids.slice(ex.contextStart, ex.contextEnd), (id) => patternOfToken[id]!);
    const nz: number[] = [];
    const nzValue: number[] = [];
    for (let t = 0; t < ex.seq.ids.length; t++) if (f.overlap[t] !== 0) (nz.push(t - ex.contextStart), nzValue.push(f.overlap[t]!));
    return [{ n, gold: ex.gold[which] - ex.contextStart, prior: priorFeature[e]!, pattern, qtype: f.qtype, nz, nzValue }];
  });
  const maxN = Math.max(...data.map((d) => d.n));
  const logits = new Float64Array(maxN);
  const u = new Float64Array(C);
  const du = new Float64Array(C);
  const pu = new Float64Array(patterns.length);
  const dpu = new Float64Array(patterns.length);
  const lossAndGrad = (theta: Float64Array, grad: Float64Array): number => {
    grad.fill(0);
    let loss = 0;
    for (const d of data) {
      const { n, pattern, prior, nz, nzValue } = d;
      for (let c = 0; c < C; c++) {
        let s = theta[iB + c]!;
        if (groups.questionTypes) for (let k = 0; k < K; k++) s += d.qtype[k]! * theta[iW + k * C + c]!;
        u[c] = s;
      }
      for (let q = 0; q < patterns.length; q++) {
        let s = 0;
        for (let c = 0; c < C; c++) s += patterns[q]![c]! * u[c]!;
        pu[q] = s;
      }
      const a = theta[0]!;
      for (let j = 0; j < n; j++) logits[j] = a * prior[j]! + pu[pattern[j]!]!;
      // Tap i at position j reads overlap[j + i - W]: a non-zero overlap at p feeds j = p - i + W.
      if (groups.overlap) {
        for (let q = 0; q < nz.length; q++) {
          for (let i = 0; i < TAPS; i++) {
            const j = nz[q]! - i + W;
            if (j >= 0 && j < n) logits[j]! += theta[iK + i]! * nzValue[q]!;
          }
        }
      }
      let max = -Infinity;
      for (let j = 0; j < n; j++) if (logits[j]! > max) max = logits[j]!;
      const goldLogit = logits[d.gold]!;
      let z = 0;
      for (let j = 0; j < n; j++) z += logits[j] = Math.exp(logits[j]! - max);
      loss += Math.log(z) + max - goldLogit;
      dpu.fill(0);
      let da = 0;
      const inv = 1 / z;
      for (let j = 0; j < n; j++) {
        const g = (logits[j] = logits[j]! * inv - (j === d.gold ? 1 : 0));
        da += g * prior[j]!;
        dpu[pattern[j]!]! += g;
      }
      grad[0]! += da;
      if (groups.overlap) {
        for (let q = 0; q < nz.length; q++) {
          for (let i = 0; i < TAPS; i++) {
            const j = nz[q]! - i + W;
            if (j >= 0 && j < n) grad[iK + i]! += logits[j]! * nzValue[q]!;
          }
        }
      }
      du.fill(0);
      for (let q = 0; q < patterns.length; q++) for (let c = 0; c < C; c++) du[c]! += dpu[q]! * patterns[q]![c]!;
      for (let c = 0; c < C; c++) {
        grad[iB + c]! += du[c]!;
        if (groups.questionTypes) for (let k = 0; k < K; k++) grad[iW + k * C + c]! += d.qtype[k]! * du[c]!;
      }
    }
    let reg = 0;
    for (let p = 0; p < P; p++) {
      grad[p] = grad[p]! / data.length + L2 * theta[p]!;
      reg += 0.5 * L2 * theta[p]! * theta[p]!;
    }
    return loss / data.length + reg;
  };
  const theta = minimizeLbfgs(lossAndGrad, new Float64Array(P), LBFGS_ITERATIONS);
  return {
    a: theta[0]!,
    kernel: groups.overlap ? theta.slice(iK, iK + TAPS) : new Float64Array(TAPS),
    interact: groups.questionTypes ? theta.slice(iW, iW + K * C) : new Float64Array(K * C),
    classBias: theta.slice(iB, iB + C),
  };
}

