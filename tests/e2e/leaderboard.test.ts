import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importSelfReported } from "@/server/self-reported/import-self-reported";
import { csvObjects } from "../helpers/parse-csv";
import { DEMO_TOKEN } from "../helpers/demo-hub";
import { launchBrowser } from "../helpers/browser";
import { startStack } from "../helpers/stack";

const DATASET = "evalhub-demo/sst2";
const SHOTS = path.resolve(import.meta.dirname, "../../test-results/e2e-leaderboard");
const ORDER = ["evalhub-demo/sst2-bow-base", "evalhub-demo/sst2-bow-small", "evalhub-demo/sst2-bow-tiny", "evalhub-demo/tiny-distilbert-sst2"];

let stack: Awaited<ReturnType<typeof startStack>>;
let browser: Browser;
let page: Page;
let consoleErrors: string[] = [];

type ApiRow = {
  model: string;
  source: "evalhub" | "self-reported";
  results: Record<string, number>;
  intervals: Record<string, [number, number]>;
  tied: boolean;
  tie: { test: string } | null;
  leader: boolean;
  evaluationId: string | null;
};

async function submitAndWait(body: Record<string, unknown>) {
  const res = await fetch(`${stack.webUrl}/api/submissions`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  expect(res.status, await res.clone().text()).toBe(201);
  const { id } = await res.json();
  const start = Date.now();
  for (;;) {
    const s = await (await fetch(`${stack.webUrl}/api/submissions/${id}`)).json();
    const statuses = s.evaluations.map((e: { status: string }) => e.status);
    if (statuses.every((x: string) => x === "succeeded")) return;
    if (statuses.includes("failed")) throw new Error(`evaluation failed: ${JSON.stringify(s.evaluations)}`);
    if (Date.now() - start > 120_000) throw new Error(`submission ${id} did not finish: ${statuses}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

const shownModels = () => page.locator('[data-testid="leaderboard"] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-model")));
const api = async (query: string): Promise<{ rows: ApiRow[] }> => (await fetch(`${stack.webUrl}/api/leaderboards/${DATASET}?${query}`)).json();

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  stack = await startStack("e2e-leaderboard");
  ({ browser, page, consoleErrors } = await launchBrowser());
  const base = { dataset: DATASET, config: "default", task: "text-classification", columnMapping: { text: "sentence", target: "label" }, createPr: false };
  await submitAndWait({ ...base, split: "validation", models: ORDER, metrics: ["accuracy", "f1", "matthews_correlation"] });
  await submitAndWait({ ...base, split: "train", models: ["evalhub-demo/sst2-bow-tiny"], metrics: ["accuracy"] });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe("the leaderboard page in Chromium", () => {
  it("shows an empty state for a dataset nobody evaluated, with a way to start", async () => {
    await page.goto(`${stack.webUrl}/leaderboards/evalhub-demo/conll-ner`);
    await page.getByTestId("leaderboard-empty").getByText("No model has been evaluated on evalhub-demo/conll-ner yet.").waitFor();
    expect(await page.getByRole("link", { name: "Evaluate another model on this dataset" }).getAttribute("href")).toBe("/evaluate?dataset=evalhub-demo%2Fconll-ner");
  });

  it("filters to a split with the GET form, so the URL reproduces the view", async () => {
    await page.goto(`${stack.webUrl}/leaderboards/${DATASET}`);
    expect(await shownModels()).toHaveLength(5);
    await page.getByLabel("Split").selectOption("validation");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(/split=validation/);
    expect(await shownModels()).toEqual(ORDER);
    await page.screenshot({ path: path.join(SHOTS, "1-validation.png"), fullPage: true });
    // The same URL in a fresh page gives the same view.
    const again = await browser.newPage();
    await again.goto(page.url());
    expect(await again.locator('[data-testid="leaderboard"] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-model")))).toEqual(ORDER);
    await again.close();
  });

  it("draws an error bar per row and marks the leader and the models tied with it, saying by which test", async () => {
    const { rows } = await api("split=validation");
    expect(await page.locator('[data-testid="leaderboard"] [data-testid="error-bar"]').count()).toBe(4);
    for (const r of rows) {
      const tr = page.locator(`tr[data-model="${r.model}"]`);
      expect(await tr.getAttribute("data-leader")).toBe(String(r.leader));
      expect(await tr.getAttribute("data-tied")).toBe(String(r.tied));
      expect(await tr.getByText("tied", { exact: true }).count()).toBe(r.tied ? 1 : 0);
      expect(await tr.getAttribute("data-tie-test")).toBe(r.tie?.test ?? null);
      expect(await tr.locator("td").nth(3).textContent()).toMatch(new RegExp(`^${r.results.accuracy.toFixed(4)}`));
    }
    expect(rows[0].leader && rows[0].model === ORDER[0]).toBe(true);
    expect(rows.find((r) => r.model === "evalhub-demo/tiny-distilbert-sst2")!.tied).toBe(false);
    await page.getByText("paired bootstrap", { exact: true }).waitFor();
    await page.getByText("CI overlap", { exact: true }).waitFor();
  });

  it("sorts by a metric column, then reverses it, with arrows and the better direction shown", async () => {
    const header = page.getByRole("columnheader", { name: /Matthews correlation/ });
    expect(await header.getByText("↑ higher is better").count()).toBe(1);
    await header.getByRole("link").click();
    await page.waitForURL(/sort=matthews_correlation/);
    expect(await page.getByRole("columnheader", { name: /Matthews correlation/ }).getAttribute("aria-sort")).toBe("descending");
    const { rows: byMcc } = await api("split=validation&sort=matthews_correlation");
    const mcc = byMcc.map((r) => r.results.matthews_correlation);
    expect(mcc).toEqual([...mcc].sort((a, b) => b - a));
    expect(await shownModels()).toEqual(byMcc.map((r) => r.model));
    await page.getByRole("columnheader", { name: /Matthews correlation/ }).getByRole("link").click();
    await page.waitForURL(/dir=asc/);
    expect(await page.getByRole("columnheader", { name: /Matthews correlation/ }).getAttribute("aria-sort")).toBe("ascending");
    expect(await shownModels()).toEqual(byMcc.map((r) => r.model).reverse());
    await page.screenshot({ path: path.join(SHOTS, "2-sorted-mcc-ascending.png"), fullPage: true });
  });

  it("searches model ids, keeping the sort", async () => {
    await page.getByLabel("Search models").fill("TINY");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(/search=TINY/);
    expect(page.url()).toMatch(/sort=matthews_correlation/);
    expect((await shownModels()).sort()).toEqual(["evalhub-demo/sst2-bow-tiny", "evalhub-demo/tiny-distilbert-sst2"]);
  });

  it("exports the current view as CSV whose rows match the table", async () => {
    await page.goto(`${stack.webUrl}/leaderboards/${DATASET}?split=validation`);
    const href = await page.getByTestId("export-csv").getAttribute("href");
    expect(href).toBe(`/api/leaderboards/${DATASET}?split=validation&format=csv`);
    const res = await fetch(new URL(href!, stack.webUrl));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename=".+\.csv"$/);
    const records = csvObjects(await res.text());
    expect(records.map((r) => r.model)).toEqual(await shownModels());
    const { rows } = await api("split=validation");
    for (const [i, rec] of records.entries()) {
      expect(Number(rec.accuracy)).toBe(rows[i].results.accuracy);
      expect(Number(rec.matthews_correlation_ci_low)).toBe(rows[i].intervals.matthews_correlation[0]);
      expect(rec.evaluation_id).toBe(rows[i].evaluationId);
    }
    expect(Number(records[0].accuracy)).toBeCloseTo(0.7275, 12);
    const json = await fetch(new URL((await page.getByTestId("export-json").getAttribute("href"))!, stack.webUrl));
    expect(json.headers.get("content-disposition")).toMatch(/\.json"$/);
  });

  it("says which parameters it ignored instead of failing, and the API answers 422 for them", async () => {
    await page.goto(`${stack.webUrl}/leaderboards/${DATASET}?metric=bleurt&split=validation`);
    await page.getByRole("alert").getByText(/Ignored invalid parameters: metric/).waitFor();
    expect(await shownModels()).toEqual(ORDER);
    const res = await fetch(`${stack.webUrl}/api/leaderboards/${DATASET}?metric=bleurt`);
    expect(res.status).toBe(422);
    expect((await res.json()).fields).toHaveProperty("metric");
  });

  it("draws the ranking metric as one bar per model, best first, with error bars, fitting a 375 px screen", async () => {
    await page.goto(`${stack.webUrl}/leaderboards/${DATASET}?split=validation`);
    const chart = page.getByTestId("leaderboard-chart");
    await chart.waitFor();
    const bars = chart.locator('[data-testid="chart-bar"]');
    expect(await bars.evaluateAll((gs) => gs.map((g) => g.getAttribute("data-model")))).toEqual(ORDER);
    expect(await chart.locator('[data-testid="chart-error-bar"]').count()).toBe(4);
    const label = await chart.getByRole("img").getAttribute("aria-label");
    expect(label).toMatch(/^Accuracy per model, best first \(higher is better\): evalhub-demo\/sst2-bow-base: 0\.7275 \(95% interval/);
    // Every model's number is in the label screen readers read.
    for (const model of ORDER) expect(label).toContain(model);
    await page.setViewportSize({ width: 375, height: 800 });
    await page.reload();
    const svg = page.getByTestId("leaderboard-chart").getByRole("img");
    await svg.waitFor({ state: "visible" });
    const box = await svg.boundingBox();
    expect(box!.width).toBeGreaterThan(200);
    expect(box!.x + box!.width).toBeLessThanOrEqual(375);
    await page.screenshot({ path: path.join(SHOTS, "3-chart-375px.png"), fullPage: true });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.getByTestId("leaderboard-chart").screenshot({ path: path.join(SHOTS, "3-chart-375px-dark.png") });
    await page.emulateMedia({ colorScheme: "light" });
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it("shows imported self-reported model-card results with a badge and a dashed bar, and hides them with the filter", async () => {
    const summary = await importSelfReported({ db: stack.database.db, hub: { hubUrl: stack.hub.url, accessToken: DEMO_TOKEN }, datasets: [DATASET] });
    expect(summary.upserted).toBe(2);
    await page.goto(`${stack.webUrl}/leaderboards/${DATASET}?split=validation`);
    const claimed = page.locator('[data-testid="leaderboard"] tbody tr[data-source="self-reported"]');
    expect(await claimed.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-model")))).toEqual(["evalhub-demo/nli-sentiment-base", "evalhub-demo/nli-sentiment-small"]);
    for (const tr of await claimed.all()) {
      expect(await tr.getByTestId("self-reported-badge").textContent()).toBe("self-reported");
      expect(await tr.getAttribute("data-tied")).toBe("false");
    }
    const { rows } = await api("split=validation");
    expect(await shownModels()).toEqual(rows.map((r) => r.model));
    const bars = page.getByTestId("leaderboard-chart").locator('[data-testid="chart-bar"]');
    expect(await bars.count()).toBe(rows.length);
    expect(await bars.evaluateAll((gs) => gs.filter((g) => g.getAttribute("data-source") === "self-reported").length)).toBe(2);
    await page.screenshot({ path: path.join(SHOTS, "4-self-reported.png"), fullPage: true });
    await page.getByLabel("Hide self-reported").check();
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(/selfReported=false/);
    expect(await shownModels()).toEqual(ORDER);
    expect(await page.getByTestId("export-csv").getAttribute("href")).toMatch(/[?&]selfReported=false&format=csv$/);
  });

  it("logged no console errors in Chromium", () => {
    expect(consoleErrors, consoleErrors.join("\n")).toEqual([]);
  });
});
