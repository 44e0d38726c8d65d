import { mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { uploadFiles } from "@huggingface/hub";
import { AutoTokenizer, env, pipeline } from "@huggingface/transformers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestHub, type TestHub } from "@/localhub";

import { buildTinyDistilbertRepo } from "@/seed/demo-content";

const FILES = ["config.json", "tokenizer.json", "tokenizer_config.json", "onnx/model.onnx"];
let modelFiles: Map<string, Uint8Array>;

let hub: TestHub;
let cacheDir: string;

beforeAll(async () => {
  // The third-party tiny DistilBERT as the project ships it (data/, plus the generated tokenizer config).
  const repo = await buildTinyDistilbertRepo({ datasetId: "acme/data" });
  modelFiles = new Map(repo.files.map((f) => [f.path, f.content]));
  hub = await startTestHub();
  await hub.store.createRepo({ type: "model", name: "acme/tiny" });
  await uploadFiles({
    repo: "acme/tiny",
    accessToken: hub.accessToken,
    hubUrl: hub.url,
    files: FILES.map((f) => ({ path: f, content: new Blob([modelFiles.get(f)! as Uint8Array<ArrayBuffer>]) })),
  });
  // Everything must come over HTTP from the local hub: no local model folder, and a fresh cache.
  // (In Node the ONNX session is created from a file path, so the FS cache cannot be disabled.)
  cacheDir = await mkdtemp(path.join(os.tmpdir(), "localhub-tjs-cache-"));
  env.remoteHost = `${hub.url}/`;
  env.allowLocalModels = false;
  env.allowRemoteModels = true;
  env.useFSCache = true;
  env.cacheDir = cacheDir;
});
afterAll(async () => {
  await hub.close();
  await rm(cacheDir, { recursive: true, force: true });
});

describe("local hub with @huggingface/transformers (env.remoteHost)", () => {
  it("loads a tokenizer with AutoTokenizer.from_pretrained", async () => {
    const tokenizer = await AutoTokenizer.from_pretrained("acme/tiny");
    expect(tokenizer.encode("Hello world!")).toEqual([101, 7592, 2088, 999, 102]);
  });

  it("runs a text-classification pipeline end to end", async () => {
    const classify = await pipeline("text-classification", "acme/tiny", { dtype: "fp32" });
    const out = (await classify("a great movie")) as { label: string; score: number }[];
    expect(out).toHaveLength(1);
    expect(["NEGATIVE", "POSITIVE"]).toContain(out[0].label);
    expect(out[0].score).toBeGreaterThan(0);
    // The weights were downloaded from the local hub into the fresh cache.
    const cached = await stat(path.join(cacheDir, "acme/tiny/onnx/model.onnx"));
    expect(cached.size).toBe(modelFiles.get("onnx/model.onnx")!.length);
  });

  it("fails cleanly for a model that does not exist", async () => {
    await expect(AutoTokenizer.from_pretrained("acme/missing")).rejects.toThrow();
  });
});
