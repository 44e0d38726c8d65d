import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listPopularDatasets } from "@/server/datasets/list-popular-datasets";
import { DEMO_TOKEN, startDemoHub } from "../helpers/demo-hub";

let hub: Awaited<ReturnType<typeof startDemoHub>>;
beforeAll(async () => {
  hub = await startDemoHub();
}, 60_000);
afterAll(() => hub?.close());

describe("datasets for the home page", () => {
  it("lists the hub's datasets with the tasks their cards preconfigure", async () => {
    const all = await listPopularDatasets({ hub: { hubUrl: hub.url, accessToken: DEMO_TOKEN }, limit: 50 });
    const byId = new Map(all.map((d) => [d.id, d]));
    expect(byId.get("evalhub-demo/sst2")?.evalTasks).toEqual(["text-classification"]);
    expect(byId.get("evalhub-demo/conll-ner")?.evalTasks).toEqual(["token-classification"]);
    expect(byId.get("evalhub-demo/squad-tiny")?.evalTasks).toEqual(["question-answering"]);
    expect(byId.get("evalhub-demo/sst2-zero-shot")?.evalTasks).toEqual(["text-generation"]);
  });

  it("searches by name", async () => {
    const found = await listPopularDatasets({ hub: { hubUrl: hub.url, accessToken: DEMO_TOKEN }, search: "squad" });
    expect(found.map((d) => d.id).sort()).toEqual(["evalhub-demo/qnli-squad", "evalhub-demo/squad-tiny", "evalhub-demo/squad-v2-sample"]);
  });
});
