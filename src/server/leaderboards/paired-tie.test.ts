import { describe, expect, it } from "vitest";
import { PredictionTable } from "@/server/evaluations/prediction-table";
import { RecordTable } from "@/server/evaluations/record-table";
import { alignExamples } from "./paired-tie";

function records(rows: number[], refs: unknown[]): RecordTable {
  const t = new RecordTable("token-classification");
  rows.forEach((row, i) => t.push(row, ["O"], refs[i]));
  return t;
}

describe("alignExamples", () => {
  it("pairs structured records by dataset row, whatever order each run stored them in", () => {
    const a = records([0, 1, 2], [["B-PER"], ["O"], ["B-LOC"]]);
    const b = records([2, 0, 1], [["B-LOC"], ["B-PER"], ["O"]]);
    expect(alignExamples(a, b, 100)).toEqual({ ia: [0, 1, 2], ib: [1, 2, 0] });
  });

  it("refuses runs that scored other rows or hold other references", () => {
    expect(alignExamples(records([0, 1], [["O"], ["O"]]), records([0, 2], [["O"], ["O"]]), 100)).toBeNull();
    expect(alignExamples(records([0, 1], [["O"], ["O"]]), records([0, 1], [["O"], ["B-PER"]]), 100)).toBeNull();
    expect(alignExamples(records([0, 1], [["O"], ["O"]]), records([0], [["O"]]), 100)).toBeNull();
  });

  it("refuses a label table against a record table", () => {
    const labels = new PredictionTable(2);
    labels.push(0, 1, 1, [0.2, 0.8]);
    expect(alignExamples(labels, records([0], [1]), 100)).toBeNull();
  });

  it("keeps an even stride of at most maxRows examples", () => {
    const rows = Array.from({ length: 10 }, (_, i) => i);
    const t = records(rows, rows.map((r) => [String(r)]));
    expect(alignExamples(t, t, 4)).toEqual({ ia: [0, 3, 6, 9], ib: [0, 3, 6, 9] });
  });
});
