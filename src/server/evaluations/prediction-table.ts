/** One example's outcome. `prediction`/`reference` are dataset label ids. */
export interface StoredPrediction {
  row: number;
  prediction: number;
  reference: number;
  /** Softmax probabilities in dataset label order (a label the model cannot predict gets 0). */
  scores: number[];
}

/**
 * Predictions of a split, column by column in typed arrays: memory is ~(12 + 8·labels) bytes per
 * example instead of a JS object each, so a million-row split stays small.
 */
export class PredictionTable {
  readonly numLabels: number;
  length = 0;
  rows: Int32Array;
  prediction: Int32Array;
  reference: Int32Array;
  scores: Float64Array;

  constructor(numLabels: number, capacity = 1024) {
    this.numLabels = numLabels;
    this.rows = new Int32Array(capacity);
    this.prediction = new Int32Array(capacity);
    this.reference = new Int32Array(capacity);
    this.scores = new Float64Array(capacity * numLabels);
  }

  push(row: number, prediction: number, reference: number, scores: ArrayLike<number>): void {
    if (this.length === this.rows.length) this.grow();
    const i = this.length++;
    this.rows[i] = row;
    this.prediction[i] = prediction;
    this.reference[i] = reference;
    for (let k = 0; k < this.numLabels; k++) this.scores[i * this.numLabels + k] = scores[k] ?? 0;
  }

  private grow(): void {
    const cap = this.rows.length * 2;
    const copy = <T extends Int32Array | Float64Array>(a: T, size: number): T => {
      const b = new (a.constructor as new (n: number) => T)(size);
      b.set(a);
      return b;
    };
    this.rows = copy(this.rows, cap);
    this.prediction = copy(this.prediction, cap);
    this.reference = copy(this.reference, cap);
    this.scores = copy(this.scores, cap * this.numLabels);
  }

  predictions(): number[] {
    return Array.from(this.prediction.subarray(0, this.length));
  }

  references(): number[] {
    return Array.from(this.reference.subarray(0, this.length));
  }

  /** Probability of one label for every example (e.g. the positive class for ROC AUC). */
  scoresOf(label: number): number[] {
    const out = new Array<number>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.scores[i * this.numLabels + label];
    return out;
  }

  scoreVectors(): number[][] {
    return Array.from({ length: this.length }, (_, i) => Array.from(this.scores.subarray(i * this.numLabels, (i + 1) * this.numLabels)));
  }

  get(i: number): StoredPrediction {
    return { row: this.rows[i], prediction: this.prediction[i], reference: this.reference[i], scores: Array.from(this.scores.subarray(i * this.numLabels, (i + 1) * this.numLabels)) };
  }

  toArray(): StoredPrediction[] {
    return Array.from({ length: this.length }, (_, i) => this.get(i));
  }

  /** Puts the examples back in row order (batches may have been run in another order). */
  sortByRow(): void {
    const n = this.length;
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => this.rows[a] - this.rows[b]);
    if (order.every((v, i) => v === i)) return;
    const L = this.numLabels;
    const rows = this.rows.slice(0, n);
    const prediction = this.prediction.slice(0, n);
    const reference = this.reference.slice(0, n);
    const scores = this.scores.slice(0, n * L);
    order.forEach((from, to) => {
      this.rows[to] = rows[from];
      this.prediction[to] = prediction[from];
      this.reference[to] = reference[from];
      this.scores.set(scores.subarray(from * L, (from + 1) * L), to * L);
    });
  }

  /** Header line (JSON) then the columns as little-endian binary. */
  serialize(): Buffer {
    const n = this.length;
    const header = Buffer.from(`${JSON.stringify({ format: "evalhub-predictions", version: 1, n, numLabels: this.numLabels })}\n`);
    const part = (a: Int32Array | Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.BYTES_PER_ELEMENT * (a === this.scores ? n * this.numLabels : n));
    return Buffer.concat([header, part(this.rows), part(this.prediction), part(this.reference), part(this.scores)]);
  }

  static deserialize(buf: Buffer): PredictionTable {
    const nl = buf.indexOf(10);
    const header = JSON.parse(buf.subarray(0, nl).toString("utf8")) as { format: string; version: number; n: number; numLabels: number };
    if (header.format !== "evalhub-predictions" || header.version !== 1) throw new Error(`unknown predictions format ${header.format} v${header.version}`);
    const t = new PredictionTable(header.numLabels, Math.max(1, header.n));
    // Copy into aligned buffers (the header length leaves the binary part unaligned).
    const body = Buffer.from(buf.subarray(nl + 1));
    let offset = 0;
    const take = (dst: Int32Array | Float64Array, count: number) => {
      const bytes = count * dst.BYTES_PER_ELEMENT;
      Buffer.from(dst.buffer, dst.byteOffset, bytes).set(body.subarray(offset, offset + bytes));
      offset += bytes;
    };
    take(t.rows, header.n);
    take(t.prediction, header.n);
    take(t.reference, header.n);
    take(t.scores, header.n * header.numLabels);
    t.length = header.n;
    return t;
  }
}
