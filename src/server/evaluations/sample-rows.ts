import { mulberry32 } from "@/server/metrics/bootstrap/rng";

/** The sampling rule results state when a split is larger than the row cap. */
export const SAMPLING_RULE = "uniform without replacement (Floyd's algorithm, mulberry32 PRNG)";
export const SAMPLING_SEED = 20221006;

/**
 * `size` distinct row indices out of `population`, sorted, chosen uniformly with a seeded PRNG:
 * the same (population, size, seed) always selects the same rows. Memory is O(size).
 */
export function sampleRowIndices(population: number, size: number, seed = SAMPLING_SEED): Int32Array {
  if (size >= population) return Int32Array.from({ length: population }, (_, i) => i);
  const rand = mulberry32(seed);
  const chosen = new Set<number>();
  // Floyd: for j in [population - size, population): pick t in [0, j]; take t unless taken, else j.
  for (let j = population - size; j < population; j++) {
    const t = Math.floor(rand() * (j + 1));
    chosen.add(chosen.has(t) ? j : t);
  }
  return Int32Array.from(chosen).sort();
}
