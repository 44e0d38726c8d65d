import type { AddressInfo } from "node:net";
import path from "node:path";
import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startInferenceStub, type InferenceStub } from "@/inference-stub";
import { keywordSentiment } from "@/inference-stub/demo-handlers";
import { launchBrowser } from "../helpers/browser";
import { startStack } from "../helpers/stack";

/**
 * The submission page in Chromium against the whole product (web, worker, local hub, an inference
 * endpoint stand-in, an SMTP server): live progress without reload, rate and ETA, links that work,
 * the in-app notice, and cancel/retry through the buttons.
 *
 * A remote model whose endpoint answers each row after a delay makes the run slow enough to watch.
 */
const SHOTS = path.resolve(import.meta.dirname, "../../test-results/e2e-submission-page");
const DATASET = "evalhub-demo/sst2";
const REMOTE = "fixtures/remote-sentiment";
const LOCAL = "evalhub-demo/sst2-bow-base";
const INPUT = { dataset: DATASET, config: "default", task: "text-classification", columnMapping: { text: "sentence", target: "label" } };

let stub: InferenceStub;
let smtpServer: SMTPServer;
const inbox: string[] = [];
let stack: Awaited<ReturnType<typeof startStack>>;
let browser: Browser;
let page: Page;
let consoleErrors: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  stub = await startInferenceStub({ handlers: { [REMOTE]: { task: "text-classification", run: keywordSentiment, faults: { delayMs: 40 } } } });
  smtpServer = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData: (stream, _session, cb) => {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        inbox.push(Buffer.concat(chunks).toString("utf8"));
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => smtpServer.listen(0, "127.0.0.1", resolve));
  const smtpPort = (smtpServer.server.address() as AddressInfo).port;
  stack = await startStack("subpage", {
    env: {
      REMOTE_ENDPOINTS: JSON.stringify({ [REMOTE]: { endpointUrl: stub.endpointUrl(REMOTE) } }),
      REMOTE_CONCURRENCY: "2",
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      SMTP_FROM: "EvalHub <evalhub@evalhub.test>",
    },
    // A model without ONNX weights: it runs through the operator-configured endpoint.
    prepareHub: async (hub) => {
      await hub.store.createRepo({ type: "model", name: REMOTE });
      await hub.store.commit({
        repo: { type: "model", name: REMOTE },
        message: "fixture",
        files: [
          { path: "config.json", content: new TextEncoder().encode(JSON.stringify({ id2label: { "0": "negative", "1": "positive" } })) },
          { path: "README.md", content: new TextEncoder().encode("---\npipeline_tag: text-classification\n---\nServed by an inference endpoint.\n") },
        ],
      });
    },
  });
  ({ browser, page, consoleErrors } = await launchBrowser({ viewport: { width: 1200, height: 900 } }));
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  await stub?.close();
  await new Promise<void>((resolve) => (smtpServer ? smtpServer.close(() => resolve()) : resolve()));
});

async function submit(body: Record<string, unknown>): Promise<string> {
  const res = await fetch(`${stack.webUrl}/api/submissions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ...INPUT, ...body }) });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const row = (model: string) => page.locator(`tr[data-model="${model}"]`);
/** Waits until the page shows one of the statuses for the model; on timeout, says what the page and the worker showed. */
async function waitForStatus(model: string, statuses: string[], timeout = 90_000): Promise<void> {
  try {
    await page.waitForFunction(([m, s]) => s.includes(document.querySelector(`tr[data-model="${m}"]`)?.getAttribute("data-status") ?? ""), [model, statuses] as const, { timeout, polling: 100 });
  } catch (err) {
    const shown = await row(model).getAttribute("data-status").catch(() => "?");
    throw new Error(`${model} is ${shown} on the page, not ${statuses.join("/")}: ${(err as Error).message}\n${stack.logs.slice(-30).join("")}`);
  }
}

describe("the submission page in Chromium", () => {
  let submissionId = "";

  it("updates each model's progress, rate and ETA live, without a reload, until every model has ended", async () => {
    submissionId = await submit({ split: "validation", models: [REMOTE, LOCAL], username: "alice", email: "alice@example.com" });
    await page.goto(`${stack.webUrl}/submissions/${submissionId}`);
    await row(REMOTE).waitFor();
    // Record every progress line the remote row shows, and mark the document: a reload would drop the mark.
    await page.evaluate((model) => {
      const w = window as unknown as { seen: string[]; mark: boolean };
      w.mark = true;
      w.seen = [];
      const record = () => {
        const tr = document.querySelector(`tr[data-model="${model}"]`);
        const line = `${tr?.querySelector("[role=progressbar]")?.getAttribute("aria-valuenow")}|${tr?.querySelector("[data-testid=progress-text]")?.textContent}`;
        if (w.seen.at(-1) !== line) w.seen.push(line);
      };
      record();
      new MutationObserver(record).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    }, REMOTE);
    await waitForStatus(REMOTE, ["running"]);
    await page.screenshot({ path: path.join(SHOTS, "1-running.png"), fullPage: true });
    await waitForStatus(REMOTE, ["succeeded"]);
    await waitForStatus(LOCAL, ["succeeded"]);
    const { seen, mark } = await page.evaluate(() => {
      const w = window as unknown as { seen: string[]; mark: boolean };
      return { seen: w.seen, mark: w.mark };
    });
    expect(mark, "the page reloaded").toBe(true);
    const running = seen.map((l) => l.split("|")).filter(([pct]) => Number(pct) > 0 && Number(pct) < 100);
    // The worker reports progress per chunk of rows; between reports the rate and ETA still move.
    expect(running.length, seen.join("\n")).toBeGreaterThanOrEqual(2);
    expect(new Set(seen.map((l) => l.split("|")[0])).size, seen.join("\n")).toBeGreaterThanOrEqual(2);
    expect(running.some(([, text]) => /\d+ \/ 400 examples · [\d.]+ examples\/s · ETA: about \d+ (s|min) left$/.test(text)), seen.join("\n")).toBe(true);
    expect(seen.at(-1)).toMatch(/^100\|100% · 400 \/ 400 examples/);
    await page.screenshot({ path: path.join(SHOTS, "2-finished.png"), fullPage: true });
  }, 150_000);

  it("links each model's pull request, predictions (JSONL and CSV) and evaluation page with its manifest", async () => {
    const remote = row(REMOTE);
    const pr = remote.getByRole("link", { name: `Open PR for ${REMOTE}` });
    const prUrl = (await pr.getAttribute("href"))!;
    expect(prUrl).toMatch(new RegExp(`^${stack.hub.url}/${REMOTE}/discussions/\\d+$`));
    expect((await fetch(prUrl)).status).toBe(200);

    const jsonl = await fetch(new URL((await remote.getByRole("link", { name: `Predictions (JSONL) of ${REMOTE}` }).getAttribute("href"))!, stack.webUrl));
    expect(jsonl.status).toBe(200);
    const lines = (await jsonl.text()).trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(400);
    expect(lines.every((l) => ["positive", "negative"].includes(l.prediction as string) && ["positive", "negative"].includes(l.reference as string))).toBe(true);
    const csv = await fetch(new URL((await remote.getByRole("link", { name: `Predictions of ${REMOTE} (CSV)` }).getAttribute("href"))!, stack.webUrl));
    const csvLines = (await csv.text()).trim().split("\n");
    expect(csvLines[0]).toMatch(/^row,prediction,reference,correct/);
    expect(csvLines).toHaveLength(401);

    expect(await remote.getByRole("link", { name: `Reproducibility manifest of ${REMOTE}` }).getAttribute("href")).toMatch(/^\/evaluations\/[0-9a-f-]{36}#manifest$/);
    await remote.getByRole("link", { name: `Evaluation page of ${REMOTE}` }).click();
    await page.waitForURL(/\/evaluations\/[0-9a-f-]{36}$/);
    await page.getByText("Reproducibility manifest").waitFor();
    await page.goBack();
    await row(REMOTE).waitFor();
  });

  it("shows the in-app notice once the notification went out: @mentions in both PRs and the email", async () => {
    const notice = page.getByTestId("notification");
    await page.waitForFunction(() => document.querySelector("[data-testid=notification]")?.getAttribute("data-state") === "sent", undefined, { timeout: 30_000 });
    expect(await notice.textContent()).toMatch(/^2 of 2 evaluations succeeded on evalhub-demo\/sst2\. Notified @alice in 2 pull requests and by email \(a\*\*\*@example\.com\) on \d{4}-\d\d-\d\d \d\d:\d\d UTC\.$/);
    expect(inbox.filter((m) => /^To: alice@example\.com/m.test(m))).toHaveLength(1);
  });

  it("cancels and retries through keyboard-operable buttons named after the model, and shows a refusal inline", async () => {
    // The train split is a different evaluation key, so nothing is reused; a slow endpoint keeps it running.
    stub.setFaults(REMOTE, { delayMs: 150 });
    const id = await submit({ split: "train", models: [REMOTE], createPr: false });
    await page.goto(`${stack.webUrl}/submissions/${id}`);
    const press = async (name: string) => {
      const button = page.getByRole("button", { name });
      await button.focus();
      await page.keyboard.press("Enter");
    };
    await waitForStatus(REMOTE, ["running"]);
    await press(`Cancel evaluation of ${REMOTE}`);
    await waitForStatus(REMOTE, ["cancelled"], 15_000);
    expect(await row(REMOTE).getByTestId("failure").textContent()).toMatch(/^Cancel/);
    await page.screenshot({ path: path.join(SHOTS, "3-cancelled.png"), fullPage: true });

    await press(`Retry evaluation of ${REMOTE}`);
    await waitForStatus(REMOTE, ["running"], 30_000);
    await press(`Cancel evaluation of ${REMOTE}`);
    await waitForStatus(REMOTE, ["cancelled"], 15_000);

    // The state changes behind the page's back (its polling sees only the stale state): the button's
    // request is refused (409) and the refusal shown inline; the page then fetches the real state.
    const stale = await (await fetch(`${stack.webUrl}/api/submissions/${id}`)).text();
    const evaluationId = (JSON.parse(stale) as { evaluations: { id: string }[] }).evaluations[0].id;
    await page.route("**/api/submissions/**", (route) => route.fulfill({ status: 200, contentType: "application/json", body: stale }));
    await page.route("**/api/evaluations/*/retry", async (route) => {
      const refused = await route.fetch();
      await page.unroute("**/api/submissions/**");
      await route.fulfill({ response: refused });
    });
    stub.setFaults(REMOTE, { delayMs: 40 });
    expect((await fetch(`${stack.webUrl}/api/evaluations/${evaluationId}/retry`, { method: "POST" })).status).toBe(200);
    await press(`Retry evaluation of ${REMOTE}`);
    const refusal = row(REMOTE).getByTestId("action-error");
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/only failed or cancelled evaluations can be retried/);
    expect(await refusal.getAttribute("role")).toBe("alert");
    await page.screenshot({ path: path.join(SHOTS, "4-refused.png"), fullPage: true });
    await page.unroute("**/api/evaluations/*/retry");

    await waitForStatus(REMOTE, ["succeeded"], 90_000);
    expect(await row(REMOTE).getByTestId("results").textContent()).toMatch(/Accuracy0\.\d{4}/);
    expect(consoleErrors.filter((e) => !/409/.test(e)), consoleErrors.join("\n")).toEqual([]);
  }, 240_000);

  it("works at 375 px, light and dark: no horizontal scrolling", async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`${stack.webUrl}/submissions/${submissionId}`);
    await row(REMOTE).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(SHOTS, "5-375px.png"), fullPage: true });
    await page.emulateMedia({ colorScheme: "dark" });
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe("rgb(255, 255, 255)");
    await page.screenshot({ path: path.join(SHOTS, "6-375px-dark.png"), fullPage: true });
  });
});
