/**
 * Memoises an async lookup for `ttlMs` per key (successes only: a failure is asked again next
 * time). For hub listings that every page view would otherwise repeat; the hub's own data changes
 * on a scale of minutes, and a stale answer only means a list that is up to `ttlMs` old.
 */
export function ttlCache<A extends unknown[], T>(ttlMs: number, keyOf: (...args: A) => string, fn: (...args: A) => Promise<T>, maxEntries = 500) {
  const entries = new Map<string, { at: number; value: Promise<T> }>();
  return (...args: A): Promise<T> => {
    const key = keyOf(...args);
    const now = Date.now();
    const hit = entries.get(key);
    if (hit && now - hit.at < ttlMs) return hit.value;
    const value = fn(...args);
    entries.set(key, { at: now, value });
    value.catch(() => entries.delete(key));
    // Oldest first in a Map: drop the oldest beyond the bound.
    while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    return value;
  };
}
