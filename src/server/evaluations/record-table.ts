/** One example's outcome for tasks whose predictions are structured (tags, answers, generated text). */
export interface StoredRecord<P = unknown, R = unknown> {
  row: number;
  prediction: P;
  reference: R;
}

/**
 * Predictions of a structured task, in row order, serialized as JSON Lines after a header line
 * (the typed `PredictionTable` is for label tasks, where a million rows must stay small).
 */
export class RecordTable<P = unknown, R = unknown> {
  readonly kind = "record";
  readonly task: string;
  readonly records: StoredRecord<P, R>[] = [];

  constructor(task: string) {
    this.task = task;
  }

  get length(): number {
    return this.records.length;
  }

  push(row: number, prediction: P, reference: R): void {
    this.records.push({ row, prediction, reference });
  }

  predictions(): P[] {
    return this.records.map((r) => r.prediction);
  }

  references(): R[] {
    return this.records.map((r) => r.reference);
  }

  /** Puts the examples back in row order (batches may have been run in another order). */
  sortByRow(): void {
    this.records.sort((a, b) => a.row - b.row);
  }

  toArray(): StoredRecord<P, R>[] {
    return this.records.slice();
  }

  serialize(): Buffer {
    const header = JSON.stringify({ format: "evalhub-records", version: 1, n: this.length, task: this.task });
    return Buffer.from([header, ...this.records.map((r) => JSON.stringify([r.row, r.prediction, r.reference]))].join("\n") + "\n");
  }

  static isSerialized(buf: Buffer): boolean {
    return buf.subarray(0, 40).toString("utf8").includes('"evalhub-records"');
  }

  static deserialize<P, R>(buf: Buffer): RecordTable<P, R> {
    const lines = buf.toString("utf8").split("\n");
    const header = JSON.parse(lines[0]) as { format: string; version: number; n: number; task: string };
    if (header.format !== "evalhub-records" || header.version !== 1) throw new Error(`unknown predictions format ${header.format} v${header.version}`);
    const t = new RecordTable<P, R>(header.task);
    for (let i = 1; i <= header.n; i++) {
      const [row, prediction, reference] = JSON.parse(lines[i]) as [number, P, R];
      t.push(row, prediction, reference);
    }
    return t;
  }
}
