import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, recordErrors } from "../helpers/browser";
import { screenshots, startE2e, startWebOnly } from "../helpers/e2e";
import { colourReport, horizontalOverflow, tabFocusRings, unnamedControls } from "../helpers/page-quality";

/**
 * Every page, with real data from one finished submission, at 375 px and 1280 px, light and dark:
 * no console errors, no horizontal page overflow, a name on every control, a visible focus ring
 * when tabbing, a dark background in dark mode with readable text, and never a blank page.
 */
const DATASET = "evalhub-demo/sst2";
const MODELS = ["evalhub-demo/sst2-bow-base", "evalhub-demo/sst2-bow-tiny"];
// WCAG AA for normal text.
const MIN_CONTRAST = 4.5;

interface PageCase {
  name: string;
  path: () => string;
  /** Text that shows the page finished loading its data. */
  ready: string | RegExp;
  status?: number;
}

let e2e: Awaited<ReturnType<typeof startE2e>>;
let broken: Awaited<ReturnType<typeof startWebOnly>>;
let submissionId = "";
let evaluationId = "";
const shot = screenshots("quality");

const PAGES: PageCase[] = [
  { name: "home", path: () => "/", ready: "Popular datasets" },
  { name: "evaluate-empty", path: () => "/evaluate", ready: "Load a dataset first." },
  { name: "evaluate", path: () => `/evaluate?dataset=${encodeURIComponent(DATASET)}`, ready: MODELS[0] },
  { name: "submission", path: () => `/submissions/${submissionId}`, ready: MODELS[0] },
  { name: "evaluation", path: () => `/evaluations/${evaluationId}`, ready: "Reproducibility manifest" },
  { name: "leaderboards", path: () => "/leaderboards", ready: DATASET },
  { name: "leaderboard", path: () => `/leaderboards/${DATASET}`, ready: MODELS[1] },
  { name: "leaderboard-empty", path: () => "/leaderboards/evalhub-demo/conll-ner", ready: "No model has been evaluated on evalhub-demo/conll-ner yet." },
  { name: "model", path: () => `/models/${MODELS[0]}`, ready: DATASET },
  { name: "not-found", path: () => "/no/such/page", ready: "That page does not exist", status: 404 },
];

beforeAll(async () => {
  e2e = await startE2e("quality");
  const res = await fetch(`${e2e.stack.webUrl}/api/submissions`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ dataset: DATASET, split: "validation", task: "text-classification", columnMapping: { text: "sentence", target: "label" }, models: MODELS, username: "alice" }),
  });
  if (res.status !== 201 && res.status !== 200) throw new Error(`submission: HTTP ${res.status} ${await res.text()}`);
  submissionId = (await res.json()).id;
  for (let i = 0; ; i++) {
    const s = await (await fetch(`${e2e.stack.webUrl}/api/submissions/${submissionId}`)).json();
    if (s.evaluations.every((x: { status: string }) => x.status === "succeeded")) {
      evaluationId = s.evaluations[0].id;
      break;
    }
    if (i > 480) throw new Error(`submission did not finish: ${JSON.stringify(s.evaluations.map((x: { status: string }) => x.status))}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  // The same build with a database that does not exist: the error page, as a user meets it.
  broken = await startWebOnly({ DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/evalhub_no_such_database", REDIS_URL: "redis://127.0.0.1:6379", HF_ENDPOINT: e2e.stack.hub.url, PUBLIC_URL: "http://localhost" });
}, 300_000);

afterAll(async () => {
  await broken?.close();
  await e2e?.close();
});

const COMBOS = [
  { width: 375, scheme: "light" as const },
  { width: 375, scheme: "dark" as const },
  { width: 1280, scheme: "light" as const },
  { width: 1280, scheme: "dark" as const },
];

describe.each(COMBOS)("every page at $width px, $scheme", ({ width, scheme }) => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width, height: 800 }, colorScheme: scheme });
    page = await context.newPage();
    errors = recordErrors(page);
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** `expectedStatus` null: the error page, whose status depends on when the render failed. */
  async function checkPage(url: string, ready: string | RegExp, label: string, expectedStatus: number | null = 200) {
    errors.length = 0;
    const res = await page.goto(url);
    if (expectedStatus !== null) expect(res?.status()).toBe(expectedStatus);
    await page.getByText(ready).filter({ visible: true }).first().waitFor();
    await page.waitForLoadState("networkidle");
    // The 404 of the not-found page, and the failed server render behind the error page, are the point of those pages.
    const expected = (e: string) => (expectedStatus === 404 && /\b404\b/.test(e)) || (expectedStatus === null && /\b500\b|Minified React error #441/.test(e));
    errors.splice(0, errors.length, ...errors.filter((e) => !expected(e)));
    expect(errors, errors.join("\n")).toEqual([]);
    expect((await page.locator("main").innerText()).trim().length).toBeGreaterThan(20);
    expect(await page.locator("h1").count()).toBeGreaterThan(0);
    const { overflow, culprits } = await horizontalOverflow(page);
    expect(overflow, `the page scrolls horizontally; wider than the viewport: ${culprits.join(", ")}`).toBeLessThanOrEqual(0);
    expect(await unnamedControls(context, page)).toEqual([]);
    const { bodyLuminance, lowContrast } = await colourReport(page, MIN_CONTRAST);
    if (scheme === "dark") expect(bodyLuminance).toBeLessThan(0.05);
    else expect(bodyLuminance).toBeGreaterThan(0.9);
    expect(lowContrast).toEqual([]);
    await shot(page, `${label}-${width}-${scheme}`);
    const rings = await tabFocusRings(page, 5);
    expect(rings.filter((r) => !r.ring)).toEqual([]);
  }

  it.each(PAGES)("$name", async (c) => {
    await checkPage(`${e2e.stack.webUrl}${c.path()}`, c.ready, c.name, c.status);
  });

  it("error page (database unavailable)", async () => {
    // The boundary first renders "Something went wrong", then names the cause once /api/health
    // answers; how long the first state lasts is a race, so wait for the settled one.
    await checkPage(`${broken.url}/`, "EvalHub's database is unavailable", "error", null);
    expect(await page.getByTestId("page-error").getAttribute("data-cause")).toBe("database");
    errors.length = 0;
  });
});
