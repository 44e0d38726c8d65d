import type { EvaluationView } from "@/server/evaluations/views";

/** "about 45 s left", "about 3 min left", "about 1 h 5 min left". */
export function formatEta(seconds: number): string {
  const s = Math.max(1, Math.round(seconds));
  if (s < 90) return `about ${s} s left`;
  const min = Math.round(s / 60);
  if (min < 60) return `about ${min} min left`;
  return `about ${Math.floor(min / 60)} h${min % 60 ? ` ${min % 60} min` : ""} left`;
}

/** Examples per second with a sensible precision. */
export function formatRate(rate: number): string {
  return `${rate >= 10 ? Math.round(rate).toLocaleString("en") : rate.toFixed(1)} examples/s`;
}

type Progress = Pick<EvaluationView, "status" | "processed" | "total" | "examplesPerSecond">;

/**
 * The line under a progress bar: how far, how fast, and how long is left. Before the first batch
 * there is no rate yet, so the ETA says "estimating" instead of guessing.
 */
export function progressText(e: Progress): string {
  const count = e.total ? `${e.processed.toLocaleString("en")} / ${e.total.toLocaleString("en")} examples` : `${e.processed.toLocaleString("en")} examples`;
  switch (e.status) {
    case "queued":
      return "Waiting for a worker";
    case "running": {
      if (!e.examplesPerSecond || !e.total || e.processed === 0) return `${count} · ETA: estimating…`;
      const left = Math.max(0, e.total - e.processed) / e.examplesPerSecond;
      return `${count} · ${formatRate(e.examplesPerSecond)} · ETA: ${formatEta(left)}`;
    }
    case "succeeded":
      return e.examplesPerSecond ? `${count} · ${formatRate(e.examplesPerSecond)}` : count;
    default:
      return e.processed > 0 ? `Stopped at ${count}` : "Stopped before the first example";
  }
}
