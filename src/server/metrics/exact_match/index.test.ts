import { expectClose, fails } from "../testing";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sumRows } from "../sum-rows";
import { MetricInputError } from "../types";
import { exactMatch as metric } from ".";
import { pythonRegex } from "./python-regex";

// README values from evaluate's metrics/exact_match; re.sub outputs from Python 3.11 run here.
const args = (a: Record<string, unknown> = {}) => metric.argsSchema.parse(a);
const em = (p: (string | number)[], r: (string | number)[], a: Record<string, unknown> = {}) => metric.compute(p, r, args(a)).exact_match;

describe("exact_match", () => {
  it("reproduces every card example", () => {
    for (const ex of metric.examples) expectClose(metric.compute(ex.predictions, ex.references, args(ex.args)), ex.expected, ex.source);
  });

  it("applies regexes, then case, then punctuation, then digits", () => {
    // Regexes run before lowercasing: "YELL" survives a "yell" pattern, then lowercases to "yell".
    expect(em(["yelling"], ["YELLING"], { regexes_to_ignore: ["yell"], ignore_case: true })).toBe(0);
    expect(em(["a.b"], ["ab"], { ignore_punctuation: true })).toBe(1);
    expect(em(["a«b»"], ["ab"], { ignore_punctuation: true })).toBe(0); // string.punctuation is ASCII only
    expect(em(["agent"], ["agent007"], { ignore_numbers: true })).toBe(1);
    expect(em(["agent"], ["agent٠٠٧"], { ignore_numbers: true })).toBe(0); // string.digits is ASCII only
    expect(em(["ÉCOLE"], ["école"], { ignore_case: true })).toBe(1);
    expect(em([7, "x"], ["7", "x"])).toBe(1);
  });

  it("translates Python regular expressions to the same matches as re.sub", () => {
    const cases: [string, string, string][] = [
      ["\\d+", "a12b٣4", "ab"],
      ["\\w+", "héllo wörld_1 ça", "  "],
      ["\\s", "a\u001cb\ufeffc d", "ab\ufeffcd"],
      ["\\bcat\\b", "cat concat écat cat", " concat écat "],
      ["a.c", "a\nc abc a\rc", "a\nc  "],
      ["c$", "abc\n", "ab\n"],
      ["(?i)ABC", "abc", ""],
      ["[]a]", "]a b", " b"],
      ["x{", "x{y", "y"],
      ["a{,2}", "aaa", ""],
      ["(?P<n>o)(?P=n)", "foo", "f"],
      ["\\-", "a-b", "ab"],
      ["[\\w-]", "a-b c", " "],
      ["(?m)^a", "ab\na", "b\n"],
      ["\\Aa|b\\Z", "aab\nb", "ab\n"],
      ["😀.", "😀x😀", "😀"],
      ["[\\d.]+", "v1.2.3 x", "v x"],
    ];
    for (const [pattern, text, expected] of cases) expect(text.replace(pythonRegex(pattern), ""), pattern).toBe(expected);
  });

  it("statistics sum to compute and give the mean of any sub-multiset", () => {
    const p = ["a", "b", "c", "D"];
    const r = ["a", "x", "c", "d"];
    for (const a of [{}, { ignore_case: true }]) {
      const s = metric.statistics!(p, r, args(a));
      expect(s.finalize(sumRows(s)).exact_match).toBe(em(p, r, a));
      const sums = new Float64Array(2);
      for (const i of [1, 1, 3]) for (let k = 0; k < 2; k++) sums[k] += s.data[2 * i + k];
      expect(s.finalize(sums).exact_match).toBeCloseTo(em([p[1], p[1], p[3]], [r[1], r[1], r[3]], a) as number, 12);
    }
  });

  it("refuses inputs it cannot score, naming the field", () => {
    fails(() => em([], []), /no examples/, "predictions");
    fails(() => em(["a"], ["a", "b"]), /pair up/, "references");
    fails(() => em(["a"], ["a"], { regexes_to_ignore: ["ok", "(unclosed"] }), /regexes_to_ignore\[1\]/, "args.regexes_to_ignore");
    fails(() => em(["a"], ["a"], { regexes_to_ignore: ["(?i:x)"] }), /not supported/, "args.regexes_to_ignore");
    expect(metric.argsSchema.safeParse({ ignore_whitespace: true }).success).toBe(false);
    expect(metric.predictionSchema.safeParse(1.5).success).toBe(false);
    expect(metric.predictionSchema.safeParse(null).success).toBe(false);
  });

  it("meets the registry contract (card, defaults, range)", () => {
    expect(readFileSync(path.join(import.meta.dirname, "card.md"), "utf8").length).toBeGreaterThan(100);
    expect(args()).toEqual(metric.defaultArgs);
    expect(em([0, 1, 1, 0], [0, 1, 0, 0])).toBe(0.75);
  });
});
