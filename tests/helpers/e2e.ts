import { spawn } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { launchBrowser } from "./browser";
import { freePort, startStack } from "./stack";

export type Stack = Awaited<ReturnType<typeof startStack>>;

/** The product (stack) and one Chromium page that records console errors: what an e2e suite starts in beforeAll. */
export async function startE2e(label: string, opts: Parameters<typeof launchBrowser>[0] = {}) {
  const stack = await startStack(label);
  try {
    const browser = await launchBrowser(opts);
    return {
      stack,
      ...browser,
      async close() {
        await browser.browser.close();
        await stack.close();
      },
    };
  } catch (err) {
    await stack.close();
    throw err;
  }
}

/** Saves numbered full-page screenshots under test-results/<folder>/ (the test output folder, gitignored). */
export function screenshots(folder: string) {
  const dir = path.resolve(import.meta.dirname, "../../test-results", folder);
  // A fresh folder per run, so no screenshot from an earlier run passes for this one's.
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let n = 0;
  return async (page: Page, name: string) => {
    n += 1;
    const file = path.join(dir, `${String(n).padStart(2, "0")}-${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    return file;
  };
}

/** Checks models in the form's picker, by id (the list is loaded from GET /api/models). */
export async function pickModels(page: Page, models: string[]): Promise<void> {
  for (const id of models) await page.locator(`input[name="models"][value="${id}"]`).check();
}

/**
 * Waits on the submission page, without reloading, until every model row has finished; returns
 * each row's status. Rows are `tr[data-model]` with `data-status`, as the submission page renders them.
 */
export async function waitForSubmissionRows(page: Page, count: number, timeout = 120_000): Promise<Record<string, string>> {
  const url = page.url();
  await page.waitForFunction(
    (n) => {
      const rows = [...document.querySelectorAll("tr[data-model]")];
      return rows.length === n && rows.every((r) => ["succeeded", "failed", "cancelled"].includes(r.getAttribute("data-status") ?? ""));
    },
    count,
    { timeout, polling: 250 },
  );
  if (page.url() !== url) throw new Error(`the page navigated from ${url} to ${page.url()} while waiting`);
  return page.locator("tr[data-model]").evaluateAll((trs) => Object.fromEntries(trs.map((tr) => [tr.getAttribute("data-model")!, tr.getAttribute("data-status")!])));
}

/** The leaderboard as GET /api/leaderboards/{dataset} returns it. */
export async function leaderboardApi(stack: Stack, dataset: string, query = ""): Promise<{ rows: { model: string; results: Record<string, number>; evaluationId: string }[] }> {
  const res = await fetch(`${stack.webUrl}/api/leaderboards/${dataset}${query ? `?${query}` : ""}`);
  if (!res.ok) throw new Error(`leaderboard API: HTTP ${res.status}`);
  return res.json();
}

/**
 * A bare `next start` of the production build with the given environment, e.g. a database that does
 * not exist, to see the product's error page as a user would.
 */
export async function startWebOnly(env: Record<string, string>): Promise<{ url: string; close(): Promise<void> }> {
  const port = await freePort();
  const root = path.resolve(import.meta.dirname, "../..");
  const child = spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", ...env },
    stdio: "ignore",
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    const up = await fetch(`${url}/icon.svg`).then((r) => r.ok, () => false);
    if (up) break;
    if (i > 240) throw new Error(`${url} did not start`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
