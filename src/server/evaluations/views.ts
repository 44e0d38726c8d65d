import type { Evaluation, PullRequest, Result } from "@/generated/prisma/client";

export type EvaluationStatus = "queued" | "running" | "succeeded" | "failed" | "cancelled";

export interface EvaluationView {
  id: string;
  model: string;
  modelSha: string;
  status: EvaluationStatus;
  progress: number;
  processed: number;
  total: number | null;
  examplesPerSecond: number | null;
  failureReason: string | null;
  results: Record<string, number>;
  /** Per metric, the EdDSA JWT this deployment signed over the result (check it at POST /api/verify). */
  verifyTokens: Record<string, string>;
  /** 95% percentile bootstrap interval per metric, when computed. */
  intervals: Record<string, [number, number]>;
  pullRequestUrl: string | null;
  /** Set when a seeded sample of the split was evaluated (EVAL_MAX_ROWS). */
  sampling: { rule: string; seed: number; population: number; size: number } | null;
  /** Rows whose cells could not be used, with examples (row, column, reason). */
  invalidRows: { count: number; examples: { row: number; column: string; reason: string }[] } | null;
  pullRequestError: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

type Row = Evaluation & { results: Result[]; pullRequest: PullRequest | null };

export function toEvaluationView(e: Row): EvaluationView {
  const manifest = (e.manifest as Record<string, unknown> | null) ?? {};
  const timings = manifest.timings as { examplesPerSecond?: number } | undefined;
  const elapsed = e.startedAt ? (Date.now() - e.startedAt.getTime()) / 1000 : 0;
  const liveRate = e.status === "running" && elapsed > 0 && e.processed > 0 ? e.processed / elapsed : null;
  return {
    id: e.id,
    model: e.model,
    modelSha: e.modelSha,
    status: e.status,
    progress: e.progress,
    processed: e.processed,
    total: e.total,
    examplesPerSecond: timings?.examplesPerSecond ?? (liveRate !== null ? Math.round(liveRate * 10) / 10 : null),
    failureReason: e.failureReason,
    results: Object.fromEntries(e.results.map((r) => [r.metric, r.value])),
    verifyTokens: Object.fromEntries(e.results.flatMap((r) => (r.verifyToken ? [[r.metric, r.verifyToken]] : []))),
    intervals: Object.fromEntries(e.results.filter((r) => r.ciLow !== null && r.ciHigh !== null).map((r) => [r.metric, [r.ciLow!, r.ciHigh!]])),
    pullRequestUrl: e.pullRequest?.url ?? null,
    sampling: (manifest.sampling as EvaluationView["sampling"] | undefined) ?? null,
    invalidRows: ((manifest.rows as { invalid?: EvaluationView["invalidRows"] } | undefined)?.invalid ?? null),
    pullRequestError: typeof manifest.pullRequestError === "string" ? manifest.pullRequestError : null,
    createdAt: e.createdAt.toISOString(),
    startedAt: e.startedAt?.toISOString() ?? null,
    finishedAt: e.finishedAt?.toISOString() ?? null,
  };
}

/** A submission's status from its evaluations'. */
export function submissionStatus(statuses: EvaluationStatus[]): "queued" | "running" | "succeeded" | "failed" | "cancelled" | "partially_failed" {
  if (statuses.every((s) => s === "queued")) return "queued";
  if (statuses.some((s) => s === "queued" || s === "running")) return "running";
  if (statuses.every((s) => s === "succeeded")) return "succeeded";
  if (statuses.every((s) => s === "cancelled")) return "cancelled";
  return statuses.every((s) => s === "failed") ? "failed" : "partially_failed";
}
