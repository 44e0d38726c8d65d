import { chromium, type Browser, type Page } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * Debian's Chromium, headless, with one page that records console errors, uncaught page errors
 * and (unless `httpErrors: false`) every HTTP response >= 400: the e2e suites assert it stays empty.
 */
export async function launchBrowser(opts: { httpErrors?: boolean; viewport?: { width: number; height: number } } = {}): Promise<{ browser: Browser; page: Page; consoleErrors: string[] }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
  });
  const page = await browser.newPage(opts.viewport ? { viewport: opts.viewport } : undefined);
  const consoleErrors: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") consoleErrors.push(msg.text());
  });
  page.on("pageerror", (err) => consoleErrors.push(err.message));
  if (opts.httpErrors !== false) {
    page.on("response", (res) => {
      if (res.status() >= 400) consoleErrors.push(`HTTP ${res.status()} ${res.url()}`);
    });
  }
  return { browser, page, consoleErrors };
}
