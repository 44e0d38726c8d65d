import { stringify } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDatasetOptions } from "@/server/datasets/get-dataset-options";
import { parseCard } from "@/server/hub/model-card";
import { toErrorResponse } from "@/server/errors";
import { DEMO_TOKEN, startDemoHub } from "../helpers/demo-hub";

let hub: Awaited<ReturnType<typeof startDemoHub>>;
const demo = { type: "dataset" as const, name: "evalhub-demo/sst2" };

/** A copy of the demo dataset whose card has no train-eval-index, plus the given eval.yaml. */
async function benchmarkCopy(name: string, evalYaml: string) {
  const read = async (path: string) => (await hub.store.readFile(demo, "main", path))!;
  const card = parseCard(new TextDecoder().decode(await read("README.md")));
  const { ["train-eval-index"]: _drop, ...metadata } = card.metadata;
  const readme = `---\n${stringify(metadata)}---\n${card.body}`;
  const ref = { type: "dataset" as const, name };
  await hub.store.createRepo(ref);
  await hub.store.commit({
    repo: ref,
    message: "fixture",
    files: [
      { path: "README.md", content: readme },
      { path: "eval.yaml", content: evalYaml },
      { path: "data/validation-00000-of-00001.parquet", content: await read("data/validation-00000-of-00001.parquet") },
      { path: "data/train-00000-of-00001.parquet", content: await read("data/train-00000-of-00001.parquet") },
    ],
  });
}

beforeAll(async () => {
  hub = await startDemoHub();
  await benchmarkCopy(
    "fixtures/sst2-benchmark",
    "name: SST-2 sentiment\nevaluation_framework: inspect-ai\ntasks:\n  - id: sst2\n    config: default\n    split: validation\n    field_spec: {input: sentence, target: label}\n",
  );
  await benchmarkCopy("fixtures/sst2-bad-eval-yaml", "tasks: [");
  const priv = { type: "dataset" as const, name: "fixtures/private-sst2" };
  await hub.store.createRepo(priv, { private: true });
  await hub.store.commit({
    repo: priv,
    message: "fixture",
    files: await Promise.all(
      ["README.md", "data/validation-00000-of-00001.parquet", "data/train-00000-of-00001.parquet"].map(async (path) => ({ path, content: (await hub.store.readFile(demo, "main", path))! })),
    ),
  });
});
afterAll(async () => {
  await hub?.close();
});

describe("dataset options for the submission form", () => {
  it("lists type-compatible columns per task field and preview rows", async () => {
    const o = await getDatasetOptions({ hub: { hubUrl: hub.url }, dataset: demo.name });
    expect(o.presets[0]).toMatchObject({ source: "train-eval-index", split: "validation", columnMapping: { text: "sentence", target: "label" } });
    // String columns can hold label names, so they fit the target field too.
    expect(o.fieldColumns["text-classification"]).toEqual({ text: ["sentence"], text2: ["sentence"], target: ["idx", "sentence", "label"] });
    expect(o.preview).toHaveLength(5);
    expect(typeof o.preview[0].sentence).toBe("string");
    expect([0, 1]).toContain(o.preview[0].label);
    expect(o.warnings).toEqual([]);
  });

  it("preconfigures a benchmark from its eval.yaml", async () => {
    const o = await getDatasetOptions({ hub: { hubUrl: hub.url }, dataset: "fixtures/sst2-benchmark" });
    expect(o.benchmark).toEqual({ name: "SST-2 sentiment", tasks: ["sst2"] });
    expect(o.presets).toEqual([
      {
        config: "default",
        split: "validation",
        task: "text-classification",
        columnMapping: { text: "sentence", target: "label" },
        metrics: ["accuracy", "precision", "recall", "f1"],
        source: "eval.yaml",
        benchmarkTask: "sst2",
      },
    ]);
  });

  it("reports a malformed eval.yaml as a warning naming the dataset, and still answers", async () => {
    const o = await getDatasetOptions({ hub: { hubUrl: hub.url }, dataset: "fixtures/sst2-bad-eval-yaml" });
    expect(o.presets).toEqual([]);
    expect(o.warnings[0]).toMatch(/^fixtures\/sst2-bad-eval-yaml: eval.yaml is not valid YAML/);
    expect(o.configs).toEqual([{ name: "default", splits: ["train", "validation"] }]);
  });

  it("reads a private dataset with the server's token, and says plainly when access is denied", async () => {
    const ok = await getDatasetOptions({ hub: { hubUrl: hub.url, accessToken: DEMO_TOKEN }, dataset: "fixtures/private-sst2" });
    expect(ok.numRows).toBe(400);
    expect(ok.preview).toHaveLength(5);
    const denied = await getDatasetOptions({ hub: { hubUrl: hub.url }, dataset: "fixtures/private-sst2" }).catch((e) => e);
    expect(toErrorResponse(denied)).toMatchObject({
      status: 404,
      body: { error: 'Dataset "fixtures/private-sst2" is private or gated and the server\'s token cannot read it.' },
    });
  });
});
