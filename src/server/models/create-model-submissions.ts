import { CreateModelEvaluationsSchema } from "@/schemas/model-evaluations";
import { AppError, toErrorResponse } from "@/server/errors";
import { createSubmission, type CreateSubmissionOptions } from "@/server/evaluations/create-submission";
import { ZodError } from "zod";
import { findDatasetPreset } from "./find-dataset-preset";
import { getModelResults } from "./get-model-results";

/** The same dependencies as createSubmission, for one model and several datasets. */
export interface CreateModelSubmissionsOptions extends CreateSubmissionOptions {
  /** Model id, owner/name. */
  model: string;
}

export type ModelSubmissionOutcome =
  | { dataset: string; config: string; split: string; status: "created"; submissionId: string; submissionUrl: string }
  | { dataset: string; config?: string; split?: string; status: "failed"; error: string; fields?: Record<string, string>; mapUrl?: string };

export interface CreatedModelSubmissions {
  model: string;
  task: string;
  results: ModelSubmissionOutcome[];
  created: number;
  failed: number;
}

/**
 * One submission per requested dataset, each preconfigured from the dataset's preset for the
 * model's task. Datasets are independent: one failing validation is reported next to the others
 * that were created.
 */
export async function createModelSubmissions(opts: CreateModelSubmissionsOptions): Promise<CreatedModelSubmissions> {
  const input = CreateModelEvaluationsSchema.parse(opts.input);
  const info = await getModelResults({ db: opts.db, hub: opts.hub, model: opts.model });
  if (!info.onHub) throw new AppError("NOT_FOUND", `Model ${opts.model} does not exist on the hub.`, { field: "model" });
  if (info.hubError) throw new AppError("UPSTREAM", info.hubError);
  if (!info.task) {
    const why = info.pipelineTag ? `its pipeline tag "${info.pipelineTag}" is not a task EvalHub runs` : "it has no pipeline tag";
    throw new AppError("UNPROCESSABLE", `Cannot pick datasets for ${opts.model}: ${why}. Use /evaluate to configure an evaluation by hand.`, { field: "model" });
  }
  const task = info.task;
  // Sequential: each submission validates against the hub and may run inference bookkeeping.
  const results: ModelSubmissionOutcome[] = [];
  for (const d of input.datasets) {
    const mapUrl = `/evaluate?${new URLSearchParams({ dataset: d.dataset })}`;
    try {
      const preset = await findDatasetPreset({ db: opts.db, hub: opts.hub, dataset: d.dataset, task, config: d.config, split: d.split });
      if (!preset) {
        const where = [d.config, d.split].filter(Boolean).join("/");
        results.push({
          ...d,
          status: "failed",
          error: `${d.dataset}${where ? ` (${where})` : ""} has no evaluation metadata for ${task}; map its columns in the evaluation form.`,
          mapUrl,
        });
        continue;
      }
      const created = await createSubmission({
        input: {
          dataset: d.dataset,
          config: preset.config,
          split: preset.split,
          task,
          columnMapping: preset.columnMapping,
          ...(preset.metrics.length ? { metrics: preset.metrics } : {}),
          models: [opts.model],
          username: input.username,
          email: input.email,
          createPr: input.createPr,
        },
        db: opts.db,
        hub: opts.hub,
        queue: opts.queue,
        publicUrl: opts.publicUrl,
        inference: opts.inference,
        maxRows: opts.maxRows,
      });
      results.push({ dataset: d.dataset, config: preset.config, split: preset.split, status: "created", submissionId: created.id, submissionUrl: `/submissions/${created.id}` });
    } catch (err) {
      // Only explained failures are per-dataset verdicts; a fault of ours fails the request.
      if (!(err instanceof AppError || err instanceof ZodError)) throw err;
      const { body } = toErrorResponse(err);
      results.push({ ...d, status: "failed", error: body.error, ...(body.fields ? { fields: body.fields } : {}), mapUrl });
    }
  }
  const created = results.filter((r) => r.status === "created").length;
  return { model: opts.model, task, results, created, failed: results.length - created };
}
