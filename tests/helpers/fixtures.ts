import type { HubStore } from "@/localhub/store";
import { buildDemoContent, DEFAULT_DEMO_DATASET_ID } from "@/seed/demo-content";
import { splitParquetPath, writeSst2Parquet } from "@/seed/parquet";

/**
 * Extra repos for failure cases, derived from the real demo content: a model whose labels cannot
 * be aligned with SST-2's, a model with broken ONNX weights, and a dataset whose validation split is empty.
 */
export async function addFailureFixtures(store: HubStore): Promise<void> {
  const repos = await buildDemoContent();
  const base = repos.find((r) => r.name === "evalhub-demo/sst2-bow-tiny")!;
  const dataset = repos.find((r) => r.name === DEFAULT_DEMO_DATASET_ID)!;
  const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

  const emotions = base.files.map((f) => {
    if (f.path !== "config.json") return f;
    const config = JSON.parse(text(f.content));
    config.id2label = { "0": "joy", "1": "anger" };
    config.label2id = { joy: 0, anger: 1 };
    return { path: f.path, content: new TextEncoder().encode(JSON.stringify(config, null, 2)) };
  });
  await put(store, "model", "fixtures/emotion-labels", emotions);

  const broken = base.files.map((f) => (f.path === "onnx/model.onnx" ? { path: f.path, content: new TextEncoder().encode("not an onnx graph") } : f));
  await put(store, "model", "fixtures/broken-onnx", broken);

  // JSON Lines without a card: labels are plain integers, and three rows are unusable.
  const lines = [
    ...Array.from({ length: 17 }, (_, i) => ({ sentence: i % 2 ? "a gorgeous , witty , seductive movie ." : "the story is a mess and it is boring .", label: i % 2 })),
    { sentence: null, label: 1 },
    { sentence: "an utterly charming film .", label: 5 },
    { sentence: "dull .", label: null },
  ];
  await put(store, "dataset", "fixtures/dirty-jsonl", [
    { path: "validation.jsonl", content: new TextEncoder().encode(lines.map((l) => JSON.stringify(l)).join("\n") + "\n") },
  ]);

  const empty = dataset.files.map((f) => (f.path === splitParquetPath("validation") ? { path: f.path, content: writeSst2Parquet([]) } : f));
  await put(store, "dataset", "fixtures/sst2-empty-validation", empty);
}

async function put(store: HubStore, type: "model" | "dataset", name: string, files: { path: string; content: Uint8Array }[]) {
  await store.createRepo({ type, name });
  await store.commit({ repo: { type, name }, message: "fixture", files });
}
