import { expectClose, fails } from "../testing";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sumRows } from "../sum-rows";
import { MetricInputError } from "../types";
import { perplexity as metric } from ".";

// Hand-derived values: perplexity = exp(−mean log p) per text; mean_perplexity = mean over texts.
const run = (p: unknown[], r: unknown[] = []) => metric.compute(p as number[][], r, {});

describe("perplexity", () => {
  it("reproduces every card example", () => {
    for (const ex of metric.examples) expectClose(metric.compute(ex.predictions, ex.references, metric.argsSchema.parse(ex.args ?? {})), ex.expected, ex.source);
  });

  it("is exp of the mean negative log-likelihood per text, then a plain mean over texts", () => {
    const texts = [[-1, -2, -3], [-0.5], [0, 0]];
    const out = run(texts);
    expectClose(out.perplexities, [Math.exp(2), Math.exp(0.5), 1]);
    expect(out.mean_perplexity).toBeCloseTo((Math.exp(2) + Math.exp(0.5) + 1) / 3, 12);
    // Not token-weighted: a long text counts once like a short one.
    expect(run([[-1, -1, -1, -1], [-3]]).mean_perplexity).toBeCloseTo((Math.exp(1) + Math.exp(3)) / 2, 12);
  });

  it("accepts float-rounding positives as 0 and ignores references", () => {
    expect(run([[5e-7, -Math.log(2)]]).mean_perplexity).toBeCloseTo(Math.SQRT2, 12);
    expect(run([[-1]], ["anything"]).mean_perplexity).toBeCloseTo(Math.E, 12);
  });

  it("statistics sum to compute, and any sub-multiset gives compute on it", () => {
    const texts = [[-1, -2], [-0.1], [-4, -0.5, -0.2]];
    const s = metric.statistics!(texts, [], {});
    expect(s.finalize(sumRows(s)).mean_perplexity).toBeCloseTo(run(texts).mean_perplexity as number, 12);
    const sums = new Float64Array(2);
    for (const i of [2, 2, 0]) for (let k = 0; k < 2; k++) sums[k] += s.data[2 * i + k];
    expect(s.finalize(sums).mean_perplexity).toBeCloseTo(run([texts[2], texts[2], texts[0]]).mean_perplexity as number, 12);
  });

  it("refuses inputs it cannot score, naming the example", () => {
    fails(() => run([]), /no texts/, "predictions");
    fails(() => run([[-1], [-2]], [null]), /pair up/, "references");
    fails(() => run([[-1], []]), /predictions\[1\] must be a non-empty list/, "predictions", 1);
    fails(() => run([[-1], [-2, 0.5]]), /predictions\[1\]\[1\] is 0.5/, "predictions", 1);
    fails(() => run([-1, -2]), /predictions\[0\] must be a non-empty list/, "predictions", 0);
    expect(metric.predictionSchema.safeParse([-1, 0.1]).success).toBe(false);
    expect(metric.predictionSchema.safeParse([]).success).toBe(false);
    expect(metric.predictionSchema.safeParse([-1, -2.5]).success).toBe(true);
    expect(metric.argsSchema.safeParse({ model_id: "gpt2" }).success).toBe(false);
  });

  it("meets the registry contract (card, defaults, range)", () => {
    expect(readFileSync(path.join(import.meta.dirname, "card.md"), "utf8").length).toBeGreaterThan(100);
    expect(metric.argsSchema.parse({})).toEqual(metric.defaultArgs);
    expect(run([[0, -1], [-2]]).mean_perplexity).toBeGreaterThanOrEqual(1);
  });
});
