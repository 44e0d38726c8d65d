import type { Leaderboard } from "./get-leaderboard";

/** One RFC 4180 field: quoted when it holds a comma, a quote, CR or LF; quotes doubled. */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  const text = typeof value === "number" ? (Number.isFinite(value) ? String(value) : "") : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The leaderboard as RFC 4180 CSV (CRLF line ends, a header row), rows in the board's order:
 * model, model_sha, config, split, task, then per metric its value and 95% CI bounds, then
 * whether it is tied with the leader and by which test, verified, source ("evalhub" or
 * "self-reported") and evaluation_id (empty for self-reported rows). Values are full precision.
 */
export function leaderboardToCsv(board: Leaderboard): string {
  const header = [
    "rank",
    "model",
    "model_sha",
    "config",
    "split",
    "task",
    ...board.metrics.flatMap((m) => [m, `${m}_ci_low`, `${m}_ci_high`]),
    "tied_with_leader",
    "tie_test",
    "verified",
    "source",
    "evaluation_id",
  ];
  const lines = [header.map(csvField).join(",")];
  for (const r of board.rows) {
    lines.push(
      [
        r.rank,
        r.model,
        r.modelSha,
        r.config,
        r.split,
        r.task,
        ...board.metrics.flatMap((m) => [r.results[m], r.intervals[m]?.[0], r.intervals[m]?.[1]]),
        r.tied,
        r.tie?.test,
        r.verified,
        r.source,
        r.evaluationId,
      ]
        .map(csvField)
        .join(","),
    );
  }
  return lines.join("\r\n") + "\r\n";
}

/** A file name for the export, e.g. `evalhub-demo_sst2-default-validation-leaderboard.csv`. */
export function leaderboardFileName(board: Leaderboard, ext: "csv" | "json"): string {
  const parts = [board.dataset, board.config, board.split, board.task].filter(Boolean).join("-");
  return `${parts.replace(/[^\w.-]+/g, "_")}-leaderboard.${ext}`;
}
