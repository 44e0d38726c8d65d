import type { SufficientStatistics } from "./types";

/** Sums every row of a statistics table (the metric on the full input). */
export function sumRows(s: Pick<SufficientStatistics, "width" | "data">): Float64Array {
  const sums = new Float64Array(s.width);
  for (let i = 0; i < s.data.length; i += s.width) {
    for (let k = 0; k < s.width; k++) sums[k] += s.data[i + k];
  }
  return sums;
}
