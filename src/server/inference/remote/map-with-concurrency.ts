import { linkAbort } from "./retry-policy";

/**
 * Maps `items` through `fn` with at most `limit` calls in flight; results keep the input order.
 * On the first failure no new call starts, the calls in flight are aborted through their signal,
 * and once they have settled the first error is thrown (so no request outlives the batch).
 */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number, signal: AbortSignal) => Promise<R>,
  signal?: AbortSignal,
): Promise<R[]> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`Concurrency must be a positive integer, got ${limit}.`);
  const results = new Array<R>(items.length);
  const batch = new AbortController();
  const unlink = linkAbort(signal, batch);
  let next = 0;
  let failure: { error: unknown } | undefined;

  async function worker(): Promise<void> {
    while (!failure && next < items.length) {
      if (batch.signal.aborted) {
        failure ??= { error: batch.signal.reason };
        return;
      }
      const index = next++;
      try {
        results[index] = await fn(items[index], index, batch.signal);
      } catch (error) {
        failure ??= { error };
        batch.abort(new Error("Another item of the batch failed."));
      }
    }
  }

  try {
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  } finally {
    unlink();
  }
  if (failure) throw failure.error;
  return results;
}
