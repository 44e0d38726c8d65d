import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { metricLabel } from "@/server/metrics/labels";
import { plainFailure } from "@/server/notifications/plain-failure";
import type { NotificationRecord } from "@/server/notifications/types";
import { submissionStatus, toEvaluationView, type EvaluationView } from "./views";

export interface SubmissionEvaluationView extends EvaluationView {
  /** Why it failed or was cancelled, in plain words (null otherwise). */
  failure: string | null;
}

export interface SubmissionView {
  id: string;
  status: ReturnType<typeof submissionStatus>;
  dataset: string;
  config: string;
  split: string;
  task: string;
  metrics: string[];
  /** Display names, e.g. "F1 (macro)". */
  metricLabels: Record<string, string>;
  columnMapping: Record<string, string>;
  username: string | null;
  createPr: boolean;
  createdAt: string;
  /** Whether an email address was given (the address itself is never shown). */
  hasEmail: boolean;
  /** The in-app notice: what the one notification did on each channel, once sent. */
  notification: NotificationRecord | null;
  notifiedAt: string | null;
  evaluations: SubmissionEvaluationView[];
}

/** Older rows (or a worker without a notifier) may hold another shape: only a full record is shown. */
function isNotificationRecord(v: unknown): v is NotificationRecord {
  const r = v as Partial<NotificationRecord> | null;
  return !!r && typeof r === "object" && (r.state === "sending" || r.state === "retrying" || r.state === "sent") && typeof r.summary === "string";
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function getSubmission(opts: { db: Db; id: string }): Promise<SubmissionView> {
  if (!UUID.test(opts.id)) throw new AppError("NOT_FOUND", `Submission ${opts.id} does not exist.`);
  const s = await opts.db.submission.findUnique({
    where: { id: opts.id },
    include: { evaluations: { include: { results: true, pullRequest: true }, orderBy: { createdAt: "asc" } } },
  });
  if (!s) throw new AppError("NOT_FOUND", `Submission ${opts.id} does not exist.`);
  const evaluations = s.evaluations.map((row) => {
    const e = toEvaluationView(row);
    return { ...e, failure: plainFailure(e.status, e.failureReason) };
  });
  return {
    id: s.id,
    status: submissionStatus(evaluations.map((e) => e.status)),
    dataset: s.dataset,
    config: s.config,
    split: s.split,
    task: s.task,
    metrics: s.metrics,
    metricLabels: Object.fromEntries(s.metrics.map((m) => [m, metricLabel(m)])),
    columnMapping: s.columnMapping as Record<string, string>,
    username: s.username,
    createPr: s.createPr,
    createdAt: s.createdAt.toISOString(),
    hasEmail: Boolean(s.email),
    notification: isNotificationRecord(s.notification) ? s.notification : null,
    notifiedAt: s.notifiedAt?.toISOString() ?? null,
    evaluations,
  };
}
