import { describe, expect, it } from "vitest";
import { PredictionTable } from "./prediction-table";

describe("PredictionTable", () => {
  it("grows, serializes and reads back exactly", () => {
    const t = new PredictionTable(3, 2);
    for (let i = 0; i < 1000; i++) t.push(i * 2, i % 3, (i + 1) % 3, [0.1 * (i % 7), 1 / 3, Math.PI / (i + 1)]);
    expect(t.length).toBe(1000);
    const back = PredictionTable.deserialize(t.serialize());
    expect(back.toArray()).toEqual(t.toArray());
    expect(back.get(999)).toEqual({ row: 1998, prediction: 0, reference: 1, scores: [0.1 * 5, 1 / 3, Math.PI / 1000] });
    expect(back.scoresOf(1).every((v) => v === 1 / 3)).toBe(true);
  });
  it("handles an empty table", () => {
    expect(PredictionTable.deserialize(new PredictionTable(2).serialize()).length).toBe(0);
  });
  it("refuses an unknown format", () => {
    expect(() => PredictionTable.deserialize(Buffer.from('{"format":"x","version":9}\n'))).toThrow(/unknown predictions format/);
  });
});
