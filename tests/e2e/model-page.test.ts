import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser";
import { startStack } from "../helpers/stack";

const MODEL = "evalhub-demo/sst2-bow-base";
const DATASET = "evalhub-demo/sst2";
const SHOTS = path.resolve(import.meta.dirname, "../../test-results/e2e-model-page");

let stack: Awaited<ReturnType<typeof startStack>>;
let browser: Browser;
let page: Page;
let consoleErrors: string[] = [];

beforeAll(async () => {
  stack = await startStack("e2e-model");
  ({ browser, page, consoleErrors } = await launchBrowser());
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe("a user evaluates a model on more datasets from its page in Chromium", () => {
  it("shows the empty results state and the datasets of the model's task", async () => {
    await page.goto(`${stack.webUrl}/models/${MODEL}`);
    await page.getByRole("heading", { name: MODEL }).waitFor();
    await page.getByTestId("no-results").waitFor();
    expect(await page.getByText("Pipeline: text-classification").count()).toBe(1);
    const sst2 = page.getByLabel(`${DATASET} (default/validation, from the dataset card)`);
    expect(await sst2.isChecked()).toBe(false);
    // Datasets without evaluation metadata go to the mapping form.
    const manual = page.getByRole("link", { name: "Map columns for evalhub-demo/sst2-zero-shot" });
    expect(await manual.getAttribute("href")).toBe("/evaluate?dataset=evalhub-demo%2Fsst2-zero-shot");
    expect(await page.locator("#model-submit-status").textContent()).toBe("Pick at least one dataset.");
    expect(await page.getByRole("button", { name: "Evaluate" }).isDisabled()).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, "1-empty.png"), fullPage: true });
  });

  it("starts an evaluation on sst2 and links to the submission", async () => {
    // Keyboard: focus the checkbox and tick it with the space bar.
    await page.getByLabel(`${DATASET} (default/validation, from the dataset card)`).focus();
    await page.keyboard.press("Space");
    expect(await page.getByLabel(`${DATASET} (default/validation, from the dataset card)`).isChecked()).toBe(true);
    await page.getByLabel("Hub username").fill("not a user!");
    expect(await page.locator("#model-submit-status").textContent()).toBe("Hub username must be a Hub username.");
    await page.getByLabel("Hub username").fill("alice");
    await page.getByRole("button", { name: "Evaluate on 1 dataset" }).click();
    const link = page.getByRole("link", { name: `View submission for ${DATASET}` });
    await link.waitFor({ timeout: 60_000 });
    await page.screenshot({ path: path.join(SHOTS, "2-submitted.png"), fullPage: true });
    expect(await link.getAttribute("href")).toMatch(/^\/submissions\/[0-9a-f-]{36}$/);
    await link.click();
    await page.waitForURL(/\/submissions\/[0-9a-f-]{36}$/);
    await page.waitForFunction(
      () => {
        const rows = [...document.querySelectorAll("tr[data-model]")];
        return rows.length === 1 && rows[0].getAttribute("data-status") === "succeeded";
      },
      undefined,
      { timeout: 90_000, polling: 250 },
    );
  }, 180_000);

  it("then shows the sst2 result with its metrics and links on the model page", async () => {
    await page.goto(`${stack.webUrl}/models/${MODEL}`);
    const row = page.locator(`[data-testid="model-results"] tbody tr[data-dataset="${DATASET}"]`);
    await row.waitFor();
    const text = (await row.textContent()) ?? "";
    expect(text).toContain("default/validation");
    expect(text).toMatch(/Accuracy\s*0\.\d{4}\s*\[0\.\d{4}, 0\.\d{4}\]/);
    const api = await (await fetch(`${stack.webUrl}/api/models/${MODEL}/results`)).json();
    expect(api.rows).toHaveLength(1);
    const accuracy = api.rows[0].metrics.find((m: { metric: string }) => m.metric === "accuracy").value as number;
    expect(text).toContain(accuracy.toFixed(4));
    expect(await row.getByRole("link", { name: "Leaderboard" }).getAttribute("href")).toBe(`/leaderboards/${DATASET}?config=default&split=validation`);
    expect(await row.getByRole("link", { name: "Evaluation" }).getAttribute("href")).toBe(`/evaluations/${api.rows[0].evaluationId}`);
    await page.screenshot({ path: path.join(SHOTS, "3-results.png"), fullPage: true });
  });

  it("is usable at 375 px wide and logs no console errors", async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`${stack.webUrl}/models/${MODEL}`);
    await page.getByLabel(`${DATASET} (default/validation, from the dataset card) · already evaluated`).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(SHOTS, "4-narrow.png"), fullPage: true });
    expect(consoleErrors).toEqual([]);
  });

  it("POST /api/models/{id}/evaluations reports a failing dataset next to a created one, and rejects bad bodies with 422", async () => {
    const res = await fetch(`${stack.webUrl}/api/models/${MODEL}/evaluations`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ datasets: [{ dataset: DATASET }, { dataset: "evalhub-demo/no-such-dataset" }], createPr: false }),
    });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.results.map((r: { status: string }) => r.status)).toEqual(["created", "failed"]);
    expect(body.results[1].error).toMatch(/does not exist/);
    const bad = await fetch(`${stack.webUrl}/api/models/${MODEL}/evaluations`, { method: "POST", body: JSON.stringify({ datasets: [] }) });
    expect(bad.status).toBe(422);
    expect((await bad.json()).fields).toEqual({ datasets: "pick at least one dataset" });
    const none = await fetch(`${stack.webUrl}/api/models/${MODEL}/evaluations`, { method: "POST", body: JSON.stringify({ datasets: [{ dataset: "evalhub-demo/sst2-zero-shot" }] }) });
    expect(none.status).toBe(422);
    expect((await none.json()).error).toMatch(/No submission was created/);
    expect((await fetch(`${stack.webUrl}/api/models/${MODEL}/nothing`, { method: "POST", body: "{}" })).status).toBe(404);
    expect((await fetch(`${stack.webUrl}/models/evalhub-demo/no-such-model`)).status).toBe(404);
  });
});
