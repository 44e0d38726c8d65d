import { chromium, type Browser, type Page } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Records console errors, uncaught page errors and (unless `httpErrors: false`) every HTTP response >= 400 of a page. */
export function recordErrors(page: Page, opts: { httpErrors?: boolean } = {}): string[] {
  const errors: string[] = [];
  page.on("console", (msg) => {
    // The location names the resource of a "Failed to load resource" message (e.g. a favicon).
    if (msg.type() === "error") errors.push(msg.location().url ? `${msg.text()} [${msg.location().url}]` : msg.text());
  });
  page.on("pageerror", (err) => errors.push(err.message));
  if (opts.httpErrors !== false) {
    page.on("response", (res) => {
      if (res.status() >= 400) errors.push(`HTTP ${res.status()} ${res.url()}`);
    });
  }
  return errors;
}

/** Debian's Chromium, headless, as every e2e suite and the page benchmark launch it. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
  });
}

/**
 * Debian's Chromium, headless, with one page that records console errors, uncaught page errors
 * and (unless `httpErrors: false`) every HTTP response >= 400: the e2e suites assert it stays empty.
 */
export async function launchBrowser(opts: { httpErrors?: boolean; viewport?: { width: number; height: number } } = {}): Promise<{ browser: Browser; page: Page; consoleErrors: string[] }> {
  const browser = await launchChromium();
  const page = await browser.newPage(opts.viewport ? { viewport: opts.viewport } : undefined);
  return { browser, page, consoleErrors: recordErrors(page, opts) };
}
