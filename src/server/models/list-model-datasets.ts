import { listDatasets } from "@huggingface/hub";
import type { Db } from "@/server/db/client";
import type { HubConfig } from "@/server/hub/hub-config";
import { ttlCache } from "@/server/ttl-cache";
import { TASKS, type TaskId } from "@/server/tasks";
import { findDatasetPreset, type DatasetPreset } from "./find-dataset-preset";

export interface DatasetCandidate {
  dataset: string;
  /** How it would be evaluated in one click; null when the user must map columns in /evaluate. */
  preset: DatasetPreset | null;
  /** Already on a leaderboard for this task. */
  hasLeaderboard: boolean;
  /** Why the preset could not be read, when it could not. */
  error?: string;
}

export interface ListModelDatasetsOptions {
  db: Db;
  hub: HubConfig;
  task: TaskId;
  /** At most this many datasets (default 20). */
  limit?: number;
}

/**
 * Datasets to evaluate a model of `task` on: those with leaderboard rows for the task, then the
 * hub's datasets of that task category, at most `limit`. Those with a preset come first.
 */
export async function listModelDatasets(opts: ListModelDatasetsOptions): Promise<{ candidates: DatasetCandidate[]; warnings: string[] }> {
  const limit = opts.limit ?? 20;
  const warnings: string[] = [];
  const onBoards = await opts.db.submission.findMany({
    where: { task: opts.task, evaluations: { some: { status: "succeeded" } } },
    distinct: ["dataset"],
    select: { dataset: true },
    take: limit,
  });
  const cards = new Map<string, Record<string, unknown> | undefined>(onBoards.map((s) => [s.dataset, undefined]));
  const boardSet = new Set(cards.keys());
  try {
    for (const [name, card] of await listTaskDatasetCards(opts.hub, opts.task, limit)) cards.set(name, card);
  } catch (err) {
    warnings.push(`Could not list ${opts.task} datasets on the hub: ${(err as Error).message}`);
  }
  const names = [...cards.keys()].slice(0, limit);
  const candidates = await Promise.all(
    names.map(async (dataset): Promise<DatasetCandidate> => {
      const hasLeaderboard = boardSet.has(dataset);
      try {
        const preset = await findDatasetPreset({ db: opts.db, hub: opts.hub, dataset, task: opts.task, cardData: cards.get(dataset) });
        return { dataset, preset, hasLeaderboard };
      } catch (err) {
        return { dataset, preset: null, hasLeaderboard, error: (err as Error).message };
      }
    }),
  );
  candidates.sort((a, b) => Number(!!b.preset) - Number(!!a.preset) || a.dataset.localeCompare(b.dataset));
  return { candidates, warnings };
}

/** The hub's datasets of a task category with their cards (cached for a minute: every model page view asks). */
const listTaskDatasetCards = ttlCache(
  60_000,
  (hub: HubConfig, task: TaskId, limit: number) => JSON.stringify([hub.hubUrl, task, limit]),
  async (hub: HubConfig, task: TaskId, limit: number) => {
    const out: [string, Record<string, unknown>][] = [];
    for await (const d of listDatasets({
      search: { tags: [`task_categories:${TASKS[task].pipelineTag}`] },
      additionalFields: ["cardData"],
      hubUrl: hub.hubUrl,
      accessToken: hub.accessToken,
      fetch: hub.fetch,
      limit,
    })) {
      out.push([d.name, ((d as { cardData?: unknown }).cardData as Record<string, unknown> | undefined) ?? {}]);
    }
    return out;
  },
);
