import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sumRows } from "../sum-rows";
import { normalizeSquadAnswer, pythonSplit } from "../text-normalize/squad-answer";
import { MetricInputError } from "../types";
import { squad, type SquadPrediction, type SquadReference } from ".";

interface Qa {
  id: string;
  question: string;
  answers: { text: string; answer_start: number }[];
}
const tinyDev = JSON.parse(readFileSync(path.join(import.meta.dirname, "fixtures", "tiny-dev.json"), "utf8")) as {
  data: { paragraphs: { qas: Qa[] }[] }[];
};
const qas = tinyDev.data.flatMap((a) => a.paragraphs.flatMap((p) => p.qas));
const references: SquadReference[] = qas.map((qa) => ({
  id: qa.id,
  answers: { text: qa.answers.map((a) => a.text), answer_start: qa.answers.map((a) => a.answer_start) },
}));

function expectStatisticsMatch(predictions: SquadPrediction[], refs: SquadReference[]) {
  const out = squad.compute(predictions, refs, {});
  const s = squad.statistics!(predictions, refs, {});
  expect(s.data.length).toBe(3 * refs.length);
  expect(s.finalize(sumRows(s))).toEqual(out);
  return out;
}

describe("squad (SQuAD v1.1 official script)", () => {
  it("scores the evaluate README examples (card examples)", () => {
    for (const ex of squad.examples) {
      const out = squad.compute(ex.predictions, ex.references, {});
      for (const [k, v] of Object.entries(ex.expected)) expect(Math.abs((out[k] as number) - (v as number)), `${ex.source} ${k}`).toBeLessThanOrEqual(1e-6);
      expectStatisticsMatch(ex.predictions, ex.references);
    }
  });

  it("gives 100/100 for gold answers on the 810 questions of tiny-dev (Super Bowl 50)", () => {
    expect(qas.length).toBe(810);
    const predictions = qas.map((qa) => ({ id: qa.id, prediction_text: qa.answers[0].text })).reverse();
    expect(expectStatisticsMatch(predictions, references)).toEqual({ exact_match: 100, f1: 100 });
  });

  it("equals the official v1.1 script on perturbed tiny-dev predictions", () => {
    // Numbers from evaluate's metrics/squad/compute_score.py (the official v1.1 script) run on these
    // same predictions: {'exact_match': 35.4320987654321, 'f1': 63.631300205367}.
    const predictions = qas.map((qa, j) => {
      const a0 = qa.answers[0].text;
      return { id: qa.id, prediction_text: [a0, `the ${a0} stadium`, a0.split(" ")[0], qa.question][j % 4] };
    });
    const out = expectStatisticsMatch(predictions, references);
    expect(out.exact_match).toBeCloseTo(35.4320987654321, 12);
    expect(out.f1).toBeCloseTo(63.631300205367, 12);
  });

  it("normalises like the script: case, ASCII punctuation, whole-word articles, Python whitespace", () => {
    expect(normalizeSquadAnswer("The  Denver\tBroncos!")).toBe("denver broncos");
    expect(normalizeSquadAnswer("an apple, a day; the end")).toBe("apple day end");
    expect(normalizeSquadAnswer("another theory")).toBe("another theory");
    // Python's \b is Unicode-aware: "éa" is one word, "a" after "é" is no article.
    expect(normalizeSquadAnswer("éa café a")).toBe("éa café");
    expect(normalizeSquadAnswer("Beyoncé — «Halo»")).toBe("beyoncé — «halo»");
    expect(normalizeSquadAnswer("ΟΔΟΣ")).toBe("οδος");
    expect(pythonSplit("a\x1cb\x85c\ufeffd\u3000e")).toEqual(["a", "b", "c\ufeffd", "e"]);
  });

  it("scores whitespace-only and empty predictions 0, and a prediction that is only an article 0", () => {
    const refs = [{ id: "q", answers: { text: ["Denver Broncos"], answer_start: [0] } }];
    for (const text of ["", "   ", "\t\n", "the"]) expect(squad.compute([{ id: "q", prediction_text: text }], refs, {})).toEqual({ exact_match: 0, f1: 0 });
  });

  it("takes the best gold answer for each of exact match and F1", () => {
    const refs = [{ id: "q", answers: { text: ["Santa Clara, California", "Levi's Stadium"] } }];
    const out = squad.compute([{ id: "q", prediction_text: "Levi's Stadium in Santa Clara" }], refs, {});
    // vs "levis stadium": P 2/5, R 1 -> 4/7; vs "santa clara california": P 2/5, R 2/3 -> 1/2
    expect(out.exact_match).toBe(0);
    expect(out.f1).toBeCloseTo((100 * 4) / 7, 12);
  });

  it("matches predictions to references by id and names the id that is missing or repeated", () => {
    const refs = [
      { id: "a", answers: { text: ["x"] } },
      { id: "b", answers: { text: ["y"] } },
    ];
    expect(squad.compute([{ id: "b", prediction_text: "y" }, { id: "a", prediction_text: "z" }], refs, {})).toEqual({ exact_match: 50, f1: 50 });
    expect(() => squad.compute([{ id: "a", prediction_text: "x" }], refs, {})).toThrow(/no prediction has the reference id "b"/);
    expect(() => squad.compute([{ id: "a", prediction_text: "x" }, { id: "b", prediction_text: "y" }, { id: "c", prediction_text: "" }], refs, {})).toThrow(
      /no reference has the prediction id "c"/,
    );
    expect(() => squad.compute([{ id: "a", prediction_text: "x" }, { id: "a", prediction_text: "y" }], refs, {})).toThrow(/prediction id "a" appears twice/);
    expect(() => squad.compute([], [], {})).toThrow(MetricInputError);
    expect(() => squad.compute([{ id: "a", prediction_text: "x" }], [{ id: "a", answers: { text: [] } }], {})).toThrow(/has no gold answer/);
    try {
      squad.compute([{ id: "a", prediction_text: "x" }], refs, {});
    } catch (e) {
      expect(e).toMatchObject({ index: 1, field: "references" });
    }
  });

  it("validates evaluate's shapes and takes no args", () => {
    expect(squad.predictionSchema.safeParse({ id: "a", prediction_text: "x" }).success).toBe(true);
    expect(squad.predictionSchema.safeParse({ id: "a", text: "x" }).success).toBe(false);
    expect(squad.referenceSchema.safeParse({ id: "a", answers: { text: ["x"], answer_start: [3] } }).success).toBe(true);
    expect(squad.referenceSchema.safeParse({ id: "a", answers: [{ text: "x" }] }).success).toBe(false);
    expect(squad.argsSchema.parse({})).toEqual(squad.defaultArgs);
    expect(squad.argsSchema.safeParse({ no_answer_threshold: 1 }).success).toBe(false);
  });
});
