import type { SufficientStatistics } from "../types";

/**
 * Resamples rows of sufficient statistics. When many rows are identical (classification: one row
 * per (prediction, reference) pair) they are grouped into patterns, so a resample only counts how
 * often each pattern was drawn and sums `patterns × width` numbers instead of `n × width`.
 */
export interface RowSampler {
  n: number;
  width: number;
  /** Draws n row indices with `rand` and writes the sums of those rows into `out`. */
  resample(rand: () => number, out: Float64Array): void;
}

export function rowSampler(stats: Pick<SufficientStatistics, "width" | "data">): RowSampler {
  const { width, data } = stats;
  const n = width === 0 ? 0 : data.length / width;
  const patternOf = new Int32Array(n);
  const patterns: number[] = [];
  const seen = new Map<string, number>();
  const cap = Math.max(64, Math.floor(n / 4));
  let grouped = true;
  for (let i = 0; i < n && grouped; i++) {
    let key = "";
    for (let k = 0; k < width; k++) key += `${data[i * width + k]},`;
    let p = seen.get(key);
    if (p === undefined) {
      p = seen.size;
      if (p >= cap) grouped = false;
      seen.set(key, p);
      patterns.push(i);
    }
    patternOf[i] = p;
  }
  if (grouped) {
    const counts = new Float64Array(seen.size);
    return {
      n,
      width,
      resample(rand, out) {
        counts.fill(0);
        for (let j = 0; j < n; j++) counts[patternOf[(rand() * n) | 0]]++;
        out.fill(0);
        for (let p = 0; p < counts.length; p++) {
          const c = counts[p];
          if (c === 0) continue;
          const base = patterns[p] * width;
          for (let k = 0; k < width; k++) out[k] += c * data[base + k];
        }
      },
    };
  }
  return {
    n,
    width,
    resample(rand, out) {
      out.fill(0);
      for (let j = 0; j < n; j++) {
        const base = ((rand() * n) | 0) * width;
        for (let k = 0; k < width; k++) out[k] += data[base + k];
      }
    },
  };
}
