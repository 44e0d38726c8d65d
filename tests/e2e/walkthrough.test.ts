import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addFailureFixtures } from "../helpers/fixtures";
import { leaderboardApi, startE2e, waitForSubmissionRows, type Stack } from "../helpers/e2e";

/**
 * Paths around the DogFood scenario (tests/e2e/dogfood.test.ts): the home page's dataset box with
 * every compatible model, the YAML offer for a configuration the card lacks, label mapping, the HTTP API.
 */
const DATASET = "evalhub-demo/sst2";

let e2e: Awaited<ReturnType<typeof startE2e>>;
let stack: Stack;
let page: Page;
let consoleErrors: string[] = [];

beforeAll(async () => {
  e2e = await startE2e("e2e");
  ({ stack, page, consoleErrors } = e2e);
}, 180_000);

afterAll(async () => {
  await e2e?.close();
});

describe("a user evaluates every compatible model on the demo dataset in Chromium", () => {
  let submissionUrl = "";

  it("fills the form from the home page and submits all compatible models", async () => {
    await page.goto(stack.webUrl);
    await page.getByLabel("Dataset id").fill(DATASET);
    await page.getByRole("button", { name: "Evaluate" }).click();
    await page.waitForURL(/\/evaluate\?dataset=/);
    await page.getByText("This dataset card has evaluation metadata").waitFor();
    // The card's train-eval-index preconfigures the mapping; check what the user sees.
    expect(await page.getByLabel("Column for Text").inputValue()).toBe("sentence");
    expect(await page.getByLabel("Column for Label").inputValue()).toBe("label");
    await expect(page.locator("#submit-status").textContent()).resolves.toBe("Pick at least one model.");
    await page.locator("li[data-model]").nth(3).waitFor();
    const boxes = page.locator('input[name="models"]');
    const count = await boxes.count();
    expect(count).toBe(4);
    for (let i = 0; i < count; i++) await boxes.nth(i).check();
    await page.locator('input[name="username"]').fill("alice");
    await page.getByRole("button", { name: "Evaluate" }).click();
    await page.waitForURL(/\/submissions\/[0-9a-f-]{36}$/);
    submissionUrl = page.url();
  });

  it("watches every evaluation finish on the submission page without reloading", async () => {
    const statuses = await waitForSubmissionRows(page, 4);
    expect(Object.values(statuses)).toEqual(["succeeded", "succeeded", "succeeded", "succeeded"]);
    expect(page.url()).toBe(submissionUrl);
    expect(await page.getByRole("link", { name: "Open PR" }).count()).toBe(4);
  });

  it("shows the four models ranked on the leaderboard with the API's values", async () => {
    await page.getByRole("link", { name: "Leaderboard", exact: true }).click();
    await page.waitForURL(/\/leaderboards\/evalhub-demo\/sst2/);
    const rows = page.locator('[data-testid="leaderboard"] tbody tr');
    // A client-side navigation shows the loading state first: wait for the table itself.
    await rows.nth(3).waitFor();
    const shown = await rows.evaluateAll((trs) =>
      trs.map((tr) => ({ model: tr.getAttribute("data-model")!, cells: [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "") })),
    );
    expect(shown.map((r) => r.model)).toEqual([
      "evalhub-demo/sst2-bow-base",
      "evalhub-demo/sst2-bow-small",
      "evalhub-demo/sst2-bow-tiny",
      "evalhub-demo/tiny-distilbert-sst2",
    ]);
    const api = await leaderboardApi(stack, DATASET, "metric=accuracy");
    for (const row of api.rows) {
      const cells = shown.find((s) => s.model === row.model)!.cells;
      expect(cells.some((c) => c.startsWith(row.results.accuracy.toFixed(4)))).toBe(true);
    }
  });

  it("offers train-eval-index YAML and a dataset-card PR for a configuration the card lacks", async () => {
    await page.goto(`${stack.webUrl}/evaluate?dataset=${DATASET}`);
    await page.getByText("This dataset card has evaluation metadata").waitFor();
    await page.getByText("Advanced configuration").click();
    await page.getByLabel("Split").selectOption("train");
    await page.getByText("472 rows in default/train.").waitFor();
    await page.locator('input[name="models"]').first().check();
    await page.getByRole("button", { name: "Evaluate" }).click();
    await page.getByRole("link", { name: "Follow the run" }).waitFor();
    const yaml = page.getByTestId("eval-index-yaml");
    await yaml.waitFor();
    expect(await yaml.textContent()).toContain("eval_split: train");
    await page.getByRole("button", { name: "Propose as a dataset-card pull request" }).click();
    await page.getByText("Pull request opened").waitFor();
    const list = await (await fetch(`${stack.hub.url}/api/datasets/${DATASET}/discussions?type=pull_request&status=open`)).json();
    expect(list.discussions.map((d: { title: string }) => d.title)).toContain("Add evaluation metadata (train-eval-index) for the default config and train split");
  });

  it("lets the user map labels the form could not align, then evaluates", async () => {
    await addFailureFixtures(stack.hub.store);
    await page.goto(`${stack.webUrl}/evaluate?dataset=${DATASET}`);
    await page.getByText("This dataset card has evaluation metadata").waitFor();
    await page.getByLabel("Add a model by id").fill("fixtures/emotion-labels");
    await page.getByRole("button", { name: "Add model" }).click();
    await page.getByRole("button", { name: "Evaluate" }).click();
    await page.getByText("cannot be aligned with the dataset's labels (negative, positive)").first().waitFor();
    await page.getByLabel("Dataset label for model label joy").selectOption("negative");
    await page.getByLabel("Dataset label for model label anger").selectOption("positive");
    await page.getByRole("button", { name: "Evaluate" }).click();
    await page.waitForURL(/\/submissions\/[0-9a-f-]{36}$/);
    await page.waitForFunction(() => document.querySelector("tr[data-model]")?.getAttribute("data-status") === "succeeded", undefined, { timeout: 60_000 });
    // The fixture is sst2-bow-tiny with renamed labels: mapped back, it scores the same.
    const submission = await (await fetch(`${stack.webUrl}/api/submissions/${page.url().split("/").at(-1)}`)).json();
    expect(submission.evaluations[0].results.accuracy).toBe(0.5875);
    await page.getByText("0.5875").first().waitFor();
    // The refusal above was a deliberate 422, which Chromium reports as a failed resource load.
    const expected = (e: string) => /422/.test(e) && (/api\/submissions/.test(e) || /Failed to load resource/.test(e));
    const others = consoleErrors.filter((e) => !expected(e));
    expect(consoleErrors.length - others.length).toBe(2);
    consoleErrors.splice(0, consoleErrors.length, ...others);
  });

  it("logged no console errors in Chromium", () => {
    expect(consoleErrors, consoleErrors.join("\n")).toEqual([]);
  });
});

describe("the HTTP API over the running server", () => {
  const post = (body: string) =>
    fetch(`${stack.webUrl}/api/submissions`, { method: "POST", headers: { "Content-Type": "application/json" }, body });

  it("GET /api/health reports the database, Redis and the hub with its URL", async () => {
    const res = await fetch(`${stack.webUrl}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      ok: true,
      database: { ok: true },
      redis: { ok: true },
      hub: { ok: true, url: stack.hub.url },
      viewer: { url: stack.hub.url },
    });
  });

  it("GET /api/tasks lists the registry with fields and default metrics", async () => {
    const body = await (await fetch(`${stack.webUrl}/api/tasks`)).json();
    const tc = body.tasks.find((t: { id: string }) => t.id === "text-classification");
    expect(tc.fields.map((f: { id: string }) => f.id)).toEqual(["text", "text2", "target"]);
    expect(tc.defaultMetrics).toEqual(["accuracy", "precision", "recall", "f1"]);
  });

  it("answers 400 for a malformed body and 422 with the field for an invalid one", async () => {
    const bad = await post("{not json");
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/not valid JSON/);
    const invalid = await post(JSON.stringify({ dataset: DATASET, split: "validation", task: "text-classification", columnMapping: {}, models: [] }));
    expect(invalid.status).toBe(422);
    expect((await invalid.json()).fields).toHaveProperty("models");
  });

  it("answers 404 naming the dataset for an unknown one, and 404 for an unknown submission", async () => {
    const res = await post(JSON.stringify({ dataset: "nobody/nothing", split: "validation", task: "text-classification", columnMapping: { text: "sentence", target: "label" }, models: ["evalhub-demo/sst2-bow-base"] }));
    expect(res.status).toBe(404);
    expect((await res.json()).fields).toHaveProperty("dataset");
    expect((await fetch(`${stack.webUrl}/api/submissions/00000000-0000-0000-0000-000000000000`)).status).toBe(404);
    expect((await fetch(`${stack.webUrl}/api/evaluations/not-an-id`)).status).toBe(404);
  });

  it("GET /favicon.ico leads to the app icon (browsers ask for it when a page's head names none)", async () => {
    const res = await fetch(`${stack.webUrl}/favicon.ico`);
    expect(res.status).toBe(200);
    expect(res.redirected).toBe(true);
    expect(res.headers.get("content-type")).toMatch(/^image\/svg\+xml/);
    expect(await res.text()).toMatch(/^<svg/);
  });

  it("GET /api/metrics/{id} describes a metric with its card and the JSON Schemas of its inputs; 404 lists the known ids", async () => {
    const res = await fetch(`${stack.webUrl}/api/metrics/seqeval`);
    expect(res.status).toBe(200);
    const m = await res.json();
    expect(m).toMatchObject({ id: "seqeval", primary: "overall_f1", higherIsBetter: true, decomposable: true });
    expect(m.card).toMatch(/conlleval/);
    expect(m.schemas.prediction).toMatchObject({ type: "array", items: { type: "string" } });
    expect(m.schemas.args.properties).toHaveProperty("scheme");
    expect(m.schemas.args.additionalProperties).toBe(false);
    const list = await (await fetch(`${stack.webUrl}/api/metrics`)).json();
    const { card: _card, schemas: _schemas, ...entry } = m;
    expect(list.metrics.find((x: { id: string }) => x.id === "seqeval")).toEqual(entry);
    const unknown = await fetch(`${stack.webUrl}/api/metrics/bleurt`);
    expect(unknown.status).toBe(404);
    const body = await unknown.json();
    expect(body.error).toMatch(/Unknown metric "bleurt"\. Known metrics: accuracy, .*seqeval/);
  });

  it("POST /api/metrics/{id} computes a metric with its interval, and refuses bad input with 422 naming the field", async () => {
    const call = (id: string, body: unknown) =>
      fetch(`${stack.webUrl}/api/metrics/${id}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    const ok = await call("accuracy", { predictions: [0, 1, 1, 0], references: [0, 1, 0, 0], ci: { resamples: 200, seed: 1 } });
    expect(ok.status).toBe(200);
    const { result } = await ok.json();
    expect(result.accuracy).toBe(0.75);
    expect(result.accuracy_ci).toHaveLength(2);
    const badArgs = await call("f1", { predictions: [0], references: [0], args: { average: "median" } });
    expect(badArgs.status).toBe(422);
    expect((await badArgs.json()).fields).toHaveProperty("args.average");
    const mismatch = await call("accuracy", { predictions: [0, 1], references: [0] });
    expect(mismatch.status).toBe(422);
    expect((await mismatch.json()).error).toMatch(/2 examples but references has 1/);
    const badLine = await call("accuracy", { predictions: [0, { x: 1 }], references: [0, 1] });
    expect(badLine.status).toBe(422);
    expect((await badLine.json()).fields).toHaveProperty("predictions.1");
    expect((await call("bleurt", { predictions: [], references: [] })).status).toBe(422);
  });
});
