/**
 * Length bucketing for batched inference. A tokenizer pads every text of a batch to the longest
 * one, so a batch in dataset order is mostly padding: on SST-2 sentences in batches of 32, 97,000
 * token slots hold 50,000 real tokens. Sorting a window of rows by length before cutting it into
 * batches puts similar lengths together (61,000 slots), which makes both the int64 input tensors and
 * the model's work smaller. runInference puts the predictions back in row order afterwards, so
 * everything computed from them (bootstrap draws included) is unchanged.
 */

/**
 * Indices of `lengths` cut into batches of at most `batchSize`, shortest first. The sort is stable
 * (ties keep input order), so the same input always gives the same batches.
 */
export function lengthBuckets(lengths: readonly number[], batchSize: number): number[][] {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  const order = lengths.map((_, i) => i).sort((a, b) => lengths[a] - lengths[b] || a - b);
  const batches: number[][] = [];
  for (let i = 0; i < order.length; i += batchSize) batches.push(order.slice(i, i + batchSize));
  return batches;
}
