import { parseCard, parseModelIndex, ModelCardError, type LenientModelIndex } from "@/server/hub/model-card";

/** One metric a model card claims for a dataset, ready to be stored as a `SelfReportedResult`. */
export interface SelfReportedRow {
  dataset: string;
  /** "" when the card does not say. */
  config: string;
  /** "" when the card does not say. */
  split: string;
  task: string;
  metric: string;
  metricName: string | null;
  value: number;
  source: { url: string; name?: string } | null;
}

/** Something in a card that could not be imported, and why. */
export interface SkippedEntry {
  reason: string;
}

export interface ExtractSelfReportedResult {
  rows: SelfReportedRow[];
  skipped: SkippedEntry[];
  /** False when the card as a whole could not be read (invalid YAML, malformed `model-index`). */
  readable: boolean;
}

/** Source names under which EvalHub writes results into cards (ours come from the Result table). */
const OWN_SOURCE_NAMES = new Set(["evalhub"]);

/** The identity of a stored row; two entries with the same key on one card are a conflict. */
export function selfReportedKey(r: Pick<SelfReportedRow, "dataset" | "config" | "split" | "task" | "metric">): string {
  return [r.dataset, r.config, r.split, r.task, r.metric].join("\u0000");
}

const text = (v: unknown): string => (v === null || v === undefined ? "" : String(v));

/** A finite number, or a string that is exactly one (cards written by hand quote numbers); else null. */
function numeric(v: unknown): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "string" && /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(v)) return Number(v);
  return null;
}

/**
 * The self-reported `model-index` results of a README.md for one dataset. Results EvalHub wrote
 * itself (source "EvalHub", or `verified: true` with a `verifyToken`) are left out: they live in
 * the Result table. A bad metric (non-numeric value, duplicate) is skipped with its reason; a card
 * whose YAML or `model-index` is malformed yields no rows and `readable: false`. Never throws.
 */
export function extractSelfReported(readme: string, dataset: string): ExtractSelfReportedResult {
  let index: LenientModelIndex;
  try {
    const raw = parseCard(readme).metadata["model-index"];
    if (raw === undefined || raw === null) return { rows: [], skipped: [], readable: true };
    index = parseModelIndex(raw);
  } catch (err) {
    if (err instanceof ModelCardError) return { rows: [], skipped: [{ reason: err.message }], readable: false };
    return { rows: [], skipped: [{ reason: `unreadable card: ${(err as Error).message}` }], readable: false };
  }
  const rows: SelfReportedRow[] = [];
  const skipped: SkippedEntry[] = [];
  const seen = new Set<string>();
  index.forEach((entry, i) => {
    entry.results.forEach((result, j) => {
      if (result.dataset.type !== dataset) return;
      const ours = OWN_SOURCE_NAMES.has(text(result.source?.name).trim().toLowerCase());
      result.metrics.forEach((m, k) => {
        const where = `model-index[${i}].results[${j}].metrics[${k}] (${m.type})`;
        if (ours || (m.verified === true && m.verifyToken)) return;
        const value = numeric(m.value);
        if (value === null) {
          skipped.push({ reason: `${where}: value ${JSON.stringify(m.value)} is not a number` });
          return;
        }
        const row: SelfReportedRow = {
          dataset,
          config: text(result.dataset.config),
          split: text(result.dataset.split),
          task: result.task.type,
          metric: m.type,
          metricName: typeof m.name === "string" ? m.name : null,
          value,
          source: result.source ? { url: result.source.url, ...(typeof result.source.name === "string" ? { name: result.source.name } : {}) } : null,
        };
        const key = selfReportedKey(row);
        if (seen.has(key)) {
          skipped.push({ reason: `${where}: a second value for the same task, config, split and metric` });
          return;
        }
        seen.add(key);
        rows.push(row);
      });
    });
  });
  return { rows, skipped, readable: true };
}
