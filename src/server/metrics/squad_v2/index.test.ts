import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { SquadReference } from "../squad";
import { sumRows } from "../sum-rows";
import { MetricInputError } from "../types";
import { squad_v2, type SquadV2Prediction } from ".";

const sample = JSON.parse(readFileSync(path.join(import.meta.dirname, "fixtures", "squad-v2-sample.json"), "utf8")) as {
  data: { id: string; question: string; answers: { text: string[]; answer_start: number[] } }[];
};
const references: SquadReference[] = sample.data.map((r) => ({ id: r.id, answers: r.answers }));
const DEFAULT = { no_answer_threshold: 1.0 };

/** compute, checking that finalize(sum of every row) gives its decomposable keys bit for bit. */
function run(predictions: SquadV2Prediction[], refs: SquadReference[], args = DEFAULT) {
  const out = squad_v2.compute(predictions, refs, args);
  const s = squad_v2.statistics!(predictions, refs, args);
  expect(s.data.length).toBe(s.width * refs.length);
  const fin = s.finalize(sumRows(s));
  const { best_exact, best_exact_thresh, best_f1, best_f1_thresh, ...decomposable } = out;
  expect([best_exact, best_exact_thresh, best_f1, best_f1_thresh].every((v) => typeof v === "number")).toBe(true);
  expect(fin).toEqual(decomposable);
  return out;
}

describe("squad_v2 (SQuAD v2.0 official script, as evaluate runs it)", () => {
  it("returns the evaluate README outputs (card examples), key for key", () => {
    for (const ex of squad_v2.examples) {
      const out = run(ex.predictions, ex.references, { ...DEFAULT, ...ex.args });
      expect(Object.keys(out)).toEqual(Object.keys(ex.expected));
      for (const [k, v] of Object.entries(ex.expected)) expect(Math.abs((out[k] as number) - (v as number)), k).toBeLessThanOrEqual(1e-6);
    }
  });

  it("gives 100 everywhere for gold answers on the transformers SQuAD v2 sample (8 answerable, 6 not)", () => {
    const predictions = references.map((r) => ({ id: r.id, prediction_text: r.answers.text[0] ?? "", no_answer_probability: 0 }));
    expect(run(predictions, references)).toEqual({
      exact: 100,
      f1: 100,
      total: 14,
      HasAns_exact: 100,
      HasAns_f1: 100,
      HasAns_total: 8,
      NoAns_exact: 100,
      NoAns_f1: 100,
      NoAns_total: 6,
      best_exact: 100,
      best_exact_thresh: 0,
      best_f1: 100,
      best_f1_thresh: 0,
    });
  });

  describe("equals evaluate's squad_v2 on perturbed sample predictions", () => {
    // Expected dicts from evaluate's metrics/squad_v2 _compute + compute_score.py (the official v2.0
    // functions), with no_answer_probability cast to float32 as evaluate's features do.
    const predictions = sample.data.map((r, j) => {
      const t = r.answers.text;
      const text = t.length ? [t[0], t[0].split(" ").at(-1)!, "Normandy"][j % 3] : j % 2 === 0 ? "" : "France";
      return { id: r.id, prediction_text: text, no_answer_probability: ((j * 37) % 100) / 100 };
    });
    const common = { total: 14, HasAns_total: 8, NoAns_total: 6, best_exact: 50, best_exact_thresh: 0, best_f1: 59.28571428571429, best_f1_thresh: 0.699999988079071 };
    it("at the default threshold 1.0", () => {
      expect(run(predictions, references)).toEqual({
        exact: 42.857142857142854,
        f1: 52.14285714285715,
        HasAns_exact: 25,
        HasAns_f1: 41.25,
        NoAns_exact: 66.66666666666667,
        NoAns_f1: 66.66666666666667,
        ...common,
      });
    });
    it("at no_answer_threshold 0.5", () => {
      const out = run(predictions, references, { no_answer_threshold: 0.5 });
      expect(out).toEqual({
        exact: 50,
        f1: 52.857142857142854,
        HasAns_exact: 25,
        HasAns_f1: 30,
        NoAns_exact: 83.33333333333333,
        NoAns_f1: 83.33333333333333,
        ...common,
      });
      expect(Object.keys(out)).toEqual([
        "exact", "f1", "total", "HasAns_exact", "HasAns_f1", "HasAns_total", "NoAns_exact", "NoAns_f1", "NoAns_total",
        "best_exact", "best_exact_thresh", "best_f1", "best_f1_thresh",
      ]);
    });
  });

  it("compares float32 probabilities like evaluate: 0.1 exceeds a 0.1 threshold", () => {
    const refs = [{ id: "h", answers: { text: ["Paris"], answer_start: [0] } }];
    expect(run([{ id: "h", prediction_text: "Paris", no_answer_probability: 0.1 }], refs, { no_answer_threshold: 0.1 })).toEqual({
      exact: 0,
      f1: 0,
      total: 1,
      HasAns_exact: 0,
      HasAns_f1: 0,
      HasAns_total: 1,
      best_exact: 100,
      best_exact_thresh: 0.10000000149011612,
      best_f1: 100,
      best_f1_thresh: 0.10000000149011612,
    });
  });

  it("breaks probability ties in the predictions' order, as the script's stable sort does", () => {
    const refs = [
      { id: "h", answers: { text: ["Paris"], answer_start: [0] } },
      { id: "n", answers: { text: [], answer_start: [] } },
    ];
    const preds = [
      { id: "h", prediction_text: "Paris", no_answer_probability: 0.4 },
      { id: "n", prediction_text: "Lyon", no_answer_probability: 0.4 },
    ];
    const base = { exact: 50, f1: 50, total: 2, HasAns_exact: 100, HasAns_f1: 100, HasAns_total: 1, NoAns_exact: 0, NoAns_f1: 0, NoAns_total: 1 };
    expect(run(preds, refs)).toEqual({ ...base, best_exact: 100, best_exact_thresh: 0.4000000059604645, best_f1: 100, best_f1_thresh: 0.4000000059604645 });
    expect(run([...preds].reverse(), refs)).toEqual({ ...base, best_exact: 50, best_exact_thresh: 0, best_f1: 50, best_f1_thresh: 0 });
  });

  it("follows the script on empty gold answers and whitespace-only predictions", () => {
    // [""] is "answerable" for the HasAns split (non-empty list) but scores as no-answer.
    expect(run([{ id: "a", prediction_text: "", no_answer_probability: 0 }], [{ id: "a", answers: { text: [""], answer_start: [0] } }])).toMatchObject({
      exact: 100,
      HasAns_total: 1,
    });
    // "   " normalises to "" (correct abstention) but is a non-empty prediction for best_*.
    const out = run([{ id: "n", prediction_text: "   ", no_answer_probability: 0 }], [{ id: "n", answers: { text: [], answer_start: [] } }]);
    expect(out).toEqual({ exact: 100, f1: 100, total: 1, NoAns_exact: 100, NoAns_f1: 100, NoAns_total: 1, best_exact: 100, best_exact_thresh: 0, best_f1: 100, best_f1_thresh: 0 });
    expect(out).not.toHaveProperty("HasAns_total");
  });

  it("omits HasAns/NoAns keys from a resample that has no such question", () => {
    const s = squad_v2.statistics!(
      [
        { id: "h", prediction_text: "Paris", no_answer_probability: 0 },
        { id: "n", prediction_text: "", no_answer_probability: 0 },
      ],
      [
        { id: "h", answers: { text: ["Paris"], answer_start: [0] } },
        { id: "n", answers: { text: [], answer_start: [] } },
      ],
      DEFAULT,
    );
    expect(s.finalize(Float64Array.from(s.data.slice(0, s.width)))).toEqual({ exact: 100, f1: 100, total: 1, HasAns_exact: 100, HasAns_f1: 100, HasAns_total: 1 });
  });

  it("matches by id and names the id that is missing or repeated", () => {
    const refs = [{ id: "a", answers: { text: ["x"] } }];
    expect(() => squad_v2.compute([], [], DEFAULT)).toThrow(MetricInputError);
    expect(() => squad_v2.compute([{ id: "b", prediction_text: "x", no_answer_probability: 0 }], refs, DEFAULT)).toThrow(/no prediction has the reference id "a"/);
    expect(() =>
      squad_v2.compute(
        [
          { id: "a", prediction_text: "x", no_answer_probability: 0 },
          { id: "a", prediction_text: "x", no_answer_probability: 0 },
        ],
        refs,
        DEFAULT,
      ),
    ).toThrow(/prediction id "a" appears twice/);
  });

  it("validates shapes and args like evaluate", () => {
    expect(squad_v2.predictionSchema.safeParse({ id: "a", prediction_text: "x" }).success).toBe(false);
    expect(squad_v2.predictionSchema.safeParse({ id: "a", prediction_text: "x", no_answer_probability: 0.3 }).success).toBe(true);
    expect(squad_v2.argsSchema.parse({})).toEqual(squad_v2.defaultArgs);
    expect(squad_v2.argsSchema.safeParse({ no_answer_threshold: "high" }).success).toBe(false);
    expect(squad_v2.argsSchema.safeParse({ threshold: 0.5 }).success).toBe(false);
  });
});
