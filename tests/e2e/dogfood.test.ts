import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCard } from "@/server/hub/model-card";
import { leaderboardApi, pickModels, screenshots, startE2e, waitForSubmissionRows } from "../helpers/e2e";
import { csvObjects } from "../helpers/parse-csv";

/**
 * The DogFood scenario of the original announcement, in Debian's Chromium on the demo content:
 * configure by hand, add Matthews correlation, three models, watch them finish, open a PR, read the
 * leaderboard and export it.
 */
const DATASET = "evalhub-demo/sst2";
const MODELS = ["evalhub-demo/sst2-bow-base", "evalhub-demo/sst2-bow-small", "evalhub-demo/sst2-bow-tiny"];

let e2e: Awaited<ReturnType<typeof startE2e>>;
let page: Page;
const shot = screenshots("dogfood");

beforeAll(async () => {
  e2e = await startE2e("dogfood");
  page = e2e.page;
}, 180_000);

afterAll(async () => {
  await e2e?.close();
});

describe("DogFood: a user evaluates three models on SST-2 by hand and publishes the results", () => {
  let prUrls: string[] = [];

  it("opens the dataset from the home page", async () => {
    await page.goto(e2e.stack.webUrl);
    await shot(page, "home");
    await page.getByRole("link", { name: DATASET, exact: true }).click();
    await page.waitForURL(/\/evaluate\?dataset=evalhub-demo%2Fsst2$/);
    await page.getByText("This dataset card has evaluation metadata").waitFor();
    await shot(page, "form-one-click");
  });

  it("configures task, config, split and the column mapping by hand, with a live preview", async () => {
    await page.getByText("Advanced configuration").click();
    await page.getByLabel("Task").selectOption("text-classification");
    await page.getByLabel("Config").selectOption("default");
    await page.getByLabel("Split").selectOption("validation");
    await page.getByText(/rows in default\/validation\./).waitFor();
    const text = page.getByLabel("Column for Text");
    // Only type-compatible columns are offered: the ClassLabel column is not a text.
    const textChoices = await text.locator("option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(textChoices).toContain("sentence");
    expect(textChoices).not.toContain("label");
    await text.selectOption("");
    await page.getByText("Map a column to Text.").waitFor();
    await text.selectOption("sentence");
    await page.getByLabel("Column for Label").selectOption("label");
    const preview = page.getByRole("table", { name: "Preview of mapped rows" });
    await preview.getByRole("columnheader", { name: "Text ← sentence" }).waitFor();
    expect(await preview.locator("tbody tr").count()).toBeGreaterThan(0);
    await shot(page, "advanced-configuration");
  });

  it("adds Matthews correlation to the task's default metrics after reading its card", async () => {
    const defaults = await page.locator('input[name="metrics"]:checked').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    expect(defaults).toEqual(["accuracy", "precision", "recall", "f1"]);
    const mcc = page.getByRole("checkbox", { name: /^Matthews correlation/ });
    await mcc.hover();
    const card = page.getByRole("tooltip").filter({ hasText: "Matthews correlation · higher is better" });
    await card.getByText(/phi coefficient/).waitFor();
    await shot(page, "metric-card");
    await mcc.check();
  });

  it("selects three local models, enters a username and submits", async () => {
    for (const id of MODELS) expect(await page.locator(`li[data-model="${id}"]`).getAttribute("data-runner")).toBe("local");
    await pickModels(page, MODELS);
    const status = page.locator("#submit-status");
    await page.getByLabel("Hub username").fill("not a user!");
    await page.getByLabel("Hub username").blur();
    await page.getByText("Hub username must be a Hub username.").waitFor();
    expect(await status.textContent()).toBe("Fix the Hub username.");
    expect(await page.getByRole("button", { name: "Evaluate" }).isDisabled()).toBe(true);
    await page.getByLabel("Hub username").fill("alice");
    expect(await status.textContent()).toBe("Ready to evaluate.");
    await shot(page, "ready");
    await page.getByRole("button", { name: "Evaluate" }).click();
    await page.waitForURL(/\/submissions\/[0-9a-f-]{36}$/);
  });

  it("watches the three evaluations finish live on the submission page", async () => {
    await shot(page, "submission-running");
    const statuses = await waitForSubmissionRows(page, 3);
    expect(statuses).toEqual(Object.fromEntries(MODELS.map((m) => [m, "succeeded"])));
    await shot(page, "submission-finished");
    const links = page.getByRole("link", { name: "Open PR" });
    expect(await links.count()).toBe(3);
    prUrls = await links.evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
  });

  it("opens a pull request whose title and card diff carry the results, and every PR's card has the API's values", async () => {
    const { rows } = await leaderboardApi(e2e.stack, DATASET, "metric=accuracy");
    await page.goto(prUrls[0]);
    const title = await page.getByRole("heading", { level: 1 }).textContent();
    expect(title).toMatch(/Add evaluation results on the default config and validation split of evalhub-demo\/sst2/);
    const diff = (await page.locator("h2:has-text('Diff') + pre").textContent()) ?? "";
    expect(diff).toContain("model-index");
    expect(diff).toContain("matthews_correlation");
    await shot(page, "pull-request");
    // The local hub's HTML pages have no favicon; Chromium reports the 404 as a console error.
    const favicon = `${new URL(prUrls[0]).origin}/favicon.ico`;
    e2e.consoleErrors.splice(0, e2e.consoleErrors.length, ...e2e.consoleErrors.filter((e) => !e.includes(favicon)));
    // Each PR's card holds exactly the values the leaderboard API reports for its model.
    for (const url of prUrls) {
      const [, model, num] = url.match(/^https?:\/\/[^/]+\/(.+)\/discussions\/(\d+)$/)!;
      const readme = await (await fetch(`${e2e.stack.hub.url}/${model}/resolve/refs%2Fpr%2F${num}/README.md`)).text();
      const index = parseCard(readme).metadata["model-index"] as { results: { metrics: { type: string; value: number }[] }[] }[];
      const values = Object.fromEntries(index[0].results[0].metrics.map((m) => [m.type, m.value]));
      expect(values).toEqual(rows.find((r) => r.model === model)!.results);
    }
  });

  it("shows the best model on top of the leaderboard, as the API ranks it", async () => {
    await page.goBack();
    await page.getByRole("link", { name: "Leaderboard", exact: true }).click();
    await page.waitForURL(/\/leaderboards\/evalhub-demo\/sst2/);
    const { rows } = await leaderboardApi(e2e.stack, DATASET, "config=default&split=validation&metric=accuracy");
    const ours = rows.filter((r) => r.evaluationId);
    expect(ours.map((r) => r.model).sort()).toEqual(MODELS);
    const best = ours.reduce((a, b) => (b.results.accuracy > a.results.accuracy ? b : a));
    const top = page.locator('[data-testid="leaderboard"] tbody tr').first();
    expect(await top.getAttribute("data-model")).toBe(best.model);
    expect(await top.textContent()).toContain(best.results.accuracy.toFixed(4));
    await shot(page, "leaderboard");
  });

  it("exports the leaderboard as CSV, one row per model with the API's values", async () => {
    const href = await page.getByTestId("export-csv").getAttribute("href");
    const res = await fetch(new URL(href!, e2e.stack.webUrl));
    expect(res.status).toBe(200);
    const records = csvObjects(await res.text()).filter((r) => r.evaluation_id);
    const { rows } = await leaderboardApi(e2e.stack, DATASET, "config=default&split=validation&metric=accuracy");
    expect(records.map((r) => r.model).sort()).toEqual(MODELS);
    for (const rec of records) {
      const row = rows.find((r) => r.model === rec.model)!;
      expect(rec.evaluation_id).toBe(row.evaluationId);
      for (const metric of ["accuracy", "precision", "recall", "f1", "matthews_correlation"]) expect(Number(rec[metric])).toBe(row.results[metric]);
    }
  });

  it("logged no console errors in Chromium", () => {
    expect(e2e.consoleErrors, e2e.consoleErrors.join("\n")).toEqual([]);
  });
});
