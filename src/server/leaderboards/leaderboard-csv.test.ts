import { describe, expect, it } from "vitest";
import { parseCsv } from "../../../tests/helpers/parse-csv";
import type { Leaderboard } from "./get-leaderboard";
import { csvField, leaderboardFileName, leaderboardToCsv } from "./leaderboard-csv";

const row = (model: string, results: Record<string, number>, intervals: Record<string, [number, number]> = {}) => ({
  key: `id-${model}`,
  rank: 1,
  model,
  modelSha: "abc",
  config: "default",
  split: "validation",
  task: "text-classification",
  results,
  intervals,
  evaluationId: `id-${model}`,
  pullRequestUrl: null,
  finishedAt: null,
  source: "evalhub" as const,
  verified: true,
  leader: false,
  tied: false,
  tie: null,
  comparison: null,
});

describe("leaderboard CSV export", () => {
  it("quotes fields holding commas, quotes and line breaks as RFC 4180 says", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField('say "hi", then\r\nleave')).toBe('"say ""hi"", then\r\nleave"');
    expect(csvField(0.1)).toBe("0.1");
    expect(csvField(undefined)).toBe("");
    expect(csvField(Number.NaN)).toBe("");
  });

  it("writes a header and one record per row that a strict reader parses back", () => {
    const board = {
      dataset: "org/data",
      config: "a,b",
      split: "test",
      task: null,
      metrics: ["accuracy", "f1"],
      rows: [
        row('org/"odd",model', { accuracy: 0.5, f1: 0.25 }, { accuracy: [0.4, 0.6] }),
        { ...row("org/m2", { accuracy: 1 / 3 }), tied: true, tie: { with: 'org/"odd",model', test: "paired-bootstrap", tied: true } },
        { ...row("org/claims", { accuracy: 0.9 }), source: "self-reported", verified: false, evaluationId: null },
      ],
    } as unknown as Leaderboard;
    const records = parseCsv(leaderboardToCsv(board));
    expect(records[0]).toEqual([
      "rank", "model", "model_sha", "config", "split", "task",
      "accuracy", "accuracy_ci_low", "accuracy_ci_high", "f1", "f1_ci_low", "f1_ci_high",
      "tied_with_leader", "tie_test", "verified", "source", "evaluation_id",
    ]);
    expect(records[1].slice(1, 2)).toEqual(['org/"odd",model']);
    expect(records[1].slice(6, 12)).toEqual(["0.5", "0.4", "0.6", "0.25", "", ""]);
    expect(Number(records[2][6])).toBe(1 / 3);
    expect(records[1].slice(-5)).toEqual(["false", "", "true", "evalhub", 'id-org/"odd",model']);
    expect(records[2].slice(-5, -3)).toEqual(["true", "paired-bootstrap"]);
    expect(records[3].slice(-3)).toEqual(["false", "self-reported", ""]);
    expect(records).toHaveLength(4);
    expect(leaderboardFileName(board, "csv")).toBe("org_data-a_b-test-leaderboard.csv");
  });
});
