import type { Browser } from "playwright-core";
import { launchChromium } from "../tests/helpers/browser";
import { startStack } from "../tests/helpers/stack";
import type { Row } from "./harness";

/**
 * Page weight and server response time of every page, against `next start` of the production build
 * with demo data (a finished submission), each as a ratio against a baseline measured in the same run:
 * - weight: bytes transferred (HTML + JS + CSS, compressed as sent) with a cold cache in Chromium,
 *   against the framework's own not-found page (the floor every page pays: React, the router, the layout);
 * - response time: p50/p95 of sequential requests for the HTML, against the not-found page on the
 *   same server (the framework rendering the layout with no data: what is left is the page's own work).
 *   A static file (/icon.svg) and /api/health are printed as informative rows for scale.
 */
const REQUESTS = Number(process.env.BENCH_PAGE_REQUESTS ?? 40);
/** First-load JS per page at most this many times the not-found floor. */
const JS_TARGET = 1.5;
/**
 * p95 server response time at most this many times the not-found page's p95: room for a few
 * database queries; a page that calls the hub on every request (no cache) misses it.
 */
const P95_TARGET = 10;

type PageRow = Row & { target: string; kind: string };

interface Weight {
  html: number;
  js: number;
  css: number;
}

/** Bytes on the wire per resource type, for one cold page load (a fresh context has an empty cache). */
async function pageWeight(browser: Browser, url: string): Promise<Weight> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const responses: Promise<void>[] = [];
  const weight: Weight = { html: 0, js: 0, css: 0 };
  page.on("requestfinished", (req) => {
    responses.push(
      req.sizes().then((s) => {
        const bytes = s.responseBodySize + s.responseHeadersSize;
        const type = req.resourceType();
        if (type === "document") weight.html += bytes;
        else if (type === "script") weight.js += bytes;
        else if (type === "stylesheet") weight.css += bytes;
      }),
    );
  });
  await page.goto(url, { waitUntil: "networkidle" });
  await Promise.all(responses);
  await context.close();
  return weight;
}

/** p50/p95 of `n` sequential GETs (full body read), after two warm-up requests. */
async function responseTimes(url: string, n: number): Promise<{ p50: number; p95: number }> {
  const runs: number[] = [];
  for (let i = 0; i < n + 2; i++) {
    const t0 = performance.now();
    const res = await fetch(url);
    await res.arrayBuffer();
    if (i >= 2) runs.push(performance.now() - t0);
  }
  runs.sort((a, b) => a - b);
  const at = (q: number) => runs[Math.min(runs.length - 1, Math.floor(q * runs.length))];
  return { p50: at(0.5), p95: at(0.95) };
}

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const kb = (bytes: number) => round(bytes / 1024);

/** A finished submission, so that every page renders real rows. */
async function seed(webUrl: string): Promise<{ submission: string; evaluation: string }> {
  const res = await fetch(`${webUrl}/api/submissions`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      dataset: "evalhub-demo/sst2",
      split: "validation",
      task: "text-classification",
      columnMapping: { text: "sentence", target: "label" },
      models: ["evalhub-demo/sst2-bow-base", "evalhub-demo/sst2-bow-tiny"],
      createPr: false,
    }),
  });
  if (!res.ok) throw new Error(`seeding a submission: HTTP ${res.status} ${await res.text()}`);
  const { id } = await res.json();
  for (let i = 0; i < 600; i++) {
    const s = await (await fetch(`${webUrl}/api/submissions/${id}`)).json();
    if (s.evaluations.every((e: { status: string }) => e.status === "succeeded")) return { submission: id, evaluation: s.evaluations[0].id };
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("the seeded submission did not finish");
}

export async function benchPages(): Promise<PageRow[]> {
  const stack = await startStack("bench-pages");
  const browser = await launchChromium();
  try {
    const { submission, evaluation } = await seed(stack.webUrl);
    const pages: [string, string][] = [
      ["home", "/"],
      ["evaluate", "/evaluate?dataset=evalhub-demo%2Fsst2"],
      ["submission", `/submissions/${submission}`],
      ["evaluation", `/evaluations/${evaluation}`],
      ["leaderboards", "/leaderboards"],
      ["leaderboard", "/leaderboards/evalhub-demo/sst2"],
      ["model", "/models/evalhub-demo/sst2-bow-base"],
    ];
    const floor = await pageWeight(browser, `${stack.webUrl}/bench/no-such-page`);
    const base = await responseTimes(`${stack.webUrl}/bench/no-such-page`, REQUESTS);
    const rows: PageRow[] = [];
    for (const [name, path] of [["static /icon.svg", "/icon.svg"], ["/api/health", "/api/health"]]) {
      const t = await responseTimes(`${stack.webUrl}${path}`, REQUESTS);
      rows.push({ case: `${name}: p95 response (ms)`, kind: "time", ms: round(t.p95), baselineMs: round(base.p95), ratio: round(t.p95 / base.p95, 3), target: "informative" });
    }
    for (const [name, path] of pages) {
      const w = await pageWeight(browser, `${stack.webUrl}${path}`);
      const jsRatio = w.js / floor.js;
      rows.push({ case: `${name}: first-load JS (kB)`, kind: "weight", ms: kb(w.js), baselineMs: kb(floor.js), ratio: round(jsRatio, 3), target: `<= ${JS_TARGET}x not-found`, pass: jsRatio <= JS_TARGET });
      const total = w.html + w.js + w.css;
      const floorTotal = floor.html + floor.js + floor.css;
      rows.push({ case: `${name}: HTML+JS+CSS (kB)`, kind: "weight", ms: kb(total), baselineMs: kb(floorTotal), ratio: round(total / floorTotal, 3), target: "informative" });
      const t = await responseTimes(`${stack.webUrl}${path}`, REQUESTS);
      rows.push({ case: `${name}: p50 response (ms)`, kind: "time", ms: round(t.p50), baselineMs: round(base.p50), ratio: round(t.p50 / base.p50, 3), target: "informative" });
      rows.push({ case: `${name}: p95 response (ms)`, kind: "time", ms: round(t.p95), baselineMs: round(base.p95), ratio: round(t.p95 / base.p95, 3), target: `<= ${P95_TARGET}x not-found`, pass: t.p95 / base.p95 <= P95_TARGET });
    }
    return rows;
  } finally {
    await browser.close();
    await stack.close();
  }
}
