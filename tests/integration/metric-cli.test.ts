import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const exec = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../..");
let dir: string;

async function evalhub(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [path.join(ROOT, "bin/evalhub.mjs"), ...args], { cwd: dir });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

async function jsonl(name: string, values: unknown[]): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, values.map((v) => JSON.stringify(v)).join("\n") + "\n");
  return file;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "evalhub-metric-cli-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("npx evalhub metric", () => {
  it("prints the evaluate library's keys for f1 with args, and intervals with --ci", async () => {
    const p = await jsonl("p.jsonl", [0, 2, 1, 0, 0, 1]);
    const r = await jsonl("r.jsonl", [0, 1, 2, 0, 1, 2]);
    const plain = await evalhub("metric", "f1", "--predictions", p, "--references", r, "--args", '{"average":"macro"}');
    expect(plain.code).toBe(0);
    expect(JSON.parse(plain.stdout)).toEqual({ f1: expect.closeTo(0.26666666666666666, 12) });
    const ci = JSON.parse((await evalhub("metric", "f1", "--predictions", p, "--references", r, "--ci", "--resamples", "200", "--seed", "3")).stdout);
    expect(ci.f1_ci).toHaveLength(2);
    expect(ci.bootstrap).toMatchObject({ method: "percentile", resamples: 200, seed: 3, strategy: "sufficient-statistics" });
  });

  it("scores seqeval tag lists with per-type objects, and wer as a bare number", async () => {
    const p = await jsonl("tags-p.jsonl", [["O", "O", "B-MISC", "I-MISC", "I-MISC", "I-MISC", "O"], ["B-PER", "I-PER", "O"]]);
    const r = await jsonl("tags-r.jsonl", [["O", "O", "O", "B-MISC", "I-MISC", "I-MISC", "O"], ["B-PER", "I-PER", "O"]]);
    const out = JSON.parse((await evalhub("metric", "seqeval", "--predictions", p, "--references", r)).stdout);
    expect(out.overall_f1).toBeCloseTo(0.5, 12);
    expect(out.PER).toEqual({ precision: 1, recall: 1, f1: 1, number: 1 });
    const wp = await jsonl("w-p.jsonl", ["this is the prediction", "there is an other sample"]);
    const wr = await jsonl("w-r.jsonl", ["this is the reference", "there is another one"]);
    const wer = await evalhub("metric", "wer", "--predictions", wp, "--references", wr);
    expect(JSON.parse(wer.stdout)).toBe(0.5);
  });

  it("runs a paired bootstrap test with --compare", async () => {
    const r = await jsonl("pr-r.jsonl", Array.from({ length: 200 }, (_, i) => i % 2));
    const a = await jsonl("pr-a.jsonl", Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 1 - (i % 2) : i % 2)));
    const b = await jsonl("pr-b.jsonl", Array.from({ length: 200 }, (_, i) => i % 2));
    const out = JSON.parse((await evalhub("metric", "accuracy", "--predictions", a, "--references", r, "--compare", b)).stdout);
    expect(out.paired_bootstrap.difference).toBeGreaterThan(0.3);
    expect(out.paired_bootstrap.pValue).toBeLessThan(0.01);
  });

  it("lists every metric with its tasks, range and direction", async () => {
    const list = JSON.parse((await evalhub("metric", "--list")).stdout) as { id: string; higherIsBetter: boolean }[];
    const ids = list.map((m) => m.id);
    for (const id of ["accuracy", "precision", "recall", "f1", "matthews_correlation", "roc_auc", "confusion_matrix", "seqeval", "squad", "squad_v2", "rouge", "sacrebleu", "chrf", "ter", "wer", "cer", "exact_match", "mse", "mae", "perplexity"]) {
      expect(ids).toContain(id);
    }
    expect(list.find((m) => m.id === "wer")!.higherIsBetter).toBe(false);
  });

  it("exits 2 with the file, line and field for bad input", async () => {
    const r = await jsonl("bad-r.jsonl", [0, 1, 1]);
    const short = await jsonl("bad-short.jsonl", [0, 1]);
    const mismatch = await evalhub("metric", "accuracy", "--predictions", short, "--references", r);
    expect(mismatch.code).toBe(2);
    expect(mismatch.stderr).toMatch(/predictions has 2 examples but references has 3/);
    const badType = await jsonl("bad-type.jsonl", [0, { label: 1 }, 1]);
    const typed = await evalhub("metric", "accuracy", "--predictions", badType, "--references", r);
    expect(typed.code).toBe(2);
    expect(typed.stderr).toContain("bad-type.jsonl line 2");
    const notJson = path.join(dir, "not-json.jsonl");
    await writeFile(notJson, "0\n{oops\n1\n");
    expect((await evalhub("metric", "accuracy", "--predictions", notJson, "--references", r)).stderr).toContain("not-json.jsonl line 2: not valid JSON");
    const badArgs = await evalhub("metric", "f1", "--predictions", r, "--references", r, "--args", '{"averag":"macro"}');
    expect(badArgs.code).toBe(2);
    expect(badArgs.stderr).toMatch(/invalid args for f1/);
    const tags = await jsonl("bad-tags.jsonl", [["B-PER", "X-PER"]]);
    const strict = await evalhub("metric", "seqeval", "--predictions", tags, "--references", tags, "--args", '{"mode":"strict","scheme":"IOB2"}');
    expect(strict.code).toBe(2);
    expect(strict.stderr).toMatch(/X-PER/);
    expect((await evalhub("metric", "nope", "--predictions", r, "--references", r)).code).toBe(2);
  });
});
