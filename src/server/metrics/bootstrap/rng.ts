/**
 * A small seeded PRNG (xorshift128+ over 32-bit halves is overkill here; mulberry32 has a 2^32
 * period, plenty for 1,000 resamples of 10^6 draws) so the same input and seed give the same interval.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** numpy.percentile's default ("linear") interpolation on a sorted array; q in [0, 1]. */
export function quantileSorted(sorted: Float64Array | number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}
