import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCard } from "@/server/hub/model-card";
import { proposeTrainEvalIndex } from "@/server/hub/eval-index/propose-train-eval-index";
import { toErrorResponse } from "@/server/errors";
import { mergeTrainEvalIndex } from "@/server/hub/eval-index/merge-dataset-card";
import { DEMO_TOKEN, startDemoHub } from "../helpers/demo-hub";

let hub: Awaited<ReturnType<typeof startDemoHub>>;
beforeAll(async () => {
  hub = await startDemoHub();
});
afterAll(async () => {
  await hub?.close();
});

const base = { dataset: "evalhub-demo/sst2", config: "default", task: "text-classification", columnMapping: { text: "sentence", target: "label" } };

describe("train-eval-index from a manual configuration", () => {
  it("returns the YAML to copy, validated against the dataset", async () => {
    const out = await proposeTrainEvalIndex({ hub: { hubUrl: hub.url }, input: { ...base, split: "train", metrics: ["accuracy"] } });
    expect(out.pullRequestUrl).toBeNull();
    expect(out.yaml).toContain("task_id: binary_classification");
    expect(out.yaml).toContain("eval_split: train");
  });

  it("proposes it as a pull request on the dataset card, keeping the rest of the card", async () => {
    const out = await proposeTrainEvalIndex({ hub: { hubUrl: hub.url, accessToken: DEMO_TOKEN }, input: { ...base, split: "train", openPr: true, username: "alice" } });
    expect(out.pullRequestUrl).toMatch(/\/datasets\/evalhub-demo\/sst2\/discussions\/\d+$/);
    const num = out.pullRequestUrl!.split("/").pop();
    const before = await (await fetch(`${hub.url}/datasets/evalhub-demo/sst2/resolve/main/README.md`)).text();
    const after = await (await fetch(`${hub.url}/datasets/evalhub-demo/sst2/resolve/refs%2Fpr%2F${num}/README.md`)).text();
    expect(parseCard(after).body).toBe(parseCard(before).body);
    const { ["train-eval-index"]: idx, ...rest } = parseCard(after).metadata;
    const { ["train-eval-index"]: oldIdx, ...oldRest } = parseCard(before).metadata;
    expect(rest).toEqual(oldRest);
    expect((idx as unknown[]).length).toBe((oldIdx as unknown[]).length + 1);
  });

  it("refuses a duplicate entry, a missing token and a bad mapping with 4xx", async () => {
    // A copy of the demo dataset whose card already carries exactly the entry we would propose.
    const input = { ...base, split: "train", metrics: ["accuracy"] };
    const { entry } = await proposeTrainEvalIndex({ hub: { hubUrl: hub.url }, input });
    const ref = { type: "dataset" as const, name: "fixtures/sst2-indexed" };
    const files = await Promise.all(
      ["README.md", "data/train-00000-of-00001.parquet", "data/validation-00000-of-00001.parquet"].map(async (path) => ({
        path,
        content: (await hub.store.readFile({ type: "dataset", name: "evalhub-demo/sst2" }, "main", path))!,
      })),
    );
    files[0].content = new TextEncoder().encode(mergeTrainEvalIndex(new TextDecoder().decode(files[0].content), entry).content);
    await hub.store.createRepo(ref);
    await hub.store.commit({ repo: ref, message: "fixture", files });
    const dup = await proposeTrainEvalIndex({ hub: { hubUrl: hub.url, accessToken: DEMO_TOKEN }, input: { ...input, dataset: ref.name, openPr: true } }).catch((e) => e);
    expect(toErrorResponse(dup)).toMatchObject({ status: 409, body: { error: expect.stringContaining("already has this train-eval-index entry") } });
    const noToken = await proposeTrainEvalIndex({ hub: { hubUrl: hub.url }, input: { ...base, split: "train", openPr: true } }).catch((e) => e);
    expect(toErrorResponse(noToken).status).toBe(422);
    const badColumn = await proposeTrainEvalIndex({ hub: { hubUrl: hub.url }, input: { ...base, split: "train", columnMapping: { text: "nope", target: "label" } } }).catch((e) => e);
    expect(toErrorResponse(badColumn)).toMatchObject({ status: 422, body: { fields: { "columnMapping.text": expect.stringContaining('"nope"') } } });
  });
});
