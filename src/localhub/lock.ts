/**
 * In-process async mutex keyed by string (one key per repo). Every write to a repo (ref update,
 * metadata or discussions JSON) runs inside `run(key, fn)`, so concurrent HTTP requests never
 * interleave a read-modify-write. It does not protect against a second process on the same dir.
 */
export class KeyedMutex {
  private tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const current = previous.then(fn, fn);
    // The tail must never reject, or the next waiter would run with the previous error.
    const tail = current.catch(() => undefined);
    this.tails.set(key, tail);
    try {
      return await current;
    } finally {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
