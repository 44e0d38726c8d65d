import { describe, expect, it } from "vitest";
import type { SubmissionView } from "@/server/evaluations/get-submission";
import { composeEmail, composeMention, outcomeSummary } from "./compose-messages";

const evaluation = (over: Partial<SubmissionView["evaluations"][number]>): SubmissionView["evaluations"][number] => ({
  id: "00000000-0000-4000-8000-000000000001",
  model: "org/model",
  modelSha: "a".repeat(40),
  status: "succeeded",
  progress: 1,
  processed: 10,
  total: 10,
  examplesPerSecond: 5,
  failureReason: null,
  failure: null,
  results: {},
  verifyTokens: {},
  intervals: {},
  pullRequestUrl: null,
  sampling: null,
  invalidRows: null,
  pullRequestError: null,
  createdAt: "2026-11-26T20:00:00.000Z",
  startedAt: null,
  finishedAt: null,
  ...over,
});

const submission = (evaluations: SubmissionView["evaluations"]): SubmissionView => ({
  id: "00000000-0000-4000-8000-0000000000aa",
  status: "partially_failed",
  dataset: "org/data",
  config: "default",
  split: "test",
  task: "text-classification",
  metrics: ["accuracy", "f1"],
  metricLabels: { accuracy: "Accuracy", f1: "F1 (macro)" },
  columnMapping: {},
  username: "alice",
  createPr: true,
  createdAt: "2026-11-26T20:00:00.000Z",
  hasEmail: true,
  notification: null,
  notifiedAt: null,
  evaluations,
});

describe("notification messages", () => {
  it("names the outcome with failed and cancelled counts", () => {
    expect(outcomeSummary({ total: 3, succeeded: 3, failed: 0, cancelled: 0 }, "sst2")).toBe("3 of 3 evaluations succeeded on sst2");
    expect(outcomeSummary({ total: 1, succeeded: 0, failed: 0, cancelled: 1 }, "sst2")).toBe("0 of 1 evaluation succeeded on sst2 (1 cancelled)");
  });

  it("writes each model's results with intervals, failure reasons in plain words, and says what cancelled means", () => {
    const s = submission([
      evaluation({ model: "org/good", results: { accuracy: 0.75, f1: 0.5 }, intervals: { accuracy: [0.7, 0.8] }, pullRequestUrl: "https://hub/org/good/discussions/3" }),
      evaluation({ id: "00000000-0000-4000-8000-000000000002", model: "org/slow", status: "failed", failureReason: "request to https://x timed out after 30000 ms" }),
      evaluation({ id: "00000000-0000-4000-8000-000000000003", model: "org/stopped", status: "cancelled" }),
    ]);
    const mail = composeEmail(s, "https://evalhub.example/");
    expect(mail.subject).toBe("EvalHub: 1 of 3 evaluations succeeded on org/data (1 failed, 1 cancelled)");
    expect(mail.text).toContain("* org/good: succeeded: Accuracy 0.7500 (95% CI 0.7000–0.8000); F1 (macro) 0.5000");
    expect(mail.text).toContain("  Pull request: https://hub/org/good/discussions/3");
    expect(mail.text).toContain("* org/slow: failed: A server it needed took too long to answer (request to https://x timed out after 30000 ms)");
    expect(mail.text).toContain("* org/stopped: cancelled: Cancelled before it finished; no results were recorded.");
    expect(mail.text).toContain("Cancelled evaluations were stopped on request and have no results.");
    expect(mail.text).toContain("Run page: https://evalhub.example/submissions/00000000-0000-4000-8000-0000000000aa");
    expect(mail.html).toContain('<a href="https://evalhub.example/leaderboards/org/data?config=default&amp;split=test">Leaderboard</a>');
  });

  it("escapes what the HTML email shows", () => {
    const s = submission([evaluation({ status: "failed", failureReason: "<script>alert(1)</script>" })]);
    expect(composeEmail(s, "http://x").html).not.toContain("<script>");
  });

  it("mentions the user in the PR comment with the model's outcome and links", () => {
    const s = submission([evaluation({ results: { accuracy: 0.75 } })]);
    const text = composeMention(s, s.evaluations[0], "alice", "http://x");
    expect(text.split("\n")[0]).toBe("@alice the evaluation of `org/model` on `org/data` (config `default`, split `test`) has ended.");
    expect(text).toContain("- Accuracy 0.7500");
    expect(text).toContain("- Predictions: http://x/api/evaluations/00000000-0000-4000-8000-000000000001/predictions?format=jsonl");
  });
});
