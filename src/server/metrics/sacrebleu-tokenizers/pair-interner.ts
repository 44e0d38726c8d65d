/**
 * Gives each distinct (prefix id, symbol) pair a dense id 1, 2, 3, …, so an n-gram's id is
 * `intern(id of its first n-1 items, last item)`, built in O(1) per n-gram with no string keys.
 * Open addressing over typed arrays; `reset()` is O(1) (a generation stamp), so one instance is
 * reused across all examples of a corpus.
 */
export class PairInterner {
  private keyA: Int32Array;
  private keyB: Int32Array;
  private val: Int32Array;
  private stamp: Uint32Array;
  private gen = 1;
  private mask: number;
  /** Number of ids handed out since the last reset (ids are 1..size). */
  size = 0;

  constructor(initialCapacity = 1024) {
    let cap = 16;
    while (cap < initialCapacity * 2) cap <<= 1;
    this.mask = cap - 1;
    this.keyA = new Int32Array(cap);
    this.keyB = new Int32Array(cap);
    this.val = new Int32Array(cap);
    this.stamp = new Uint32Array(cap);
  }

  reset(): void {
    this.size = 0;
    this.gen++;
    if (this.gen === 0xffffffff) {
      this.stamp.fill(0);
      this.gen = 1;
    }
  }

  private slot(a: number, b: number): number {
    let h = Math.imul(a ^ 0x5bd1e995, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
    return h & this.mask;
  }

  /** The id of (a, b), or 0 when it was never interned since the last reset. */
  get(a: number, b: number): number {
    let s = this.slot(a, b);
    for (;;) {
      if (this.stamp[s] !== this.gen) return 0;
      if (this.keyA[s] === a && this.keyB[s] === b) return this.val[s];
      s = (s + 1) & this.mask;
    }
  }

  /** The id of (a, b), creating it when new. */
  intern(a: number, b: number): number {
    let s = this.slot(a, b);
    for (;;) {
      if (this.stamp[s] !== this.gen) break;
      if (this.keyA[s] === a && this.keyB[s] === b) return this.val[s];
      s = (s + 1) & this.mask;
    }
    if ((this.size + 1) * 2 > this.mask + 1) {
      this.grow();
      return this.intern(a, b);
    }
    this.stamp[s] = this.gen;
    this.keyA[s] = a;
    this.keyB[s] = b;
    this.val[s] = ++this.size;
    return this.size;
  }

  private grow(): void {
    const { keyA, keyB, val, stamp, gen } = this;
    const cap = (this.mask + 1) * 2;
    this.mask = cap - 1;
    this.keyA = new Int32Array(cap);
    this.keyB = new Int32Array(cap);
    this.val = new Int32Array(cap);
    this.stamp = new Uint32Array(cap);
    this.gen = 1;
    for (let i = 0; i < stamp.length; i++) {
      if (stamp[i] !== gen) continue;
      let s = this.slot(keyA[i], keyB[i]);
      while (this.stamp[s] === 1) s = (s + 1) & this.mask;
      this.stamp[s] = 1;
      this.keyA[s] = keyA[i];
      this.keyB[s] = keyB[i];
      this.val[s] = val[i];
    }
  }
}
