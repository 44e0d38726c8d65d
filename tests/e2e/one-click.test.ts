import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pickModels, screenshots, startE2e, waitForSubmissionRows } from "../helpers/e2e";

/** The one-click path: a dataset whose card has train-eval-index is evaluated without touching the configuration. */
const DATASET = "evalhub-demo/conll-ner";
const MODELS = ["evalhub-demo/ner-lexicon-base", "evalhub-demo/ner-lexicon-small"];

let e2e: Awaited<ReturnType<typeof startE2e>>;
let page: Page;
const shot = screenshots("one-click");

beforeAll(async () => {
  e2e = await startE2e("one-click");
  page = e2e.page;
}, 180_000);

afterAll(async () => {
  await e2e?.close();
});

describe("one click from evaluation metadata", () => {
  let submissionId = "";

  it("preconfigures everything from the card, keeping the advanced configuration folded", async () => {
    await page.goto(`${e2e.stack.webUrl}/evaluate?dataset=${encodeURIComponent(DATASET)}`);
    await page.getByText("This dataset card has evaluation metadata").waitFor();
    expect(await page.getByTestId("advanced-configuration").evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    expect(await page.locator("#submit-status").textContent()).toBe("Pick at least one model.");
    await page.locator(`li[data-model="${MODELS[0]}"]`).waitFor();
    const listed = await page.locator("li[data-model]").evaluateAll((lis) => lis.map((li) => [li.getAttribute("data-model"), li.getAttribute("data-runner")]));
    expect(listed).toEqual(MODELS.map((m) => [m, "local"]));
    await shot(page, "form");
  });

  it("submits privately with the models only, and the results arrive without a pull request", async () => {
    await pickModels(page, MODELS);
    await page.getByLabel(/^Private: don't open a pull request/).check();
    await page.getByRole("button", { name: "Evaluate" }).click();
    await page.waitForURL(/\/submissions\/[0-9a-f-]{36}$/);
    submissionId = page.url().split("/").at(-1)!;
    expect(await waitForSubmissionRows(page, 2)).toEqual(Object.fromEntries(MODELS.map((m) => [m, "succeeded"])));
    expect(await page.getByRole("link", { name: "Open PR" }).count()).toBe(0);
    await shot(page, "finished");
  });

  it("ran exactly the card's preset, scored by its metrics", async () => {
    const options = await (await fetch(`${e2e.stack.webUrl}/api/datasets/${DATASET}`)).json();
    const preset = options.presets[0];
    const submission = await (await fetch(`${e2e.stack.webUrl}/api/submissions/${submissionId}`)).json();
    expect({ config: submission.config, split: submission.split, task: submission.task, columnMapping: submission.columnMapping }).toEqual({
      config: preset.config,
      split: preset.split,
      task: preset.task,
      columnMapping: preset.columnMapping,
    });
    expect(submission.metrics).toEqual(preset.metrics);
    expect(submission.createPr).toBe(false);
    for (const e of submission.evaluations as { results: Record<string, number>; pullRequestUrl: string | null }[]) {
      expect(Object.keys(e.results).length).toBeGreaterThan(0);
      for (const v of Object.values(e.results)) expect(Number.isFinite(v)).toBe(true);
      expect(e.pullRequestUrl).toBeNull();
    }
    for (const model of MODELS) {
      const list = await (await fetch(`${e2e.stack.hub.url}/api/models/${model}/discussions?type=pull_request`)).json();
      expect(list.discussions).toEqual([]);
    }
  });

  it("logged no console errors in Chromium", () => {
    expect(e2e.consoleErrors, e2e.consoleErrors.join("\n")).toEqual([]);
  });
});
