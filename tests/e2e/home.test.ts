import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser";
import { startStack } from "../helpers/stack";

let stack: Awaited<ReturnType<typeof startStack>>;
let browser: Browser;
let page: Page;
let consoleErrors: string[] = [];

beforeAll(async () => {
  stack = await startStack("home");
  ({ browser, page, consoleErrors } = await launchBrowser({ httpErrors: false }));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe("the home page", () => {
  it("lists the hub's datasets, saying which are one click and for which task", async () => {
    await page.goto(stack.webUrl);
    const sst2 = page.locator("li", { has: page.getByRole("link", { name: "evalhub-demo/sst2", exact: true }) });
    await expect(sst2.textContent()).resolves.toContain("One click: Text classification");
    const ner = page.locator("li", { has: page.getByRole("link", { name: "evalhub-demo/conll-ner", exact: true }) });
    await expect(ner.textContent()).resolves.toContain("One click: Token classification (NER)");
  });

  it("searches datasets by name and opens the form preconfigured from one", async () => {
    await page.getByLabel("Search datasets").fill("squad");
    await page.getByRole("button", { name: "Search" }).click();
    await page.waitForURL(/\?q=squad/);
    await page.getByRole("heading", { name: /Datasets matching .squad./ }).waitFor();
    const names = await page.locator("#datasets-heading ~ ul li a").allTextContents();
    expect(names.filter((n) => n.startsWith("evalhub-demo/")).sort()).toEqual(["evalhub-demo/qnli-squad", "evalhub-demo/squad-tiny", "evalhub-demo/squad-v2-sample"]);
    await page.getByRole("link", { name: "evalhub-demo/squad-tiny", exact: true }).click();
    await page.waitForURL(/\/evaluate\?dataset=evalhub-demo%2Fsquad-tiny/);
    await page.getByText("This dataset card has evaluation metadata").waitFor();
    expect(await page.getByLabel("Column for Answer texts").inputValue()).toBe("answers.text");
    expect(consoleErrors).toEqual([]);
  });

  it("opens the form preconfigured from URL parameters (config, split, task)", async () => {
    await page.goto(`${stack.webUrl}/evaluate?dataset=evalhub-demo/sst2&config=default&split=train&task=zero-shot-classification`);
    await page.getByText("This dataset card has evaluation metadata").waitFor();
    await expect.poll(() => page.getByRole("combobox", { name: "Task" }).inputValue()).toBe("zero-shot-classification");
    expect(await page.getByRole("combobox", { name: "Split" }).inputValue()).toBe("train");
    // The zero-shot task's own models, not the text classifiers tagged with the same dataset.
    await page.locator("li[data-model]").nth(1).waitFor();
    const models = await page.locator('input[name="models"]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    expect(models.sort()).toEqual(["evalhub-demo/nli-sentiment-base", "evalhub-demo/nli-sentiment-small"]);
    expect(consoleErrors).toEqual([]);
  });
});
