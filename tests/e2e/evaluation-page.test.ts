import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser";
import { startStack } from "../helpers/stack";

const SHOTS = path.resolve(import.meta.dirname, "../../test-results/e2e-evaluation-page");

let stack: Awaited<ReturnType<typeof startStack>>;
let browser: Browser;
let page: Page;
let consoleErrors: string[] = [];
let sst2Eval = "";
let nerEval = "";

/** Submits through the API and waits for the single evaluation to succeed. */
async function evaluate(body: Record<string, unknown>): Promise<string> {
  const res = await fetch(`${stack.webUrl}/api/submissions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ createPr: false, ...body }) });
  expect(res.status, await res.clone().text()).toBe(201);
  const { id } = (await res.json()) as { id: string };
  const start = Date.now();
  for (;;) {
    const s = (await (await fetch(`${stack.webUrl}/api/submissions/${id}`)).json()) as { evaluations: { id: string; status: string; failureReason: string | null }[] };
    const e = s.evaluations[0];
    if (e.status === "succeeded") return e.id;
    if (e.status === "failed") throw new Error(`evaluation failed: ${e.failureReason}\n${stack.logs.join("")}`);
    if (Date.now() - start > 90_000) throw new Error(`submission ${id} did not finish\n${stack.logs.join("")}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const statusText = () => page.getByTestId("examples-status").textContent();
const rowsShown = () => page.locator("[data-testid=examples-browser] li[data-row]").evaluateAll((lis) => lis.map((li) => ({ row: Number(li.getAttribute("data-row")), correct: li.getAttribute("data-correct") === "true", text: li.textContent ?? "" })));

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  stack = await startStack("evalpage");
  ({ browser, page, consoleErrors } = await launchBrowser({ viewport: { width: 1200, height: 900 } }));
  [sst2Eval, nerEval] = await Promise.all([
    evaluate({ dataset: "evalhub-demo/sst2", split: "validation", task: "text-classification", columnMapping: { text: "sentence", target: "label" }, models: ["evalhub-demo/sst2-bow-base"] }),
    evaluate({ dataset: "evalhub-demo/conll-ner", split: "validation", task: "token-classification", columnMapping: { tokens: "tokens", tags: "ner_tags" }, models: ["evalhub-demo/ner-lexicon-base"] }),
  ]);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe("the evaluation page in Chromium", () => {
  it("shows every metric with its interval, the per-class table, the confusion matrix and the manifest", async () => {
    await page.goto(`${stack.webUrl}/evaluations/${sst2Eval}`);
    const accuracy = page.locator('[data-testid=metrics] tr[data-metric="accuracy"]');
    await accuracy.waitFor();
    const cells = await accuracy.locator("td").allTextContents();
    expect(cells[0]).toBe("0.7275");
    expect(cells[1]).toMatch(/^\[0\.\d{4}, 0\.\d{4}\]$/);
    expect(await page.locator("[data-testid=metrics] tbody tr").count()).toBe(4);
    expect(await page.getByTestId("per-class").locator("tbody tr").count()).toBe(2);
    const matrix = page.getByTestId("confusion-matrix");
    expect(await matrix.getAttribute("aria-label")).toMatch(/Confusion matrix of 400 examples/);
    const manifest = page.getByTestId("manifest");
    expect(await manifest.textContent()).toContain("evalhub-demo/sst2-bow-base @ ");
    expect(await manifest.textContent()).toContain('{"text":"sentence","target":"label"}');
    expect(await manifest.textContent()).toMatch(/bootstrap seed 0/);
    await page.screenshot({ path: path.join(SHOTS, "1-classification.png"), fullPage: true });
  });

  it("browses examples: all 400, then errors only (109), then a search within the errors", async () => {
    await page.getByText("Showing 1–20 of 400 examples").waitFor();
    await page.getByLabel("Errors only").check();
    await page.getByText("Showing 1–20 of 109 examples").waitFor();
    const errors = await rowsShown();
    expect(errors).toHaveLength(20);
    expect(errors.every((r) => !r.correct)).toBe(true);
    await page.getByLabel("Search the input text").fill("FILM");
    await page.waitForFunction(() => /Showing 1–\d+ of \d+ example|No example matches/.test(document.querySelector("[data-testid=examples-status]")?.textContent ?? "") && !/of 109/.test(document.querySelector("[data-testid=examples-status]")?.textContent ?? ""), undefined, { timeout: 15_000 });
    const found = await rowsShown();
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((r) => !r.correct && r.text.toLowerCase().includes("film"))).toBe(true);
    const api = await (await fetch(`${stack.webUrl}/api/evaluations/${sst2Eval}/examples?errorsOnly=true&q=film&pageSize=100`)).json();
    expect(found.map((r) => r.row)).toEqual(api.examples.slice(0, 20).map((e: { row: number }) => e.row));
    expect(await statusText()).toContain(`of ${api.total}`);
    await page.screenshot({ path: path.join(SHOTS, "2-errors-search.png"), fullPage: true });
    await page.getByLabel("Errors only").uncheck();
    await page.getByLabel("Search the input text").fill("");
    await page.getByText("Showing 1–20 of 400 examples").waitFor();
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByText("Showing 21–40 of 400 examples").waitFor();
    expect((await rowsShown())[0].row).toBe(20);
  });

  it("opens the examples of a confusion-matrix cell from the plot", async () => {
    await page.getByRole("link", { name: /reference negative, predicted positive: \d+ examples: show these examples/ }).click();
    await page.waitForURL(/label=negative&predicted=positive/);
    await page.getByText(/Showing 1–\d+ of \d+ examples/).waitFor();
    const shown = await rowsShown();
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((r) => !r.correct && r.text.includes("Predicted: positive") && r.text.includes("Reference: negative"))).toBe(true);
  });

  it("downloads the predictions as an attachment", async () => {
    const res = await fetch(`${stack.webUrl}/api/evaluations/${sst2Eval}/predictions?format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="evalhub-demo_sst2-bow-base__evalhub-demo_sst2__default__validation-predictions.csv"');
    const lines = (await res.text()).trim().split("\n");
    expect(lines[0]).toBe("row,prediction,reference,correct,score:negative,score:positive");
    expect(lines).toHaveLength(401);
    const bad = await fetch(`${stack.webUrl}/api/evaluations/${sst2Eval}/predictions?format=xml`);
    expect(bad.status).toBe(422);
    expect(await page.getByRole("link", { name: "Download predictions (JSON Lines)" }).getAttribute("href")).toBe(`/api/evaluations/${sst2Eval}/predictions?format=jsonl`);
  });

  it("shows the per-entity-type table and tag-level examples for a token-classification evaluation", async () => {
    await page.goto(`${stack.webUrl}/evaluations/${nerEval}`);
    const entities = page.getByTestId("per-entity");
    await entities.waitFor();
    const types = await entities.locator("tbody th").allTextContents();
    // seqeval's types: those in the references or the predictions.
    const download = await (await fetch(`${stack.webUrl}/api/evaluations/${nerEval}/predictions?format=jsonl`)).text();
    const seen = new Set<string>();
    for (const line of download.trim().split("\n")) {
      const { prediction, reference } = JSON.parse(line) as { prediction: string[]; reference: string[] };
      for (const t of [...prediction, ...reference]) if (t !== "O") seen.add(t.slice(2));
    }
    expect(types).toEqual([...seen].sort());
    expect(types).toContain("PER");
    await page.getByText(/Showing 1–\d+ of \d+ examples/).waitFor();
    await page.getByLabel("Errors only").check();
    await page.getByLabel("Entity type", { exact: true }).selectOption("PER");
    await page.waitForFunction(() => [...document.querySelectorAll("[data-testid=examples-browser] li[data-row]")].every((li) => li.getAttribute("data-correct") === "false"), undefined, { timeout: 15_000 });
    const shown = await rowsShown();
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((r) => r.text.includes("PER"))).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, "3-token-classification.png"), fullPage: true });
  });

  it("is usable at 375 px wide and logs no console errors", async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`${stack.webUrl}/evaluations/${sst2Eval}`);
    await page.getByText("Showing 1–20 of 400 examples").waitFor();
    // Elements sticking out of the viewport (scrollable containers may hold wider content).
    const offenders = await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const scrolls = (el: Element | null): boolean => !!el && el !== document.documentElement && (getComputedStyle(el).overflowX !== "visible" || scrolls(el.parentElement));
      return [...document.querySelectorAll("body *")]
        .filter((el) => el.getBoundingClientRect().right > width + 0.5 && (!scrolls(el.parentElement) || getComputedStyle(el).position === "absolute"))
        .concat([...document.querySelectorAll("body *")].filter((el) => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === "visible" && el.clientWidth > 0 && !scrolls(el.parentElement)))
        .map((el) => `${el.tagName.toLowerCase()}.${el.className} ${Math.round(el.getBoundingClientRect().right)} ${el.scrollWidth}/${el.clientWidth}`)
        .slice(-8);
    });
    expect(offenders).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(SHOTS, "4-narrow.png"), fullPage: true });
    expect(consoleErrors.filter((e) => !e.includes("predictions?format=xml"))).toEqual([]);
  });
});
