import type { Db } from "@/server/db/client";
import type { PredictionFormat } from "@/schemas/evaluation-examples";
import { loadEvaluationPredictions, type EvaluationPredictions } from "./load-evaluation-predictions";

export interface ExportPredictionsOptions {
  db: Db;
  id: string;
  format: PredictionFormat;
}

export interface PredictionsExport {
  filename: string;
  contentType: string;
  /** The file, produced in chunks of rows (so a large split is never one string). */
  body: ReadableStream<Uint8Array>;
}

const CHUNK = 2_000;

/** A CSV cell (RFC 4180): quoted when it holds a comma, quote or line break; structures as JSON. */
function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? "" : typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : JSON.stringify(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function lines(data: EvaluationPredictions, format: PredictionFormat): (i: number) => string {
  if (format === "jsonl") {
    return (i) => {
      const { predictionId: _p, referenceId: _r, ...e } = data.example(i);
      return `${JSON.stringify(e)}\n`;
    };
  }
  const scored = data.kind === "label" && data.labels.length > 0;
  return (i) => {
    const e = data.example(i);
    const cells: unknown[] = [e.row, e.prediction, e.reference, e.correct];
    if (scored) cells.push(...data.labels.map((l) => e.scores?.[l] ?? 0));
    return `${cells.map(csvCell).join(",")}\n`;
  };
}

/**
 * Every stored prediction of an evaluation with its row index, prediction and reference (label
 * names and a probability per label for label tasks; the stored structures for other tasks).
 */
export async function exportPredictions(opts: ExportPredictionsOptions): Promise<PredictionsExport> {
  const data = await loadEvaluationPredictions({ db: opts.db, id: opts.id });
  const ev = data.evaluation;
  const slug = `${ev.model}__${ev.dataset}__${ev.config}__${ev.split}`.replace(/[^\w.-]+/g, "_");
  const line = lines(data, opts.format);
  const header =
    opts.format === "csv"
      ? `${["row", "prediction", "reference", "correct", ...(data.kind === "label" ? data.labels.map((l) => `score:${l}`) : [])].map(csvCell).join(",")}\n`
      : "";
  const encoder = new TextEncoder();
  let next = 0;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (header) controller.enqueue(encoder.encode(header));
    },
    pull(controller) {
      if (next >= data.length) return controller.close();
      let chunk = "";
      const end = Math.min(data.length, next + CHUNK);
      for (; next < end; next++) chunk += line(next);
      controller.enqueue(encoder.encode(chunk));
    },
  });
  return {
    filename: `${slug}-predictions.${opts.format}`,
    contentType: opts.format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
    body,
  };
}
