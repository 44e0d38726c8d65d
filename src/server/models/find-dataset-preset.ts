import { datasetInfo, HubApiError } from "@huggingface/hub";
import type { Db } from "@/server/db/client";
import { readEvalIndex } from "@/server/datasets/get-dataset-options";
import { AppError } from "@/server/errors";
import type { HubConfig } from "@/server/hub/hub-config";
import type { TaskId } from "@/server/tasks";

/** How to evaluate a model of some task on a dataset without asking the user for a mapping. */
export interface DatasetPreset {
  config: string;
  split: string;
  columnMapping: Record<string, string>;
  metrics: string[];
  /** The dataset card's train-eval-index, or the mapping of the latest submission of this task on the dataset. */
  source: "train-eval-index" | "previous-submission";
}

export interface FindDatasetPresetOptions {
  db: Db;
  hub: HubConfig;
  dataset: string;
  task: TaskId;
  /** Narrow to this config / split; a preset for another one does not match. */
  config?: string;
  split?: string;
  /** The dataset card's metadata when the caller already has it (saves a hub call). */
  cardData?: Record<string, unknown>;
}

/**
 * The dataset's preset for a task: its card's `train-eval-index` first, else the column mapping of
 * the latest submission of that task on that dataset (a leaderboard already exists, so the mapping
 * has been validated once). Null when neither exists. A dataset missing from the hub is a 404.
 */
export async function findDatasetPreset(opts: FindDatasetPresetOptions): Promise<DatasetPreset | null> {
  const cardData = opts.cardData ?? (await readCardData(opts.hub, opts.dataset));
  const fromCard = readEvalIndex(cardData["train-eval-index"]).find(
    (p) => p.task === opts.task && (!opts.config || p.config === opts.config) && (!opts.split || p.split === opts.split),
  );
  if (fromCard) {
    return { config: fromCard.config, split: fromCard.split, columnMapping: fromCard.columnMapping, metrics: fromCard.metrics, source: "train-eval-index" };
  }
  const previous = await opts.db.submission.findFirst({
    where: {
      dataset: opts.dataset,
      task: opts.task,
      ...(opts.config ? { config: opts.config } : {}),
      ...(opts.split ? { split: opts.split } : {}),
      evaluations: { some: { status: "succeeded" } },
    },
    orderBy: { createdAt: "desc" },
  });
  if (!previous) return null;
  return {
    config: previous.config,
    split: previous.split,
    columnMapping: previous.columnMapping as Record<string, string>,
    metrics: previous.metrics,
    source: "previous-submission",
  };
}

async function readCardData(hub: HubConfig, name: string): Promise<Record<string, unknown>> {
  try {
    const info = await datasetInfo({ name, hubUrl: hub.hubUrl, accessToken: hub.accessToken, fetch: hub.fetch, additionalFields: ["cardData"] });
    return ((info as { cardData?: unknown }).cardData as Record<string, unknown> | undefined) ?? {};
  } catch (err) {
    if (err instanceof HubApiError && (err.statusCode === 404 || err.statusCode === 401)) {
      throw new AppError("NOT_FOUND", `Dataset ${name} does not exist on the hub.`, { field: "dataset" });
    }
    throw new AppError("UPSTREAM", `Could not read the card of dataset ${name}: ${(err as Error).message}`, { field: "dataset" });
  }
}
