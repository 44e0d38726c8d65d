import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { CardParseError, ModelIndexError } from "./errors";
import { buildEvalResultsEntry, mergeEvalResultsFile } from "./eval-results-file";

const ours = buildEvalResultsEntry({
  dataset: { id: "Idavidrein/gpqa", taskId: "gpqa_diamond", revision: "5503434ddd753f426f4b38109466949a1217c2bb" },
  value: 0.412,
  verifyToken: "eyJ.sig",
  date: new Date("2026-01-15T10:30:00Z"),
  source: { url: "https://evalhub.test/runs/7", name: "EvalHub" },
});

describe("buildEvalResultsEntry", () => {
  it("writes hub-docs' field names in huggingface_hub's order", () => {
    expect(ours).toEqual({
      dataset: { id: "Idavidrein/gpqa", task_id: "gpqa_diamond", revision: "5503434ddd753f426f4b38109466949a1217c2bb" },
      value: 0.412,
      verifyToken: "eyJ.sig",
      date: "2026-01-15T10:30:00.000Z",
      source: { url: "https://evalhub.test/runs/7", name: "EvalHub" },
    });
    expect(Object.keys(ours)).toEqual(["dataset", "value", "verifyToken", "date", "source"]);
  });
});

describe("mergeEvalResultsFile", () => {
  it("creates a new file, quoting dates so they stay strings", () => {
    const entry = buildEvalResultsEntry({ dataset: { id: "cais/hle", taskId: "default" }, value: 20.9, date: "2025-01-15", notes: "no-tools" });
    const out = mergeEvalResultsFile({ content: null, entries: [entry] });
    expect(out).toMatchObject({ changed: true, added: 1, updated: 0 });
    expect(out.content).toBe(
      '- dataset:\n    id: cais/hle\n    task_id: default\n  value: 20.9\n  date: "2025-01-15"\n  notes: no-tools\n',
    );
  });

  it("replaces the entry with the same dataset id, task_id and revision and keeps the others", () => {
    const content = [
      "# results from the model authors",
      "- dataset:",
      "    id: cais/hle",
      "    task_id: default",
      "  value: 20.90 # self-reported",
      "- dataset:",
      "    id: Idavidrein/gpqa",
      "    task_id: gpqa_diamond",
      "    revision: 5503434ddd753f426f4b38109466949a1217c2bb",
      "  value: 0.3",
      "",
    ].join("\n");
    const out = mergeEvalResultsFile({ content, entries: [ours] });
    expect(out).toMatchObject({ changed: true, added: 0, updated: 1 });
    expect(out.content.startsWith(content.split("- dataset:\n    id: Idavidrein")[0]!)).toBe(true);
    expect(parse(out.content)).toEqual([{ dataset: { id: "cais/hle", task_id: "default" }, value: 20.9 }, ours]);
  });

  it("appends an entry for another revision of the same task", () => {
    const first = mergeEvalResultsFile({ content: null, entries: [ours] }).content;
    const other = { ...ours, dataset: { ...ours.dataset, revision: "abc" } };
    const out = mergeEvalResultsFile({ content: first, entries: [other] });
    expect(out).toMatchObject({ added: 1, updated: 0 });
    expect(parse(out.content)).toEqual([ours, other]);
  });

  it("is idempotent and keeps CRLF", () => {
    const content = "- dataset:\r\n    id: cais/hle\r\n    task_id: default\r\n  value: 1\r\n";
    const first = mergeEvalResultsFile({ content, entries: [ours] });
    expect(first.content.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const second = mergeEvalResultsFile({ content: first.content, entries: [ours] });
    expect(second).toEqual({ content: first.content, changed: false, added: 0, updated: 0 });
  });

  it("treats an empty file as an empty list", () => {
    expect(parse(mergeEvalResultsFile({ content: "", entries: [ours] }).content)).toEqual([ours]);
  });

  it("reports malformed files", () => {
    expect(() => mergeEvalResultsFile({ content: "- dataset: [\n", entries: [] })).toThrowError(CardParseError);
    expect(() => mergeEvalResultsFile({ content: "a: 1\n", entries: [] })).toThrowError(ModelIndexError);
    expect(() => mergeEvalResultsFile({ content: "- dataset: {id: x}\n  value: 1\n", entries: [] })).toThrowError(
      expect.objectContaining({ path: "[0].dataset.task_id", code: "EVAL_RESULTS_INVALID" }),
    );
  });
});
