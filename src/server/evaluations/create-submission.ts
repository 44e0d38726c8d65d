import type { Prisma } from "@/generated/prisma/client";
import type { Queue } from "bullmq";
import { CreateSubmissionSchema } from "@/schemas/submission";
import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { HubConfig } from "@/server/hub/hub-config";
import type { InferenceConfig } from "@/server/inference/inference-config";
import { fairPriorities } from "@/server/jobs/fair-priority";
import { ENQUEUE_TIMEOUT_MS, enqueueSubmission, withinMs } from "@/server/queue";
import { ZodError } from "zod";
import { TASKS, parseTaskParameters, type TaskId } from "@/server/tasks";
import { finalizeEvaluations } from "./finalize-evaluations";
import { prepareDataset, prepareModel, type PreparedEvaluation } from "./prepare-evaluation";

export interface CreateSubmissionOptions {
  /** The raw request body; validated here. */
  input: unknown;
  db: Db;
  hub: HubConfig;
  queue: Queue;
  publicUrl: string;
  /** Operator configuration of remote endpoints. */
  inference?: InferenceConfig;
  /** Optional cap on rows per evaluation (EVAL_MAX_ROWS); part of the evaluation key. */
  maxRows?: number | null;
}

export interface CreatedSubmission {
  id: string;
  evaluations: { id: string; model: string; status: string }[];
}

/**
 * Validates a submission against the hub (dataset, split, columns, models, labels), stores it,
 * and queues one job per evaluation key. Nothing is stored unless every model is runnable.
 */
export async function createSubmission(opts: CreateSubmissionOptions): Promise<CreatedSubmission> {
  const input = CreateSubmissionSchema.parse(opts.input);
  const task = TASKS[input.task];
  const metrics = input.metrics?.length ? input.metrics : task.defaultMetrics;
  const notApplicable = metrics.filter((m) => !(task.metrics as string[]).includes(m));
  if (notApplicable.length) {
    throw new AppError("UNPROCESSABLE", `Metrics ${notApplicable.join(", ")} do not apply to ${task.id}.`, { field: "metrics" });
  }
  const parameters = taskParameters(input.task, input.parameters);
  const dataset = await prepareDataset({ hub: opts.hub, ...input });
  const settled = await Promise.allSettled(
    input.models.map((model, i) =>
      prepareModel({
        hub: opts.hub,
        dataset,
        task: input.task,
        columnMapping: input.columnMapping,
        parameters,
        model,
        limit: opts.maxRows,
        labelMapping: input.labelMapping,
        inference: opts.inference,
        field: `models.${i}`,
      }),
    ),
  );
  const failures = settled.flatMap((s, i) => (s.status === "rejected" ? [{ i, err: s.reason as Error }] : []));
  if (failures.length) {
    const unexpected = failures.find((f) => !(f.err instanceof AppError));
    if (unexpected) throw unexpected.err;
    // Blame the model, unless the error is about another input (e.g. labelMapping).
    const fieldOf = (f: (typeof failures)[number]) => ((f.err as AppError).field === "labelMapping" ? "labelMapping" : `models.${f.i}`);
    const fields = Object.fromEntries(failures.map((f) => [fieldOf(f), f.err.message]));
    const status = failures.every((f) => (f.err as AppError).code === "NOT_FOUND") ? "NOT_FOUND" : "UNPROCESSABLE";
    throw new AppError(status, failures.map((f) => f.err.message).join(" "), {
      fields,
      details: failures.map((f) => ({ model: input.models[f.i], ...(((f.err as AppError).details as object | undefined) ?? {}) })),
    });
  }
  const prepared = settled.map((s) => (s as PromiseFulfilledResult<PreparedEvaluation>).value);

  const submission = await opts.db.submission.create({
    data: {
      dataset: dataset.repo.name,
      config: input.config,
      split: input.split,
      task: input.task,
      columnMapping: input.columnMapping,
      labelMapping: input.labelMapping,
      taskParameters: parameters as Prisma.InputJsonObject,
      metrics,
      username: input.username ?? null,
      email: input.email ?? null,
      createPr: input.createPr,
      evaluations: {
        create: prepared.map((p) => ({
          model: p.model,
          modelSha: p.modelSha,
          datasetSha: dataset.repo.sha,
          evaluationKey: p.key,
          runner: p.runner.name,
          total: Math.min(dataset.numRows, p.limit ?? Infinity),
          manifest: { limit: p.limit },
        })),
      },
    },
    include: { evaluations: true },
  });

  for (const key of new Set(prepared.map((p) => p.key))) {
    // Already computed: score the stored predictions now instead of running inference again.
    await finalizeEvaluations({ db: opts.db, hub: opts.hub, evaluationKey: key, publicUrl: opts.publicUrl });
  }
  await enqueueCreated(opts, submission.id);
  const fresh = await opts.db.evaluation.findMany({ where: { submissionId: submission.id }, orderBy: { createdAt: "asc" } });
  const order = new Map(input.models.map((m, i) => [m, i]));
  fresh.sort((a, b) => (order.get(a.model) ?? 0) - (order.get(b.model) ?? 0));
  return { id: submission.id, evaluations: fresh.map((e) => ({ id: e.id, model: e.model, status: e.status })) };
}

/** The task's parameters with defaults, or a 422 naming each bad parameter as `parameters.<name>`. */
function taskParameters(task: TaskId, raw: unknown): Record<string, unknown> {
  try {
    return parseTaskParameters(task, raw);
  } catch (err) {
    if (!(err instanceof ZodError)) throw err;
    const fields = Object.fromEntries(err.issues.map((i) => [["parameters", ...i.path.map(String)].join("."), i.message]));
    throw new AppError("UNPROCESSABLE", `Invalid parameters for ${task}: ${Object.entries(fields).map(([f, m]) => `${f} ${m}`).join("; ")}.`, { fields });
  }
}

/**
 * Queues the submission's flow: a job per evaluation still to run (fair priorities between
 * submitters) under the notification parent. If Redis is unreachable the rows stay queued in
 * PostgreSQL and the worker's reconciler enqueues them once it is back.
 */
async function enqueueCreated(opts: CreateSubmissionOptions, submissionId: string): Promise<void> {
  const queued = await opts.db.evaluation.findMany({
    where: { submissionId, status: "queued" },
    select: { id: true },
    orderBy: { createdAt: "asc" },
  });
  const ids = queued.map((e) => e.id);
  const priorities = await fairPriorities(opts.db, submissionId, ids);
  try {
    await withinMs(ENQUEUE_TIMEOUT_MS, "enqueue", enqueueSubmission(opts.queue, { submissionId, evaluations: ids.map((id) => ({ id, priority: priorities.get(id)! })) }));
  } catch {
    // Left to the reconciler (see src/server/jobs/reconcile.ts).
  }
}
